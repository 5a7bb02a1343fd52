package org.sqlite3j.cli;

import java.io.IOException;
import java.nio.file.Path;

import org.jline.reader.EOFError;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.ParsedLine;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.reader.impl.completer.StringsCompleter;
import org.jline.terminal.Terminal;
import org.sqlite3j.dbapi.Sqlite3;

/**
 * Lines from a terminal through JLine: line editing, Ctrl-R search, completion of dot-commands, and a
 * history kept in a file (saved as each entry is made). A statement typed over several lines is one
 * entry — one edit buffer, one history entry — since the parser tells JLine to continue (prompt
 * {@code "    ... "}) until {@link Sqlite3#completeStatement} says it is complete; a dot-command is
 * always one line. History expansion ({@code !}) is off — SQL uses {@code !=} — and JLine's own quote
 * handling is off.
 */
final class JLineSource implements LineSource {
    private final Terminal terminal;
    private final LineReader reader;
    /** The shell's Ctrl-C handler, put back after each line (null: none). */
    private final Terminal.SignalHandler onInterrupt;

    /**
     * @param terminal    the terminal (owned by the caller)
     * @param historyFile where history is kept, or null for none
     */
    JLineSource(Terminal terminal, Path historyFile) {
        this(terminal, historyFile, null);
    }

    /**
     * @param onInterrupt the shell's Ctrl-C handler while a statement runs, installed here. JLine
     *                    installs its own handler while it reads a line and puts the previous one back only after it has
     *                    restored the terminal's modes: a Ctrl-C pressed in between reached JLine's
     *                    handler, which interrupts the reading thread instead of the statement, and a
     *                    shell under such a key press once ignored Ctrl-C for the whole statement. So
     *                    the handler is put back here after each line, and the stray thread interrupt
     *                    is cleared (the statement has not started; nothing is lost).
     */
    JLineSource(Terminal terminal, Path historyFile, Terminal.SignalHandler onInterrupt) {
        this.terminal = terminal;
        this.onInterrupt = onInterrupt;
        if (onInterrupt != null) {
            terminal.handle(Terminal.Signal.INT, onInterrupt);
        }
        DefaultParser parser = new StatementParser();
        parser.setEscapeChars(new char[0]);
        parser.setQuoteChars(new char[0]);
        parser.setEofOnUnclosedQuote(false);
        LineReaderBuilder builder = LineReaderBuilder.builder().terminal(terminal).appName("sqlite3j")
                .parser(parser).completer(new StringsCompleter(DotCommands.NAMES))
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .variable(LineReader.SECONDARY_PROMPT_PATTERN, Shell.CONTINUATION)
                .option(LineReader.Option.HISTORY_IGNORE_SPACE, false); // keep indented continuation lines (stored stripped)
        if (historyFile != null) {
            builder.variable(LineReader.HISTORY_FILE, historyFile);
        } else {
            builder.variable(LineReader.DISABLE_HISTORY, true);
        }
        this.reader = builder.build();
    }

    /** JLine's parser, asking for more lines while the SQL statement typed is incomplete. */
    private static final class StatementParser extends DefaultParser {
        @Override
        public ParsedLine parse(String line, int cursor, ParseContext context) {
            if (context == ParseContext.ACCEPT_LINE && incomplete(line)) {
                throw new EOFError(-1, -1, "incomplete SQL statement", ";");
            }
            return super.parse(line, cursor, context);
        }

        private static boolean incomplete(String text) {
            return !text.isBlank() && !text.stripLeading().startsWith(".") && !Sqlite3.completeStatement(text + "\n");
        }
    }

    Terminal terminal() {
        return terminal;
    }

    @Override
    public String readLine(String prompt) {
        try {
            return reader.readLine(prompt);
        } catch (UserInterruptException e) {
            throw new Cancelled();
        } catch (EndOfFileException e) {
            return null;
        } finally {
            if (onInterrupt != null) {
                terminal.handle(Terminal.Signal.INT, onInterrupt);
                Thread.interrupted();
            }
        }
    }

    @Override
    public boolean interactive() {
        return true;
    }

    @Override
    public void close() throws IOException {
        reader.getHistory().save();
    }
}
