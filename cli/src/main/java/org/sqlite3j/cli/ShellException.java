package org.sqlite3j.cli;

/** A mistake in what the user typed (a dot-command's arguments, an option): shown as "Error: message". */
final class ShellException extends RuntimeException {
    ShellException(String message) {
        super(message);
    }
}
