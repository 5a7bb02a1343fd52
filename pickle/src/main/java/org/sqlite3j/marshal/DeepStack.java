package org.sqlite3j.marshal;

import java.util.function.Supplier;

/**
 * Gives deep values a stack of their own. Marshal nests up to 2000 levels (CPython's
 * {@code MAX_MARSHAL_STACK_DEPTH}), which a small Java thread stack cannot hold (interpreted frames are
 * large). When reading or writing reaches {@link #HOP_DEPTH} on an ordinary thread, {@code dumps} and
 * {@code loads} throw {@link Restart} and start over on a fresh thread with a {@link #STACK_BYTES} stack
 * (reserved, committed only as used) while the caller waits: deep values pay one thread and the repeat
 * of their first levels, shallow values nothing. A stream cannot start over, so {@code load} moves only
 * the deep object's remaining work to such a thread.
 */
final class DeepStack {
    /** The nesting at which work moves to a big stack. */
    static final int HOP_DEPTH = 64;
    /** The requested stack of the big-stack thread: ample for 2000 levels even when interpreted. */
    static final long STACK_BYTES = 64L << 20;

    private DeepStack() {
    }

    /** Whether the current thread already is a big-stack thread. */
    static boolean onDeepStack() {
        return Thread.currentThread() instanceof Worker;
    }

    /** Runs {@code body} on a big-stack thread and returns its result or rethrows its exception. */
    static <T> T call(Supplier<T> body) {
        Worker<T> w = new Worker<>(body);
        w.start();
        boolean interrupted = false;
        while (true) {
            try {
                w.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (w.failure instanceof RuntimeException e) {
            throw e;
        }
        if (w.failure instanceof Error e) {
            throw e;
        }
        return w.result;
    }

    /** Thrown at {@link #HOP_DEPTH} to start a restartable job over on a big stack; never escapes the API. */
    static final class Restart extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final Restart INSTANCE = new Restart();

        private Restart() {
            super("restart on a big stack", null, false, false);
        }
    }

    /** Runs {@code job} here; if it hits {@link #HOP_DEPTH}, runs it again from scratch on a big stack. */
    static <T> T run(Supplier<T> job) {
        try {
            return job.get();
        } catch (Restart e) {
            return call(job);
        }
    }

    private static final class Worker<T> extends Thread {
        private final Supplier<T> body;
        private T result;
        private Throwable failure;

        Worker(Supplier<T> body) {
            super(null, null, "marshal-deep", STACK_BYTES);
            this.body = body;
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                result = body.get();
            } catch (Throwable e) {  // handed to the waiting caller, which rethrows it
                failure = e;
            }
        }
    }
}
