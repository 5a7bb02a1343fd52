package org.sqlite3j.cli;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.jline.terminal.Terminal;
import org.jline.utils.Signals;

/**
 * Passes the process's Ctrl-C ({@code INT}), window-size ({@code WINCH}) and resume ({@code CONT})
 * signals to a terminal built without native signals, through handlers registered once for the whole
 * session.
 *
 * <p>Why not JLine's own native signals: JLine registers a signal with the JVM again at every change
 * of the terminal's handler, and a line read changes the handlers of these three signals twice. JLine
 * 4.5.0 first puts back the handler that was there before it ever registered, then installs the new
 * one. For {@code INT} that earlier handler is the JVM's own, which exits the process with status 130:
 * a Ctrl-C pressed in that gap, as a line was taken or a prompt drawn, ended the shell. Here the
 * native handler never changes while the session lasts; {@link Terminal#handle} only chooses which
 * Java handler {@link Terminal#raise} calls, which is the whole of what JLine's line reader needs.
 *
 * <p>A process started with {@code INT} ignored (by {@code nohup}, or as a background job of a shell
 * without job control) keeps ignoring it: the JVM will not install a handler for it, so Ctrl-C does
 * nothing there, as in any Java program.
 */
final class SignalRelay implements AutoCloseable {
    private static final List<Terminal.Signal> RELAYED =
            List.of(Terminal.Signal.INT, Terminal.Signal.WINCH, Terminal.Signal.CONT);

    /** What each signal had before; null where the platform has no such signal. */
    private final Map<Terminal.Signal, Object> previous = new EnumMap<>(Terminal.Signal.class);

    /** Starts passing the signals to {@code terminal}. */
    SignalRelay(Terminal terminal) {
        for (Terminal.Signal signal : RELAYED) {
            previous.put(signal, Signals.register(signal.name(), () -> terminal.raise(signal)));
        }
    }

    /** Gives each signal back the handler it had before. */
    @Override
    public void close() {
        previous.forEach((signal, handler) -> Signals.unregister(signal.name(), handler));
        previous.clear();
    }
}
