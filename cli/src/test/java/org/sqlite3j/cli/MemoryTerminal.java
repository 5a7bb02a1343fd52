package org.sqlite3j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import org.jline.terminal.Terminal;
import org.jline.terminal.impl.ExternalTerminal;

/**
 * A JLine terminal entirely in memory: JLine's line discipline in Java, writing what is printed to
 * {@code screen} on the printing thread, so all of it is there once the session returns. Not
 * {@code TerminalBuilder.builder().system(false).streams(..)}: that opens a native pty and copies its
 * output to {@code screen} on a pump thread, byte by byte, so what was printed just before
 * {@code close()} can still be in the pty, and is dropped, when the test reads the screen.
 */
final class MemoryTerminal {
    private MemoryTerminal() {
    }

    static Terminal open(InputStream keyboard, OutputStream screen) throws IOException {
        return new ExternalTerminal("sqlite3j-test", Terminal.TYPE_DUMB, keyboard, screen, StandardCharsets.UTF_8);
    }
}
