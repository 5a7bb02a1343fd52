package org.sqlite3j.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** One run of {@link Main#run} with piped stdin (not a terminal), its exit status and both outputs. */
record ShellRun(int status, String out, String err) {

    /** Runs {@code sqlite3j args...} with {@code stdin} piped in. */
    static ShellRun of(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), out, err, false);
        return new ShellRun(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
