package org.sqlite3j.cli;

import java.io.BufferedReader;
import java.io.IOException;

/** Lines from a plain stream (piped stdin, a file): no prompts, no editing, no history. */
final class ReaderSource implements LineSource {
    private final BufferedReader reader;

    ReaderSource(BufferedReader reader) {
        this.reader = reader;
    }

    @Override
    public String readLine(String prompt) throws IOException {
        return reader.readLine();
    }

    @Override
    public boolean interactive() {
        return false;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
