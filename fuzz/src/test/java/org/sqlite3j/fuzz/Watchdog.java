package org.sqlite3j.fuzz;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Catches the inputs no exception and no timing can: those that never finish (a loop that does not end).
 * While {@link Target#run} runs an input, a daemon thread watches it; when one input has run for
 * {@link #HANG_SECONDS}, the watchdog writes the input to {@code target/fuzz/hang-TARGET-SHA1} (replay it
 * by copying it into the corpus directory), prints the stuck thread's stack on the JVM's stderr, and stops
 * the JVM with status {@link #EXIT_STATUS}: Surefire then fails the build ("the forked VM terminated").
 */
final class Watchdog {

    /** How long one input may run before the JVM is stopped ({@code -Dsqlite3j.fuzz.hangSeconds}). */
    static final long HANG_SECONDS = Long.getLong("sqlite3j.fuzz.hangSeconds", 30);
    /** The status the JVM exits with on a hang. */
    static final int EXIT_STATUS = 70;

    private static volatile String target;
    private static volatile byte[] input;
    private static volatile Thread runner;
    private static volatile long startNanos;
    private static Thread watcher;

    private Watchdog() {
    }

    /** {@code target} starts running {@code data} on the current thread. */
    static synchronized void begin(String name, byte[] data) {
        target = name;
        input = data;
        runner = Thread.currentThread();
        startNanos = System.nanoTime();
        if (watcher == null) {
            watcher = new Thread(Watchdog::watch, "sqlite3j-fuzz-watchdog");
            watcher.setDaemon(true);
            watcher.start();
        }
    }

    /** The input started by {@link #begin} has finished. */
    static void end() {
        runner = null;
    }

    private static void watch() {
        while (true) {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
            Thread stuck = runner;
            if (stuck != null && System.nanoTime() - startNanos > HANG_SECONDS * 1_000_000_000L) {
                hang(stuck, target, input);
            }
        }
    }

    private static void hang(Thread stuck, String name, byte[] data) {
        @SuppressWarnings("resource") // the JVM's own stderr; the JVM stops below
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        Path file = FuzzRun.outputDir().resolve("hang-" + name + "-" + Invariants.sha1(data));
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, data);
        } catch (IOException e) {
            err.println("[fuzz] could not write the hanging input to " + file + ": " + e);
        }
        err.println("[fuzz] " + name + ": an input has run for more than " + HANG_SECONDS + " s: "
                + Invariants.describe(data) + "\n[fuzz] written to " + file + "; the stuck thread:");
        for (StackTraceElement frame : stuck.getStackTrace()) {
            err.println("[fuzz]     at " + frame);
        }
        Runtime.getRuntime().halt(EXIT_STATUS);
    }
}
