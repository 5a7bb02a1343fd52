package org.sqlite3j.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.sqlite3j.dbapi.Connection;
import org.sqlite3j.dbapi.Cursor;
import org.sqlite3j.dbapi.Sqlite3;

/**
 * {@code .import [--csv] [--skip N] FILE TABLE} as the sqlite3 3.40 shell: when TABLE does not exist
 * it is created from the first record (after the skipped ones) with a TEXT column per field (an empty
 * name becomes {@code ?}, duplicates {@code name_1}, {@code name_2}, ...) and that record is not
 * inserted; when it exists every record is data. A record with too few fields is filled with NULL, one
 * with too many is cut, each with a warning ({@code FILE:LINE: expected 3 columns but found 2 -
 * filling the rest with NULL}); a failed INSERT is reported and the import goes on. All of it runs in
 * one transaction (when none is open).
 */
final class CsvImport {
    static final String USAGE = """
            usage: .import ?--csv? ?--skip N? FILE TABLE
               --csv       read FILE as CSV (the default in .mode csv; else the mode's separator)
               --skip N    skip the first N records of FILE""";

    private final Connection con;
    private final PrintWriter err;

    CsvImport(Connection con, PrintWriter err) {
        this.con = con;
        this.err = err;
    }

    /** Parses the arguments of {@code .import} and runs it; {@code separator} is the current mode's. */
    void run(List<String> args, char modeSeparator) {
        char separator = modeSeparator;
        long skip = 0;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--csv")) {
                separator = ',';
            } else if (arg.equals("--skip")) {
                if (i + 1 >= args.size()) {
                    throw usage("--skip needs a number of records");
                }
                skip = count(args.get(++i));
            } else if (arg.startsWith("-") && arg.length() > 1) {
                throw usage("unknown option \"" + arg + "\"");
            } else {
                names.add(arg);
            }
        }
        if (names.size() != 2) {
            throw usage(names.isEmpty() ? "missing FILE and TABLE" : names.size() == 1 ? "missing TABLE"
                    : "too many arguments: " + String.join(" ", names));
        }
        importFile(Path.of(names.get(0)), names.get(0), names.get(1), separator, skip);
    }

    private static ShellException usage(String problem) {
        return new ShellException(".import: " + problem + "\n" + USAGE);
    }

    private static long count(String text) {
        try {
            long n = Long.parseLong(text);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw usage("--skip takes a number of records (0 or more), not \"" + text + "\"");
    }

    private void importFile(Path path, String file, String table, char separator, long skip) {
        try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            CsvReader reader = new CsvReader(in, separator, file, err);
            for (long i = 0; i < skip; i++) {
                if (reader.next() == null) {
                    break;
                }
            }
            boolean ownTransaction = !con.inTransaction();
            if (ownTransaction) {
                con.execute("BEGIN");
            }
            boolean done = false;
            try {
                insertAll(reader, file, table);
                done = true;
            } finally {
                if (ownTransaction) {
                    con.execute(done ? "COMMIT" : "ROLLBACK");
                }
            }
        } catch (NoSuchFileException e) {
            throw new ShellException("cannot open \"" + file + "\"");
        } catch (IOException e) {
            throw new ShellException("cannot read \"" + file + "\": " + e.getMessage());
        } finally {
            err.flush();
        }
    }

    private void insertAll(CsvReader reader, String file, String table) throws IOException {
        int columns = columnCount(table);
        if (columns == 0) {
            List<String> header = reader.next();
            if (header == null) {
                throw new ShellException(file + ": empty file");
            }
            create(file, table, header);
            columns = header.size();
        }
        String insert = "INSERT INTO " + SqlNames.quoted(table) + " VALUES(" + "?,".repeat(columns - 1) + "?)";
        try (Cursor cur = con.cursor()) {
            while (true) {
                int startLine = reader.line();
                List<String> fields = reader.next();
                if (fields == null) {
                    break;
                }
                Object[] values = Arrays.copyOf(fields.toArray(), columns);
                if (fields.size() < columns) {
                    err.println(file + ":" + startLine + ": expected " + columns + " columns but found "
                            + fields.size() + " - filling the rest with NULL");
                } else if (fields.size() > columns) {
                    err.println(file + ":" + startLine + ": expected " + columns + " columns but found "
                            + fields.size() + " - extras ignored");
                }
                try {
                    cur.execute(insert, values);
                } catch (Sqlite3.Error e) {
                    err.println(file + ":" + startLine + ": INSERT failed: " + e.getMessage());
                }
            }
        }
    }

    /** The number of columns of {@code table}, 0 when there is no such table. */
    private int columnCount(String table) {
        return con.execute("SELECT count(*) FROM pragma_table_info(?)", table).fetchone().get(0) instanceof Number n
                ? n.intValue() : 0;
    }

    /** {@code CREATE TABLE IF NOT EXISTS "t"(\n"a" TEXT, "b" TEXT)} from the header, as sqlite3 3.40. */
    private void create(String file, String table, List<String> header) {
        List<String> names = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String field : header) {
            String name = field.isEmpty() ? "?" : field;
            names.add(name);
            seen.merge(name, 1, Integer::sum);
        }
        List<String> renamed = new ArrayList<>();
        Map<String, Integer> next = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (seen.get(name) > 1) {
                String unique = name + "_" + next.merge(name, 1, Integer::sum);
                renamed.add("\"" + name + "\" to \"" + unique + "\"");
                names.set(i, unique);
            }
        }
        if (!renamed.isEmpty()) {
            err.println("Columns renamed during .import " + file + " due to duplicates:");
            err.println(String.join(",\n", renamed));
        }
        StringBuilder sql = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(SqlNames.quoted(table)).append("(\n");
        for (int i = 0; i < names.size(); i++) {
            sql.append(i > 0 ? ", " : "").append(SqlNames.quoted(names.get(i))).append(" TEXT");
        }
        con.execute(sql.append(')').toString());
    }
}
