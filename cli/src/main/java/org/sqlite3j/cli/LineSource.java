package org.sqlite3j.cli;

import java.io.IOException;

/** Where the shell's input lines come from: a terminal with line editing, or a plain stream. */
interface LineSource extends AutoCloseable {
    /**
     * The next line without its line end, or null at the end of input.
     *
     * @param prompt shown first on a terminal; ignored by a plain stream
     * @throws Cancelled when the user pressed Ctrl-C (the statement being typed is dropped)
     */
    String readLine(String prompt) throws IOException;

    /** Whether this is an interactive terminal (prompts, banner, progress). */
    boolean interactive();

    @Override
    void close() throws IOException;

    /** Ctrl-C at the prompt. */
    final class Cancelled extends RuntimeException {
        Cancelled() {
            super("cancelled", null, false, false);
        }
    }
}
