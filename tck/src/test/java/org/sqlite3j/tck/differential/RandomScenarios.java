package org.sqlite3j.tck.differential;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Randomized scenarios for the differential test, in exactly the format of
 * {@code differential/scenarios/*.json} (see runner.py's docstring), so that runner.py and
 * {@link FacadeSession} run them unchanged.
 *
 * <p>Scenario {@code index} of {@code seed} depends on those two numbers only (each scenario has
 * its own random stream), so any scenario can be generated again alone to reproduce a
 * disagreement. A scenario has one or two random tables (1–6 columns of declared types with every
 * affinity and a few odd spellings, constraints, sometimes WITHOUT ROWID or STRICT), then a random
 * mix of statements: inserts (qmark, named, numbered parameters; OR IGNORE/REPLACE; upserts;
 * RETURNING), updates, deletes, selects with where/order/group/aggregates and interleaved
 * fetchone/fetchmany/fetchall, executemany, executescript, explicit BEGIN/COMMIT/ROLLBACK/
 * SAVEPOINT/RELEASE, commit()/rollback(), isolation_level and autocommit switches, constraint
 * violations, wrong binding counts, a second cursor, closing and reconnecting to a file database.
 * Values sit at type boundaries (0, ±1, the 32- and 64-bit limits, 2^53±1, ±0.0, subnormal and
 * huge doubles, NaN, ±inf, empty, long, non-BMP, quote- and NUL-containing text, empty and binary
 * blobs, bools, None).
 *
 * <p>Constructs whose outcome depends on the SQLite version (CPython links 3.40.1, sqlite3j
 * bundles 3.53) are left out: a REAL is never converted to text by SQLite (no REAL is stored in,
 * compared with or assigned to a column of TEXT affinity except a few whose text is the same in
 * every version; no quote(), printf(), ||, group_concat(), length() over REALs), no sum()/avg()/
 * total() over REALs (Kahan-Babuska summation since 3.43), no function newer than 3.40, every
 * ORDER BY is a total order, GROUP BY groups by type too (so that the group's representative
 * value is never a choice between 1 and 1.0), and no syntax errors (their messages vary).
 * Named placeholders are never bound from a sequence: that is a documented deliberate difference
 * (Python 3.13 warns, the facade refuses as 3.14 does; binding.json).
 *
 * <p>Also left out, each explained where it is avoided:
 * <ul>
 *   <li>RETURNING of bare columns from a table with a REAL column (SQLite 3.40.1 applies REAL
 *       affinity to the wrong returned columns; {@code typeof()} of them is returned instead);</li>
 *   <li>a schema change a ROLLBACK could undo (the schema is committed first): whether a pending
 *       SELECT is then aborted depends on its query plan, which differs between 3.40 and 3.53;</li>
 *   <li>rowid aliases near 2^63 (SQLite then picks rowids at random);</li>
 *   <li>a value that cannot be bound in a statement that may be cached: such statements get a
 *       unique comment, because CPython then raises the error the connection recorded last
 *       (binding.json's pending "binding fails after a failed run of the same statement");</li>
 *   <li>an unfinished statement on a cursor that is then dropped (con.execute replacing "con",
 *       reconnecting without close): CPython's reference counting resets it at once, the JVM
 *       does not.</li>
 * </ul>
 */
final class RandomScenarios {

    private RandomScenarios() {
    }

    /** The name of scenario {@code index} of {@code seed}; unique within a file. */
    static String name(long seed, int index) {
        return "random seed=" + seed + " #" + index;
    }

    /** Scenarios {@code from} to {@code from + count - 1} of {@code seed} as one scenario file (a JSON list). */
    static String file(long seed, int from, int count) {
        StringBuilder sb = new StringBuilder("[\n");
        for (int i = from; i < from + count; i++) {
            sb.append(scenario(seed, i));
            sb.append(i + 1 < from + count ? ",\n\n" : "\n");
        }
        return sb.append("]\n").toString();
    }

    /** One scenario as a JSON object, one step a line (as the hand-written files are laid out). */
    static String scenario(long seed, int index) {
        Map<String, Object> s = generate(seed, index);
        StringBuilder sb = new StringBuilder("{\"name\": ");
        writeJson(sb, s.get("name"));
        sb.append(",\n \"connect\": ");
        writeJson(sb, s.get("connect"));
        sb.append(",\n \"steps\": [");
        @SuppressWarnings("unchecked")
        List<Object> steps = (List<Object>) s.get("steps");
        for (int i = 0; i < steps.size(); i++) {
            sb.append(i == 0 ? "\n  " : ",\n  ");
            writeJson(sb, steps.get(i));
        }
        return sb.append("]}").toString();
    }

    /** Scenario {@code index} of {@code seed} as name, connect and steps. */
    static Map<String, Object> generate(long seed, int index) {
        long mixed = new SplittableRandom(seed).nextLong() ^ (0x9E3779B97F4A7C15L * (index + 1L));
        return new Builder(new SplittableRandom(mixed), name(seed, index)).build();
    }

    // ---- JSON -----------------------------------------------------------------------------------

    /** JSON text of strings, numbers, booleans, null, lists and maps; anything not ASCII escaped. */
    static void writeJson(StringBuilder sb, Object value) {
        if (value == null) {
            sb.append("null");
        } else if (value instanceof String) {
            String text = (String) value;
            sb.append('"');
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '"' || c == '\\') {
                    sb.append('\\').append(c);
                } else if (c == '\n') {
                    sb.append("\\n");
                } else if (c == '\t') {
                    sb.append("\\t");
                } else if (c < 0x20 || c > 0x7e) {
                    sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                } else {
                    sb.append(c);
                }
            }
            sb.append('"');
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
            sb.append(value);
        } else if (value instanceof List) {
            sb.append('[');
            boolean first = true;
            for (Object item : (List<?>) value) {
                if (!first) {
                    sb.append(", ");
                }
                first = false;
                writeJson(sb, item);
            }
            sb.append(']');
        } else if (value instanceof Map) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                if (!first) {
                    sb.append(", ");
                }
                first = false;
                writeJson(sb, e.getKey());
                sb.append(": ");
                writeJson(sb, e.getValue());
            }
            sb.append('}');
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value);
        }
    }

    // ---- values ---------------------------------------------------------------------------------

    enum Affinity { INTEGER, TEXT, BLOB, REAL, NUMERIC }

    /** SQLite's affinity rules (section 3.1 of datatype3.html) for a declared type. */
    static Affinity affinity(String declared) {
        String t = declared.toUpperCase(Locale.ROOT);
        if (t.contains("INT")) {
            return Affinity.INTEGER;
        }
        if (t.contains("CHAR") || t.contains("CLOB") || t.contains("TEXT")) {
            return Affinity.TEXT;
        }
        if (t.isEmpty() || t.contains("BLOB")) {
            return Affinity.BLOB;
        }
        if (t.contains("REAL") || t.contains("FLOA") || t.contains("DOUB")) {
            return Affinity.REAL;
        }
        return Affinity.NUMERIC;
    }

    private static final String[] DECLARED_TYPES = {
        "", "INTEGER", "INT", "TEXT", "REAL", "BLOB", "NUMERIC", "unsigned big int", "varchar(20)",
        "DOUBLE PRECISION", "BOOLEAN", "DATETIME", "FLOATING POINT", "STRING", "CLOB", "DECIMAL(10,5)",
        "NVARCHAR(100)", "BIGINT", "float", "ANY", "CHARINT", "text collate binary",
    };

    private static final String[] STRICT_TYPES = {"INT", "INTEGER", "REAL", "TEXT", "BLOB", "ANY"};

    private static final String[] INTS = {
        "0", "1", "-1", "2", "42", "-42", "127", "128", "255", "256", "-128", "32767", "-32768", "65536",
        "2147483647", "2147483648", "-2147483648", "-2147483649", "4294967295", "4294967296",
        "9007199254740991", "9007199254740992", "9007199254740993", "-9007199254740993",
        "9223372036854775807", "9223372036854775806", "-9223372036854775808", "-9223372036854775807",
        "1000000", "-1000000000000",
    };

    /** Integers a C int64 cannot hold: the module raises OverflowError. */
    private static final String[] HUGE_INTS = {
        "9223372036854775808", "-9223372036854775809", "18446744073709551616",
    };

    private static final String[] FLOATS = {
        "0.0", "-0.0", "1.0", "-1.0", "0.5", "1.5", "-2.25", "0.1", "3.0", "100.0", "1e-300", "5e-324",
        "2.2250738585072014e-308", "1.7976931348623157e+308", "-1.7976931348623157e+308",
        "9007199254740992.0", "9007199254740994.0", "-9007199254740992.0", "9.223372036854776e+18",
        "-9.223372036854776e+18", "1e+16", "1e+20", "123456789.125", "-0.001", "4503599627370495.5",
        "1e+100", "nan", "inf", "-inf", "2147483648.0",
    };

    /** REALs whose text is the same in every SQLite version (or that do not reach SQLite: nan binds NULL). */
    private static final String[] TEXT_SAFE_FLOATS = {"0.5", "1.5", "-2.25", "100.0", "3.0", "nan", "-0.001"};

    private static final String[] TEXTS = {
        "", "a", "abc", "hello world", "O'Reilly", "''", "\"double\"", "back\\slash", "caf\u00e9",
        "\u20acuro", "\u65e5\u672c\u8a9e", "\ud83d\ude00 non-BMP", "\ud834\udd1e", "a\u0000b", "\u0000",
        "nul at end\u0000", "line\nbreak\ttab\r", "12", "-7", "3.5", "1e3", " 4 ", "0x1A", "1.0",
        "9223372036854775807", "9223372036854775808", "-9223372036854775809", "NaN", "inf", "true",
        "NULL", "  ", "\u00a0", "%s", "?", ":name", "-0", "007", "+5", ".5", "5.",
    };

    private static final String[] BLOBS = {
        "", "00", "ff", "00ff10", "deadbeef", "3132", "000000", "c3a9", "80", "ffd8ffe0",
    };

    private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";

    /** A table column as the generator knows it. */
    static final class Column {
        final String name;
        final String declared;
        final Affinity affinity;
        final boolean notNull;
        final boolean unique;
        final String check;
        final boolean primaryKey;
        boolean rowidAlias;

        Column(String name, String declared, boolean strict, boolean notNull, boolean unique, String check,
                boolean primaryKey) {
            this.name = name;
            this.declared = declared;
            this.affinity = strict && declared.equals("ANY") ? Affinity.BLOB : affinity(declared);
            this.notNull = notNull;
            this.unique = unique;
            this.check = check;
            this.primaryKey = primaryKey;
        }
    }

    /** A table as the generator knows it. */
    static final class Table {
        final String name;
        final List<Column> columns = new ArrayList<>();
        boolean withoutRowid;
        boolean strict;
        Column primaryKey;

        Table(String name) {
            this.name = name;
        }

        /** A total order for ORDER BY (the rowid, or the primary key of a WITHOUT ROWID table). */
        String tiebreak() {
            return withoutRowid ? primaryKey.name : "rowid";
        }
    }

    // ---- the generator of one scenario -----------------------------------------------------------

    private static final class Builder {
        private final SplittableRandom r;
        private final String name;
        private final List<Object> steps = new ArrayList<>();
        private final List<Table> tables = new ArrayList<>();
        private final List<String> cursors = new ArrayList<>(List.of("main"));
        private boolean fileDatabase;
        /** The number of steps when the connection was closed, or -1. */
        private int closedAt = -1;

        Builder(SplittableRandom r, String name) {
            this.r = r;
            this.name = name;
        }

        Map<String, Object> build() {
            Map<String, Object> scenario = new LinkedHashMap<>();
            scenario.put("name", name);
            fileDatabase = chance(0.2);
            scenario.put("connect", connectOptions());
            scenario.put("steps", steps);

            int tableCount = chance(0.3) ? 2 : 1;
            boolean inScript = chance(0.2);
            List<String> ddl = new ArrayList<>();
            for (int i = 0; i < tableCount; i++) {
                Table t = table("t" + i);
                tables.add(t);
                ddl.add(createTable(t));
            }
            if (inScript) {
                step("executescript", String.join(";\n", ddl) + ";");
            } else {
                for (String sql : ddl) {
                    step("execute", sql);
                }
            }
            // the schema is committed before anything else: a ROLLBACK that undoes a CREATE TABLE
            // aborts the pending SELECTs that still read the table (SQLITE_ABORT_ROLLBACK) but not
            // those reading from a sorter, and which plan a SELECT gets differs between SQLite 3.40
            // and 3.53 (ORDER BY c0 DESC, rowid on a c0 PRIMARY KEY: partial sort on the index in
            // 3.40, full sort in 3.53)
            if (Boolean.FALSE.equals(((Map<?, ?>) scenario.get("connect")).get("autocommit")) || chance(0.3)) {
                step("commit");
            }
            int count = 8 + r.nextInt(30);
            for (int i = 0; i < count && (closedAt < 0 || steps.size() < closedAt + 3); i++) {
                randomStep();
            }
            if (closedAt < 0 && chance(0.7)) {
                selectAll(pick(tables));
            }
            return scenario;
        }

        // ---- connection ---------------------------------------------------------------------------

        private Map<String, Object> connectOptions() {
            Map<String, Object> options = new LinkedHashMap<>();
            if (fileDatabase) {
                options.put("database", "tmp");
                options.put("timeout", 0);
            }
            switch (r.nextInt(9)) {
                case 0:
                case 1:
                    break; // legacy, isolation_level ''
                case 2:
                    options.put("isolation_level", null);
                    break;
                case 3:
                    options.put("isolation_level", pick("DEFERRED", "IMMEDIATE", "EXCLUSIVE", ""));
                    break;
                case 4:
                case 5:
                    options.put("autocommit", true);
                    break;
                case 6:
                case 7:
                    options.put("autocommit", false);
                    break;
                default:
                    options.put("autocommit", "legacy");
                    options.put("isolation_level", pick(null, "DEFERRED", "IMMEDIATE"));
                    break;
            }
            if (chance(0.1)) {
                options.put("row_factory", "Row");
            }
            if (chance(0.05)) {
                options.put("text_factory", "bytes");
            }
            return options;
        }

        // ---- schema -------------------------------------------------------------------------------

        private Table table(String tableName) {
            Table t = new Table(tableName);
            t.strict = chance(0.1);
            int n = 1 + r.nextInt(6);
            int pk = chance(0.4) ? r.nextInt(n) : -1;
            t.withoutRowid = pk >= 0 && chance(0.3);
            for (int i = 0; i < n; i++) {
                String declared = t.strict ? pick(STRICT_TYPES) : pick(DECLARED_TYPES);
                boolean isPk = i == pk;
                if (isPk && !t.withoutRowid && chance(0.5)) {
                    declared = "INTEGER"; // a rowid alias
                }
                String cname = "c" + i;
                String check = null;
                if (chance(0.12)) {
                    check = pick("typeof(" + cname + ") <> 'blob'", cname + " IS NOT 13",
                            "abs(" + cname + ") < 1000000000000", cname + " <> ''",
                            cname + " IS NULL OR " + cname + " < 100");
                }
                Column c = new Column(cname, declared, t.strict, !isPk && chance(0.15), !isPk && chance(0.15),
                        check, isPk);
                t.columns.add(c);
                if (isPk) {
                    t.primaryKey = c;
                    c.rowidAlias = !t.withoutRowid && declared.equals("INTEGER");
                }
            }
            return t;
        }

        private String createTable(Table t) {
            StringBuilder sb = new StringBuilder("CREATE TABLE ").append(t.name).append('(');
            for (int i = 0; i < t.columns.size(); i++) {
                Column c = t.columns.get(i);
                sb.append(i == 0 ? "" : ", ").append(c.name);
                if (!c.declared.isEmpty()) {
                    sb.append(' ').append(c.declared);
                }
                if (c.primaryKey) {
                    sb.append(" PRIMARY KEY");
                }
                if (c.notNull) {
                    sb.append(" NOT NULL");
                }
                if (c.unique) {
                    sb.append(" UNIQUE");
                }
                if (c.check != null) {
                    sb.append(" CHECK (").append(c.check).append(')');
                }
            }
            sb.append(')');
            if (t.withoutRowid && t.strict) {
                sb.append(" WITHOUT ROWID, STRICT");
            } else if (t.withoutRowid) {
                sb.append(" WITHOUT ROWID");
            } else if (t.strict) {
                sb.append(" STRICT");
            }
            return sb.toString();
        }

        // ---- steps --------------------------------------------------------------------------------

        private void randomStep() {
            int w = r.nextInt(100);
            Table t = pick(tables);
            if (w < 20) {
                insert(t);
            } else if (w < 27) {
                insertNamed(t);
            } else if (w < 33) {
                executemany(t);
            } else if (w < 39) {
                update(t);
            } else if (w < 43) {
                delete(t);
            } else if (w < 55) {
                select(t);
            } else if (w < 58) {
                aggregate(t);
            } else if (w < 62) {
                roundTrip();
            } else if (w < 67) {
                fetch();
            } else if (w < 77) {
                transactionSql();
            } else if (w < 84) {
                step(chance(0.5) ? "commit" : "rollback");
            } else if (w < 87) {
                modeSwitch();
            } else if (w < 91) {
                script(t);
            } else if (w < 95) {
                cursorSwitch();
            } else if (w < 97) {
                returning(t);
            } else if (w < 98) {
                upsert(t);
            } else if (w < 99 && fileDatabase) {
                reconnect();
            } else if (chance(0.15)) {
                step("close");
                closedAt = steps.size(); // a few more steps on the closed connection, then stop
            }
        }

        /** INSERT with qmark parameters, sometimes too few or too many. */
        private void insert(Table t) {
            List<Column> cols = someColumns(t);
            String verb = pick("INSERT", "INSERT", "INSERT", "INSERT OR IGNORE", "INSERT OR REPLACE", "REPLACE");
            String sql = verb + " INTO " + t.name + "(" + names(cols) + ") VALUES ("
                    + repeat("?", cols.size()) + ")";
            List<Object> params = row(cols);
            wrongCount(params);
            step(chance(0.15) ? "con.execute" : "execute", sql, params);
        }

        /** INSERT with :name, @name, $name or ?NNN placeholders. */
        private void insertNamed(Table t) {
            List<Column> cols = someColumns(t);
            if (chance(0.2)) {
                List<String> marks = new ArrayList<>();
                for (int i = 0; i < cols.size(); i++) {
                    marks.add("?" + (i + 1));
                }
                List<Object> params = row(cols);
                wrongCount(params);
                step("execute", "INSERT INTO " + t.name + "(" + names(cols) + ") VALUES (" + String.join(", ", marks)
                        + ")", params);
                return;
            }
            String prefix = pick(":", ":", ":", "@", "$");
            List<String> marks = new ArrayList<>();
            Map<String, Object> params = new LinkedHashMap<>();
            for (Column c : cols) {
                marks.add(prefix + c.name);
                params.put(c.name, value(c));
            }
            if (chance(0.08) && !params.isEmpty()) {
                params.remove(cols.get(r.nextInt(cols.size())).name); // a missing name
            }
            if (chance(0.1)) {
                params.put("unused", "i:1");
            }
            step("execute", "INSERT INTO " + t.name + "(" + names(cols) + ") VALUES (" + String.join(", ", marks) + ")",
                    params);
        }

        private void executemany(Table t) {
            List<Column> cols = someColumns(t);
            boolean named = chance(0.3);
            String sql = "INSERT INTO " + t.name + "(" + names(cols) + ") VALUES ("
                    + (named ? marks(cols) : repeat("?", cols.size())) + ")";
            if (chance(0.15)) {
                // executemany of an UPDATE: rowcount adds up
                Column c = pick(t.columns);
                Column w = pick(t.columns);
                sql = "UPDATE " + t.name + " SET " + c.name + " = ? WHERE " + w.name + " IS ?";
                List<Object> sets = new ArrayList<>();
                for (int i = r.nextInt(4); i >= 0; i--) {
                    sets.add(new ArrayList<>(List.of(value(c), value(w))));
                }
                step(chance(0.3) ? "executemany_iter" : "executemany", sql, sets);
                return;
            }
            List<Object> sets = new ArrayList<>();
            for (int i = r.nextInt(6); i >= 0; i--) {
                if (named) {
                    Map<String, Object> set = new LinkedHashMap<>();
                    for (Column c : cols) {
                        set.put(c.name, value(c));
                    }
                    sets.add(set);
                } else {
                    List<Object> set = row(cols);
                    if (chance(0.05)) {
                        wrongCount(set);
                    }
                    sets.add(set);
                }
            }
            step(chance(0.3) ? "executemany_iter" : "executemany", sql, sets);
        }

        private void update(Table t) {
            Column c = pick(t.columns);
            String where = where(t);
            List<Object> params = new ArrayList<>();
            String set;
            if (c.affinity != Affinity.TEXT && !t.strict && chance(0.25)) {
                set = c.name + " = " + c.name + pick(" + 1", " - 1", " * 2", " + 0.5");
            } else {
                set = c.name + " = ?";
                params.add(value(c));
            }
            String sql = "UPDATE " + pick("", "", "OR IGNORE ", "OR REPLACE ") + t.name + " SET " + set;
            params.addAll(whereParams);
            step("execute", sql + where, params);
        }

        private void delete(Table t) {
            String where = chance(0.15) ? "" : where(t);
            List<Object> params = where.isEmpty() ? List.of() : new ArrayList<>(whereParams);
            step("execute", "DELETE FROM " + t.name + where, params);
        }

        private final List<Object> whereParams = new ArrayList<>();

        /** A WHERE clause; its parameters are left in {@link #whereParams}. */
        private String where(Table t) {
            whereParams.clear();
            Column c = pick(t.columns);
            switch (r.nextInt(7)) {
                case 0:
                    if (!t.withoutRowid) {
                        whereParams.add("i:" + (1 + r.nextInt(5)));
                        return " WHERE rowid = ?";
                    }
                    whereParams.add(value(t.primaryKey));
                    return " WHERE " + t.primaryKey.name + " = ?";
                case 1:
                    whereParams.add(value(c));
                    return " WHERE " + c.name + " IS ?";
                case 2:
                    whereParams.add(value(c));
                    return " WHERE " + c.name + pick(" > ?", " < ?", " >= ?", " <> ?");
                case 3:
                    return " WHERE " + c.name + pick(" IS NULL", " IS NOT NULL");
                case 4:
                    whereParams.add("s:" + pick("integer", "real", "text", "blob", "null"));
                    return " WHERE typeof(" + c.name + ") = ?";
                case 5:
                    whereParams.add(value(c));
                    whereParams.add(value(c));
                    return " WHERE " + c.name + " BETWEEN ? AND ?";
                default:
                    if (t.withoutRowid) {
                        return " WHERE " + t.primaryKey.name + " IS NOT NULL";
                    }
                    whereParams.add("i:" + r.nextInt(4));
                    return " WHERE rowid > ?";
            }
        }

        private void select(Table t) {
            List<Column> cols = someColumns(t);
            StringBuilder sb = new StringBuilder("SELECT ");
            List<String> parts = new ArrayList<>();
            for (Column c : cols) {
                parts.add(c.name);
                if (chance(0.6)) {
                    parts.add("typeof(" + c.name + ")" + (chance(0.5) ? " AS ty_" + c.name : ""));
                }
            }
            if (!t.withoutRowid && chance(0.2)) {
                parts.add(0, "rowid");
            }
            sb.append(String.join(", ", parts)).append(" FROM ").append(t.name);
            String where = chance(0.5) ? where(t) : "";
            List<Object> params = where.isEmpty() ? List.of() : new ArrayList<>(whereParams);
            sb.append(where);
            Column order = pick(t.columns);
            sb.append(" ORDER BY ");
            if (chance(0.5)) {
                sb.append(order.name).append(chance(0.3) ? " DESC" : "").append(", ");
            }
            sb.append(t.tiebreak());
            if (chance(0.2)) {
                sb.append(" LIMIT ").append(r.nextInt(4));
            }
            if (params.isEmpty() && chance(0.5)) {
                step(chance(0.15) ? "con.execute" : "execute", sb.toString());
            } else {
                step(chance(0.15) ? "con.execute" : "execute", sb.toString(), params);
            }
            fetches();
        }

        private void selectAll(Table t) {
            step("execute", "SELECT * FROM " + t.name + " ORDER BY " + t.tiebreak());
            step("fetchall");
        }

        private void aggregate(Table t) {
            Column c = pick(t.columns);
            Column g = pick(t.columns);
            String sumInts = "sum(CASE WHEN typeof(" + c.name + ") = 'integer' THEN " + c.name + " END)";
            String sql;
            if (chance(0.5)) {
                sql = "SELECT count(*), count(" + c.name + "), min(" + c.name + "), max(" + c.name + "), "
                        + sumInts + " AS s FROM " + t.name;
            } else {
                sql = "SELECT typeof(" + g.name + ") AS ty, " + g.name + ", count(*) AS n, max(" + c.name + ") AS mx, "
                        + sumInts + " FROM " + t.name + " GROUP BY typeof(" + g.name + "), " + g.name
                        + (chance(0.3) ? " HAVING count(*) > 1" : "") + " ORDER BY typeof(" + g.name + "), "
                        + g.name;
            }
            step("execute", sql);
            fetches();
        }

        /** A value straight back from SQLite, without a table: no affinity, every token. */
        private void roundTrip() {
            String v = anyValue(true);
            switch (r.nextInt(5)) {
                case 0:
                    step("execute", "SELECT ? AS v, typeof(?) AS t", new ArrayList<>(List.of(v, v)));
                    break;
                case 1:
                    step("execute", "SELECT ?1 AS v, typeof(?1) AS t, ?1 IS NULL AS isnull", new ArrayList<>(List.of(v)));
                    break;
                case 2: {
                    String w = anyValue(true);
                    step("execute", "SELECT ?1 = ?2, ?1 < ?2, ?1 IS ?2", new ArrayList<>(List.of(v, w)));
                    break;
                }
                case 3: {
                    String w = intToken();
                    String op = pick("+", "-", "*");
                    step("execute", "SELECT ? " + op + " ? AS r", new ArrayList<>(List.of(intToken(), w)));
                    break;
                }
                default:
                    step("execute", "SELECT abs(?) AS a, CAST(? AS INTEGER) AS i", new ArrayList<>(List.of(
                            pick("i:" + pick(INTS), "i:-9223372036854775808", "s:12", "n"), intOrTextToken())));
                    break;
            }
            fetches();
        }

        /** A mix of fetches on the current cursor (whatever it has, maybe nothing). */
        private void fetches() {
            int n = r.nextInt(4);
            for (int i = 0; i < n; i++) {
                fetch();
            }
        }

        private void fetch() {
            switch (r.nextInt(6)) {
                case 0:
                case 1:
                    step("fetchone");
                    break;
                case 2:
                    step("fetchmany", r.nextInt(4));
                    break;
                case 3:
                    if (chance(0.5)) {
                        step("arraysize", 1 + r.nextInt(3));
                    }
                    step("fetchmany");
                    break;
                default:
                    step("fetchall");
                    break;
            }
        }

        private void transactionSql() {
            String sql = pick("BEGIN", "BEGIN", "BEGIN DEFERRED", "BEGIN IMMEDIATE", "BEGIN EXCLUSIVE", "COMMIT",
                    "COMMIT", "END", "ROLLBACK", "ROLLBACK", "SAVEPOINT sp1", "SAVEPOINT sp1", "SAVEPOINT sp2",
                    "RELEASE sp1", "RELEASE SAVEPOINT sp2", "ROLLBACK TO sp1", "ROLLBACK TO SAVEPOINT sp2");
            step(chance(0.15) ? "con.execute" : "execute", sql);
        }

        private void modeSwitch() {
            if (chance(0.5)) {
                Object level = pick(null, "", "DEFERRED", "IMMEDIATE", "EXCLUSIVE", "deferred");
                if (chance(0.05)) {
                    level = "BOGUS";
                }
                step("isolation_level", level);
            } else {
                Object mode = pick(true, false, "legacy");
                if (chance(0.05)) {
                    mode = 2;
                }
                step("autocommit", mode);
            }
        }

        /** executescript: literal statements, transaction control among them. */
        private void script(Table t) {
            List<String> sql = new ArrayList<>();
            int n = 1 + r.nextInt(4);
            for (int i = 0; i < n; i++) {
                switch (r.nextInt(6)) {
                    case 0:
                        sql.add(pick("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT sp1", "RELEASE sp1"));
                        break;
                    case 1: {
                        Column c = pick(t.columns);
                        sql.add("DELETE FROM " + t.name + " WHERE " + c.name + " IS " + literal(c));
                        break;
                    }
                    case 2:
                        sql.add("SELECT count(*) FROM " + t.name);
                        break;
                    default: {
                        List<Column> cols = someColumns(t);
                        List<String> values = new ArrayList<>();
                        for (Column c : cols) {
                            values.add(literal(c));
                        }
                        sql.add("INSERT INTO " + t.name + "(" + names(cols) + ") VALUES (" + String.join(", ", values)
                                + ")");
                        break;
                    }
                }
            }
            step("executescript", String.join(";\n", sql) + (chance(0.8) ? ";" : ""));
        }

        private void cursorSwitch() {
            if (closedAt < 0 && cursors.size() < 3 && chance(0.6)) { // cursor() fails once closed
                String c = "c" + cursors.size();
                cursors.add(c);
                step("cursor", c);
            } else if (chance(0.06)) {
                step("close_cursor");
            } else {
                step("use", pick(cursors));
            }
        }

        private void returning(Table t) {
            if (current.equals("con")) {
                // the next con.execute replaces the "con" cursor: CPython frees the old one at once
                // (reference counting) and so finishes an unfetched RETURNING statement, the JVM
                // does not; keep such statements on cursors that stay
                step("use", pick(cursors));
            }
            List<Column> cols = someColumns(t);
            String sql;
            List<Object> params;
            if (chance(0.6)) {
                sql = "INSERT INTO " + t.name + "(" + names(cols) + ") VALUES (" + repeat("?", cols.size())
                        + ") RETURNING " + returned(t, cols);
                params = row(cols);
            } else {
                Column c = pick(t.columns);
                String where = where(t);
                sql = "DELETE FROM " + t.name + where + " RETURNING " + returned(t, List.of(c));
                params = new ArrayList<>(whereParams);
            }
            step("execute", sql, params);
            fetches();
        }

        /**
         * What RETURNING returns: the columns themselves, unless the table has a column of REAL
         * affinity; then their types only. SQLite 3.40.1 applies REAL affinity to the wrong
         * RETURNING columns (INSERT INTO t(a REAL, b INT) VALUES (1, 2) RETURNING a, b gives
         * 1.0, 2.0 there, 1.0, 2 in 3.53): a SQLite bug fixed since, not a facade difference.
         */
        private static String returned(Table t, List<Column> cols) {
            boolean real = false;
            for (Column c : t.columns) {
                real |= c.affinity == Affinity.REAL;
            }
            if (!real) {
                return names(cols);
            }
            List<String> types = new ArrayList<>();
            for (Column c : cols) {
                types.add("typeof(" + c.name + ")");
            }
            return String.join(", ", types);
        }

        private void upsert(Table t) {
            List<Column> keyed = new ArrayList<>();
            for (Column c : t.columns) {
                if (c.unique || c.primaryKey) {
                    keyed.add(c);
                }
            }
            if (keyed.isEmpty()) {
                insert(t);
                return;
            }
            Column key = pick(keyed.toArray(new Column[0]));
            Column other = pick(t.columns);
            String sql = "INSERT INTO " + t.name + "(" + key.name + ") VALUES (?) ON CONFLICT(" + key.name + ") DO "
                    + (other == key || chance(0.3) ? "NOTHING" : "UPDATE SET " + other.name + " = ?");
            List<Object> params = new ArrayList<>();
            params.add(value(key));
            if (sql.endsWith("?")) {
                params.add(value(other));
            }
            step("execute", sql, params);
        }

        private void reconnect() {
            // close first: CPython drops the old connection's cursors at once (reference counting)
            // and so resets their statements, where the JVM keeps them until collected
            step("close");
            Map<String, Object> options = new LinkedHashMap<>();
            options.put("database", "tmp");
            options.put("timeout", 0);
            if (chance(0.5)) {
                options.put("autocommit", pick(true, false, "legacy"));
            }
            step("connect", options);
            cursors.clear();
            cursors.add("main");
        }

        // ---- values -------------------------------------------------------------------------------

        /** A row of values for these columns. */
        private List<Object> row(List<Column> cols) {
            List<Object> values = new ArrayList<>();
            for (Column c : cols) {
                values.add(value(c));
            }
            return values;
        }

        /** Drops or adds a parameter now and then: "Incorrect number of bindings supplied". */
        private void wrongCount(List<Object> params) {
            if (chance(0.06)) {
                if (!params.isEmpty() && chance(0.5)) {
                    params.remove(params.size() - 1);
                } else {
                    params.add("i:7");
                }
            }
        }

        /**
         * A value token for a column: anything but a REAL SQLite would turn into text (TEXT affinity);
         * sometimes a value the column's constraints refuse.
         */
        private String value(Column c) {
            String v = anyValue(false);
            if (c.affinity == Affinity.TEXT && v.startsWith("f:")) {
                v = "f:" + pick(TEXT_SAFE_FLOATS);
            }
            if (c.rowidAlias && nearMaxRowid(v.substring(v.indexOf(':') + 1))) {
                v = "i:" + (r.nextInt(21) - 10);
            }
            return v;
        }

        /**
         * Whether a value stored in a rowid alias could make the largest rowid 2^63-1 (or close):
         * SQLite then picks the next rowids at random, and lastrowid differs from run to run.
         */
        private static boolean nearMaxRowid(String text) {
            try {
                return new java.math.BigDecimal(text.strip()).compareTo(java.math.BigDecimal.valueOf(1L << 62)) > 0;
            } catch (NumberFormatException e) {
                return false;
            }
        }

        /** Any value token; {@code wild} adds the values that cannot be bound. */
        private String anyValue(boolean wild) {
            int w = r.nextInt(100);
            if (w < 10) {
                return "n";
            } else if (w < 35) {
                return intToken();
            } else if (w < 52) {
                return "f:" + pick(FLOATS);
            } else if (w < 80) {
                return textToken();
            } else if (w < 92) {
                return "b:" + blob();
            } else if (w < 97) {
                return "bool:" + pick("true", "false");
            } else if (w < 98 || wild) {
                return pick("i:" + pick(HUGE_INTS), "<unsupported>", "s:\ud800", "s:x\udfffy");
            }
            return intToken();
        }

        private String intToken() {
            return chance(0.7) ? "i:" + pick(INTS) : "i:" + (r.nextInt(21) - 10);
        }

        private String intOrTextToken() {
            return chance(0.5) ? intToken() : textToken();
        }

        private String textToken() {
            if (chance(0.1)) {
                StringBuilder sb = new StringBuilder();
                int n = chance(0.5) ? 1000 + r.nextInt(2000) : r.nextInt(50);
                for (int i = 0; i < n; i++) {
                    int k = r.nextInt(20);
                    if (k == 0) {
                        sb.append("\u00e9");
                    } else if (k == 1) {
                        sb.append("\ud83d\ude80");
                    } else if (k == 2) {
                        sb.append('\'');
                    } else {
                        sb.append(LOWER.charAt(r.nextInt(LOWER.length())));
                    }
                }
                return "s:" + sb;
            }
            return "s:" + pick(TEXTS);
        }

        private String blob() {
            if (chance(0.15)) {
                StringBuilder sb = new StringBuilder();
                for (int i = r.nextInt(64); i > 0; i--) {
                    sb.append(String.format(Locale.ROOT, "%02x", r.nextInt(256)));
                }
                return sb.toString();
            }
            return pick(BLOBS);
        }

        /** An SQL literal for a column: no REAL whose text could differ, no NUL (executescript). */
        private String literal(Column c) {
            switch (r.nextInt(6)) {
                case 0:
                    return "NULL";
                case 1:
                case 2:
                    String integer = pick(INTS);
                    return c.rowidAlias && nearMaxRowid(integer) ? "7" : integer;
                case 3:
                    return pick("1.5", "-0.25", "2.0", "1e3");
                case 4:
                    return "X'" + pick(BLOBS) + "'";
                default:
                    String text = pick(TEXTS);
                    if (text.indexOf('\u0000') >= 0 || c.rowidAlias && nearMaxRowid(text)) {
                        text = "no nul";
                    }
                    return "'" + text.replace("'", "''") + "'";
            }
        }

        // ---- helpers ------------------------------------------------------------------------------

        private List<Column> someColumns(Table t) {
            List<Column> cols = new ArrayList<>();
            for (Column c : t.columns) {
                if (chance(0.75) || c.primaryKey && t.withoutRowid) {
                    cols.add(c);
                }
            }
            if (cols.isEmpty()) {
                cols.add(pick(t.columns));
            }
            return cols;
        }

        private static String names(List<Column> cols) {
            List<String> names = new ArrayList<>();
            for (Column c : cols) {
                names.add(c.name);
            }
            return String.join(", ", names);
        }

        private static String marks(List<Column> cols) {
            List<String> marks = new ArrayList<>();
            for (Column c : cols) {
                marks.add(":" + c.name);
            }
            return String.join(", ", marks);
        }

        private static String repeat(String mark, int n) {
            List<String> marks = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                marks.add(mark);
            }
            return String.join(", ", marks);
        }

        private void step(Object... parts) {
            List<Object> step = new ArrayList<>(java.util.Arrays.asList(parts));
            String kind = (String) step.get(0);
            if (kind.equals("con.execute") || kind.equals("connect")) {
                current = kind.equals("connect") ? "main" : "con";
            } else if (kind.equals("use") || kind.equals("cursor")) {
                current = (String) step.get(1);
            }
            if (step.size() > 2 && kind.matches("execute|con\\.execute|executemany|executemany_iter")
                    && unbindable(step.get(2))) {
                // a statement that fails to bind must be prepared afresh: CPython raises the error a
                // cached statement's connection recorded last instead of the binding error, a known
                // CPython quirk (binding.json: "binding fails after a failed run of the same statement")
                step.set(1, step.get(1) + " /* fresh " + steps.size() + " */");
            }
            steps.add(step);
        }

        /** The current cursor of the scenario at this point. */
        private String current = "main";

        /** Whether parameters hold a value the module cannot bind: unsupported, too large, a lone surrogate. */
        private static boolean unbindable(Object params) {
            if (params instanceof List) {
                for (Object p : (List<?>) params) {
                    if (unbindable(p)) {
                        return true;
                    }
                }
                return false;
            }
            if (params instanceof Map) {
                return unbindable(new ArrayList<>(((Map<?, ?>) params).values()));
            }
            String token = (String) params;
            if (token.equals("<unsupported>")) {
                return true;
            }
            if (token.startsWith("i:")) {
                return new java.math.BigInteger(token.substring(2)).bitLength() >= 64;
            }
            if (token.startsWith("s:")) {
                for (int i = 2; i < token.length(); i++) {
                    char c = token.charAt(i);
                    if (Character.isHighSurrogate(c) && i + 1 < token.length()
                            && Character.isLowSurrogate(token.charAt(i + 1))) {
                        i++;
                    } else if (Character.isSurrogate(c)) {
                        return true;
                    }
                }
            }
            return false;
        }

        private boolean chance(double p) {
            return r.nextDouble() < p;
        }

        @SafeVarargs
        private <T> T pick(T... choices) {
            return choices[r.nextInt(choices.length)];
        }

        private <T> T pick(List<T> items) {
            return items.get(r.nextInt(items.size()));
        }
    }
}
