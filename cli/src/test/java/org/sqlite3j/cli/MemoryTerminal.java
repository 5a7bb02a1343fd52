package org.sqlite3j.cli;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.jline.terminal.Terminal;
import org.jline.terminal.impl.ExternalTerminal;

/**
 * A JLine terminal entirely in memory: JLine's line discipline in Java, writing what is printed to
 * {@code screen} on the printing thread, so all of it is there once the session returns. Not
 * {@code TerminalBuilder.builder().system(false).streams(..)}: that opens a native pty and copies its
 * output to {@code screen} on a pump thread, byte by byte, so what was printed just before
 * {@code close()} can still be in the pty, and is dropped, when the test reads the screen.
 *
 * <p>The keys are typed once the first prompt is on the screen, as a person types: JLine's input pump
 * echoes type-ahead the moment it arrives, which would otherwise land in the middle of the banner
 * while the shell is still printing it.
 */
final class MemoryTerminal {

    private MemoryTerminal() {
    }

    static Terminal open(InputStream keyboard, OutputStream screen) throws IOException {
        return open(keyboard, screen, Shell.PROMPT);
    }

    /** As {@link #open(InputStream, OutputStream)}, typing once {@code prompt} is on the screen. */
    static Terminal open(InputStream keyboard, OutputStream screen, String prompt) throws IOException {
        byte[] promptBytes = prompt.getBytes(StandardCharsets.UTF_8);
        CountDownLatch prompted = new CountDownLatch(1);
        OutputStream watched = new FilterOutputStream(screen) {
            private int matched;

            @Override
            public void write(int b) throws IOException {
                out.write(b);
                matched = b == promptBytes[matched] ? matched + 1 : (b == promptBytes[0] ? 1 : 0);
                if (matched == promptBytes.length) {
                    prompted.countDown();
                    matched = 0;
                }
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                for (int i = off; i < off + len; i++) {
                    write(b[i]);
                }
            }
        };
        InputStream typed = new FilterInputStream(keyboard) {
            private void awaitPrompt() throws IOException {
                try {
                    prompted.await(10, TimeUnit.SECONDS); // then type anyway: the test will say what went wrong
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for the prompt");
                }
            }

            @Override
            public int read() throws IOException {
                awaitPrompt();
                return super.read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                awaitPrompt();
                return super.read(b, off, len);
            }
        };
        return new ExternalTerminal("sqlite3j-test", Terminal.TYPE_DUMB, typed, watched, StandardCharsets.UTF_8);
    }
}
