package org.sqlite3j.reliability;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a crash child has been told by the library, written so that a SIGKILL cannot take it back: each
 * line goes to the kernel in one unbuffered {@code write(2)} the moment the call it reports returned
 * (a killed process loses its own buffers, never what the kernel holds). The parent reads the file
 * after the kill; a last line without its newline was cut by the kill and is not counted, so an
 * acknowledgement is only believed when it is whole.
 */
final class AckLog implements AutoCloseable {

    private final FileOutputStream out;

    private AckLog(FileOutputStream out) {
        this.out = out;
    }

    /** Opens {@code file} for appending (the child's side). */
    static AckLog open(Path file) {
        try {
            return new AckLog(new FileOutputStream(file.toFile(), true));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code line} and its newline in one system call; safe from several threads. */
    synchronized void line(String line) {
        try {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }

    /** The whole lines of {@code file} (the parent's side); empty when there is no file yet. */
    static List<String> read(Path file) {
        List<String> lines = new ArrayList<>();
        if (!Files.exists(file)) {
            return lines;
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int start = 0;
        for (int nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
            lines.add(text.substring(start, nl));
            start = nl + 1;
        }
        return lines;
    }
}
