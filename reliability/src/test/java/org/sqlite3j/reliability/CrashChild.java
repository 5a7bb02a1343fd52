package org.sqlite3j.reliability;

import java.nio.file.Path;

/**
 * The main class of the crash tests' child JVM: {@code CrashChild sql|dbm DIR SEED} opens every target
 * of {@link SqlWorkload} or {@link DbmWorkload} in {@code DIR}, waits for the file {@link #GO} there,
 * then writes them all at once, each in its own threads, logging each acknowledged write
 * ({@link AckLog}), until the parent kills it with SIGKILL. A watchdog ends it after
 * {@link #LIFETIME_SECONDS} should the parent be gone.
 */
public final class CrashChild {

    static final int LIFETIME_SECONDS = 120;
    /** The file whose appearance in DIR lets the writers start (see {@link ChildJvm#crash}). */
    static final String GO = "go";

    private CrashChild() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: CrashChild sql|dbm DIR SEED");
        }
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(LIFETIME_SECONDS * 1000L);
            } catch (InterruptedException ignored) {
                // ends below either way
            }
            System.err.println("CrashChild: not killed within " + LIFETIME_SECONDS + " s; halting");
            Runtime.getRuntime().halt(3);
        }, "watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        Path dir = Path.of(args[1]);
        long seed = Long.parseLong(args[2]);
        switch (args[0]) {
            case "sql" -> SqlWorkload.run(dir, seed);
            case "dbm" -> DbmWorkload.run(dir, seed);
            default -> throw new IllegalArgumentException("unknown workload " + args[0]);
        }
    }

    /** Waits (polling) until the parent creates {@link #GO} in {@code dir}. */
    static void awaitGo(Path dir) throws InterruptedException {
        Path go = dir.resolve(GO);
        while (!java.nio.file.Files.exists(go)) {
            Thread.sleep(5);
        }
    }

    /** Runs {@code body} in a thread that logs an unexpected exception as an "X" line before it ends. */
    static Thread writer(String name, AckLog log, ThrowingRunnable body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                log.line("X " + e.getClass().getName() + ": " + String.valueOf(e.getMessage()).replace('\n', ' '));
                e.printStackTrace();
            }
        }, name);
        t.start();
        return t;
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }
}
