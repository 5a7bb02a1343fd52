package org.sqlite3j.sqltext;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Lexical analysis of SQLite SQL text, following SQLite's own rules to the character.
 *
 * <p>Two SQLite sources define the behaviour reproduced here:
 * <ul>
 *   <li>{@code complete.c} ({@code sqlite3_complete}): a deliberately crude scanner plus an
 *       eight-state machine that knows that {@code CREATE [TEMP|TEMPORARY] TRIGGER ... ; END ;}
 *       only ends at the {@code ;} after {@code END}, optionally behind an {@code EXPLAIN} prefix.
 *       {@link #isComplete(String)} is a faithful port of it.</li>
 *   <li>{@code tokenize.c} ({@code sqlite3GetToken}): the tokenizer used by
 *       {@code sqlite3_prepare_v2}. {@link #endOfStatement(String, int)},
 *       {@link #firstKeyword(String, int)} and {@link #parameterNames(String, int)} split the
 *       text into tokens exactly as it does (string literals with {@code ''}, identifiers in
 *       {@code "..."}, {@code `...`} and {@code [...]}, {@code --} and {@code /* *}{@code /}
 *       comments, numbers, blobs, and the variable forms {@code ?NNN :name @name #name $name}
 *       including Tcl-style {@code $a::b(...)} suffixes), and feed the tokens to the
 *       {@code complete.c} state machine to find the {@code ;} that ends a statement.</li>
 * </ul>
 * The only other rule reproduced is CPython's {@code lstrip_sql()}, used by
 * {@link #isBlank(String, int)} to decide whether a statement tail is empty.
 *
 * <h2>Character model</h2>
 * SQLite works on UTF-8 bytes; this class works on UTF-16 {@code char}s, and every index it takes
 * or returns is a {@code char} index into the given {@code String}. The two models agree because
 * SQLite treats every byte {@code >= 0x80} (hence every non-ASCII character) as an identifier
 * character. The one multi-byte sequence SQLite gives a meaning of its own, the byte-order mark
 * U+FEFF at the start of a token, is whitespace to the tokenizer (but an identifier character to
 * {@code sqlite3_complete}, which does not special-case it) and is handled the same way here.
 *
 * <p><b>NUL characters.</b> SQLite's C API sees a string that ends at its first NUL byte. This class
 * instead treats U+0000 as an ordinary (illegal) one-character token, or as plain content inside a
 * literal or comment, so that nothing after a NUL is ever silently ignored. Callers that mirror
 * CPython reject SQL containing NUL before it gets here.
 *
 * <p>Every method runs in time linear in the length of the scanned text, allocates nothing per
 * character, and never throws for any string content. A {@code null} string is rejected with a
 * {@link NullPointerException}; an offset outside {@code [0, sql.length()]} with an
 * {@link IllegalArgumentException}.
 */
public final class SqlScanner {


    // ---- sqlite3_complete() token classes and states (complete.c) ----
    private static final int TK_SEMI = 0;
    private static final int TK_WS = 1;
    private static final int TK_OTHER = 2;
    private static final int TK_EXPLAIN = 3;
    private static final int TK_CREATE = 4;
    private static final int TK_TEMP = 5;
    private static final int TK_TRIGGER = 6;
    private static final int TK_END = 7;

    /** State START: at the beginning or after the end of a statement. */
    private static final int ST_START = 1;
    /** State TRIGGER: inside a trigger body, a ';' does not end the statement. */
    private static final int ST_TRIGGER = 5;
    /** State SEMI: inside a trigger body, just after a ';'. */
    private static final int ST_SEMI = 6;

    /**
     * The transition table of {@code sqlite3_complete()}: {@code TRANS[state][token]}. States:
     * 0 INVALID (nothing seen yet), 1 START, 2 NORMAL, 3 EXPLAIN, 4 CREATE, 5 TRIGGER, 6 SEMI
     * (";" seen inside a trigger), 7 END (";END" seen inside a trigger).
     */
    private static final byte[][] TRANS = {
        // SEMI WS OTHER EXPLAIN CREATE TEMP TRIGGER END
        {1, 0, 2, 3, 4, 2, 2, 2}, // 0 INVALID
        {1, 1, 2, 3, 4, 2, 2, 2}, // 1 START
        {1, 2, 2, 2, 2, 2, 2, 2}, // 2 NORMAL
        {1, 3, 3, 2, 4, 2, 2, 2}, // 3 EXPLAIN
        {1, 4, 2, 2, 2, 4, 5, 2}, // 4 CREATE
        {6, 5, 5, 5, 5, 5, 5, 5}, // 5 TRIGGER
        {6, 6, 5, 5, 5, 5, 5, 7}, // 6 SEMI
        {1, 7, 5, 5, 5, 5, 5, 5}, // 7 END
    };

    private SqlScanner() {
        throw new AssertionError("no instances");
    }

    // =============================================================================================
    // Public API
    // =============================================================================================

    /**
     * Returns exactly what SQLite's {@code sqlite3_complete()} returns for {@code sql}
     * (this is Python's {@code sqlite3.complete_statement()}).
     *
     * <p>The text is complete when it ends with a {@code ;} that is not inside a string literal,
     * quoted identifier or comment, possibly followed by whitespace and comments, and that is not
     * inside the body of a {@code CREATE [TEMP|TEMPORARY] TRIGGER} (whose statement ends only with
     * {@code ; END ;}), with or without a leading {@code EXPLAIN [QUERY PLAN]}. Keywords match
     * case-insensitively. Whitespace-only and empty text is not complete. An unterminated string,
     * quoted identifier or {@code /*} comment makes the text incomplete; a trailing
     * {@code --} comment without a newline is fine if the text before it is complete.
     *
     * <p>Like the C function this is a lexical check only; it does not look at syntax, and uses
     * {@code sqlite3_complete}'s own cruder scanner: quotes end at the next identical quote
     * (equivalent for SQL's doubled-quote escapes), every run of identifier characters is one word
     * (so {@code $a(;)} contains a terminating {@code ;}, and U+FEFF is an identifier character).
     *
     * @param sql the SQL text
     * @return whether {@code sqlite3_complete(sql)} would return 1
     * @throws NullPointerException if {@code sql} is null
     */
    public static boolean isComplete(String sql) {
        Objects.requireNonNull(sql, "sql must not be null");
        final int n = sql.length();
        int state = 0;
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            int token;
            switch (c) {
                case ';':
                    token = TK_SEMI;
                    i++;
                    break;
                case ' ': case '\r': case '\t': case '\n': case '\f':
                    token = TK_WS;
                    i++;
                    break;
                case '/':
                    if (i + 1 >= n || sql.charAt(i + 1) != '*') {
                        token = TK_OTHER;
                        i++;
                        break;
                    }
                    i = indexOfCommentClose(sql, i + 2);
                    if (i < 0) {
                        return false; // unterminated /* comment
                    }
                    token = TK_WS;
                    break;
                case '-':
                    if (i + 1 >= n || sql.charAt(i + 1) != '-') {
                        token = TK_OTHER;
                        i++;
                        break;
                    }
                    i = sql.indexOf('\n', i + 2);
                    if (i < 0) {
                        return state == ST_START; // comment runs to the end of the text
                    }
                    i++;
                    token = TK_WS;
                    break;
                case '[':
                    i = sql.indexOf(']', i + 1);
                    if (i < 0) {
                        return false;
                    }
                    i++;
                    token = TK_OTHER;
                    break;
                case '`': case '"': case '\'':
                    i = sql.indexOf(c, i + 1);
                    if (i < 0) {
                        return false;
                    }
                    i++;
                    token = TK_OTHER;
                    break;
                default:
                    if (SqlLexer.isIdChar(c)) {
                        int start = i;
                        do {
                            i++;
                        } while (i < n && SqlLexer.isIdChar(sql.charAt(i)));
                        token = classifyWord(sql, start, i);
                    } else {
                        token = TK_OTHER;
                        i++;
                    }
                    break;
            }
            state = TRANS[state][token];
        }
        return state == ST_START;
    }

    /**
     * Returns the index just past the first statement of {@code sql.substring(from)}, the way
     * {@code sqlite3_prepare_v2} would report it through {@code pzTail}: just after the
     * {@code ;} token that terminates the statement, or {@code sql.length()} when no such
     * {@code ;} exists.
     *
     * <p>The terminating {@code ;} is found by running the {@code sqlite3_complete()} state
     * machine over the tokens that SQLite's tokenizer produces: a {@code ;} inside a string,
     * quoted identifier, comment or Tcl-style variable such as {@code $a(;)} is not a token, and
     * the {@code ;}s inside the body of a {@code CREATE [TEMP|TEMPORARY] TRIGGER} end it only
     * when followed by {@code END ;}. A {@code CASE ... END} inside a trigger body does not
     * confuse it, because the machine only honours an {@code END} that directly follows a
     * {@code ;} (comments and whitespace in between are allowed).
     *
     * <p>Where {@code sqlite3_complete()}'s cruder scanner splits the text differently from the
     * tokenizer, this method follows the tokenizer, as {@code sqlite3_prepare_v2} does: a
     * {@code ;} inside a Tcl-style variable such as {@code $a(;)} is not a terminator, and a
     * U+FEFF before {@code CREATE TRIGGER} is whitespace. The other differences (an
     * {@code @end}, {@code ?1end}, {@code 1.end} or {@code $a::end}, which {@code sqlite3_complete}
     * reads as containing the keyword) only matter in text that SQLite refuses to compile.
     *
     * <p>Unlike {@code sqlite3_prepare_v2}, empty statements are not skipped: if the first token
     * after whitespace and comments is {@code ;}, the result is just after that {@code ;}.
     *
     * @param sql  the SQL text
     * @param from where the statement starts, {@code 0 <= from <= sql.length()}
     * @return an index in {@code (from, sql.length()]}, or {@code from} when {@code from == sql.length()}
     * @throws NullPointerException     if {@code sql} is null
     * @throws IllegalArgumentException if {@code from} is out of range
     */
    public static int endOfStatement(String sql, int from) {
        checkArgs(sql, from);
        return scanStatement(sql, from, null);
    }

    /**
     * Returns whether {@code sql.substring(from)} holds nothing but whitespace and comments, by
     * CPython's rule (its {@code lstrip_sql()}, used after preparing a statement to raise
     * "You can only execute one statement at a time." when the tail is not blank).
     *
     * <p>Whitespace is exactly space, tab, newline, carriage return and form feed (not vertical
     * tab, not U+FEFF). Comments are {@code --} to the end of the line or text, and
     * {@code /* ... *}{@code /}, where an unterminated {@code /*} comment runs to the end of the
     * text and counts as blank. A {@code ;} is not blank.
     *
     * @param sql  the SQL text
     * @param from where the tail starts, {@code 0 <= from <= sql.length()}
     * @return whether the tail is blank; {@code true} when {@code from == sql.length()}
     * @throws NullPointerException     if {@code sql} is null
     * @throws IllegalArgumentException if {@code from} is out of range
     */
    public static boolean isBlank(String sql, int from) {
        return skipBlank(sql, from) == sql.length();
    }

    /**
     * Returns the index of the first character at or after {@code from} that is neither
     * whitespace nor inside a comment, by the same rule as {@link #isBlank(String, int)}, or
     * {@code sql.length()} when there is none.
     *
     * @param sql  the SQL text
     * @param from where to start, {@code 0 <= from <= sql.length()}
     * @return an index in {@code [from, sql.length()]}
     * @throws NullPointerException     if {@code sql} is null
     * @throws IllegalArgumentException if {@code from} is out of range
     */
    public static int skipBlank(String sql, int from) {
        checkArgs(sql, from);
        final int n = sql.length();
        int i = from;
        while (i < n) {
            char c = sql.charAt(i);
            switch (c) {
                case ' ': case '\t': case '\f': case '\n': case '\r':
                    i++;
                    break;
                case '-':
                    if (i + 1 < n && sql.charAt(i + 1) == '-') {
                        int nl = sql.indexOf('\n', i + 2);
                        if (nl < 0) {
                            return n;
                        }
                        i = nl + 1;
                        break;
                    }
                    return i;
                case '/':
                    if (i + 1 < n && sql.charAt(i + 1) == '*') {
                        int close = indexOfCommentClose(sql, i + 2);
                        if (close < 0) {
                            return n;
                        }
                        i = close;
                        break;
                    }
                    return i;
                default:
                    return i;
            }
        }
        return n;
    }

    /**
     * Returns where a block comment that is never closed starts in {@code sql.substring(from)}: the
     * index of its {@code /*}, or -1 when there is none. SQLite treats such a comment as running to
     * the end of the text, so text ending in one is silently empty there; a shell uses this to say what
     * was left unfinished. A {@code /*} inside a string literal or a quoted identifier is not a comment.
     *
     * @param sql  the SQL text
     * @param from where to start, {@code 0 <= from <= sql.length()}
     * @return the index of the unterminated comment's {@code /*}, or -1
     * @throws NullPointerException     if {@code sql} is null
     * @throws IllegalArgumentException if {@code from} is out of range
     */
    public static int unterminatedComment(String sql, int from) {
        checkArgs(sql, from);
        SqlLexer lx = new SqlLexer(sql, from);
        for (int t = lx.next(); t != SqlLexer.EOF; t = lx.next()) {
            if (t == SqlLexer.T_COMMENT && sql.startsWith("/*", lx.start)
                    && (lx.end - lx.start < 4 || !sql.startsWith("*/", lx.end - 2))) {
                return lx.start;
            }
        }
        return -1;
    }

    /**
     * Returns the first keyword of the statement that starts at {@code from}: skips whitespace
     * (as SQLite's tokenizer defines it, including a U+FEFF byte-order mark) and comments, and if
     * the next token is a bare word (an unquoted identifier or keyword: a letter, {@code _} or
     * non-ASCII character followed by letters, digits, {@code _}, {@code $} and non-ASCII
     * characters), returns it with its ASCII letters upper-cased (SQLite folds only ASCII case
     * in keywords; other characters are returned unchanged). Returns {@code ""} when the next
     * token is anything else (a {@code (}, a literal, a quoted identifier, a parameter, a
     * {@code ;}) or there is none.
     *
     * <p>Meant for classifying statements (INSERT, UPDATE, DELETE, REPLACE, SELECT, WITH, BEGIN,
     * COMMIT, END, ROLLBACK, SAVEPOINT, RELEASE, ...): the result is compared with
     * upper-case ASCII keywords.
     *
     * @param sql  the SQL text
     * @param from where to start, {@code 0 <= from <= sql.length()}
     * @return the upper-cased first word, or {@code ""}
     * @throws NullPointerException     if {@code sql} is null
     * @throws IllegalArgumentException if {@code from} is out of range
     */
    public static String firstKeyword(String sql, int from) {
        checkArgs(sql, from);
        SqlLexer lx = new SqlLexer(sql, from);
        int t;
        do {
            t = lx.next();
        } while (t == SqlLexer.T_SPACE || t == SqlLexer.T_COMMENT);
        if (t != SqlLexer.T_WORD) {
            return "";
        }
        char[] word = new char[lx.end - lx.start];
        for (int k = 0; k < word.length; k++) {
            char c = sql.charAt(lx.start + k);
            word[k] = c >= 'a' && c <= 'z' ? (char) (c - ('a' - 'A')) : c;
        }
        return new String(word);
    }

    /** The table an INSERT or REPLACE writes to: {@code schema} is null when the statement names none. */
    public record InsertTarget(String schema, String table) {
    }

    /**
     * Returns the table that the statement starting at {@code from} inserts into, when it is an
     * {@code INSERT} or {@code REPLACE} (also after a {@code WITH} clause and with {@code OR ...}):
     * {@code [WITH ...] {INSERT [OR word] | REPLACE} INTO [schema.]table}, names unquoted
     * ({@code "a""b"} → {@code a"b}, {@code [x]}, {@code `x`}). Returns null for any other statement
     * or when the text does not have that shape.
     *
     * @param sql  the SQL text
     * @param from where the statement starts, {@code 0 <= from <= sql.length()}
     * @return the target, or null
     * @throws NullPointerException     if {@code sql} is null
     * @throws IllegalArgumentException if {@code from} is out of range
     */
    public static InsertTarget insertTarget(String sql, int from) {
        checkArgs(sql, from);
        SqlLexer lx = new SqlLexer(sql, from);
        int t = significant(lx);
        if (t == SqlLexer.T_WORD && word(sql, lx, "with")) {
            // the common table expressions: up to INSERT/REPLACE outside parentheses
            int depth = 0;
            while (true) {
                t = significant(lx);
                if (t == SqlLexer.EOF || t == SqlLexer.T_SEMI) {
                    return null;
                }
                char c = sql.charAt(lx.start);
                if (t == SqlLexer.T_OTHER && c == '(') {
                    depth++;
                } else if (t == SqlLexer.T_OTHER && c == ')') {
                    depth--;
                } else if (depth == 0 && t == SqlLexer.T_WORD && (word(sql, lx, "insert") || word(sql, lx, "replace"))) {
                    break;
                }
            }
        }
        if (t != SqlLexer.T_WORD) {
            return null;
        }
        if (word(sql, lx, "insert")) {
            t = significant(lx);
            if (t == SqlLexer.T_WORD && word(sql, lx, "or")) {
                significant(lx);            // ROLLBACK, ABORT, REPLACE, FAIL, IGNORE
                t = significant(lx);
            }
        } else if (word(sql, lx, "replace")) {
            t = significant(lx);
        } else {
            return null;
        }
        if (t != SqlLexer.T_WORD || !word(sql, lx, "into")) {
            return null;
        }
        String first = name(sql, lx, significant(lx));
        if (first == null) {
            return null;
        }
        int mark = lx.end;
        t = significant(lx);
        if (t == SqlLexer.T_OTHER && sql.charAt(lx.start) == '.' && lx.end - lx.start == 1) {
            String second = name(sql, lx, significant(lx));
            return second == null ? null : new InsertTarget(first, second);
        }
        lx.end = mark;
        return new InsertTarget(null, first);
    }

    private static int significant(SqlLexer lx) {
        int t;
        do {
            t = lx.next();
        } while (t == SqlLexer.T_SPACE || t == SqlLexer.T_COMMENT);
        return t;
    }

    private static boolean word(String sql, SqlLexer lx, String lower) {
        return lx.end - lx.start == lower.length() && asciiEqualsIgnoreCase(sql, lx.start, lower);
    }

    /** The identifier of the token just read (bare or quoted), unquoted; null for anything else. */
    private static String name(String sql, SqlLexer lx, int t) {
        if (t == SqlLexer.T_WORD) {
            return sql.substring(lx.start, lx.end);
        }
        if (t != SqlLexer.T_OTHER || lx.end - lx.start < 2) {
            return null;
        }
        char open = sql.charAt(lx.start);
        char close = sql.charAt(lx.end - 1);
        String inner = sql.substring(lx.start + 1, lx.end - 1);
        if (open == '[' && close == ']') {
            return inner;
        }
        if ((open == '"' || open == '`') && close == open) {
            return inner.replace(String.valueOf(open) + open, String.valueOf(open));
        }
        return null;
    }

    /**
     * Returns the parameters of the first statement of {@code sql.substring(from)} (the text from
     * {@code from} to {@link #endOfStatement(String, int)}), numbered as SQLite numbers them.
     * Element {@code i} of the list is what {@code sqlite3_bind_parameter_name(stmt, i + 1)}
     * would return, and the size is what {@code sqlite3_bind_parameter_count(stmt)} would return.
     *
     * <p>SQLite's rules, applied to the parameter tokens in order of appearance:
     * <ul>
     *   <li>{@code ?} takes the number one larger than the largest number assigned so far, and
     *       has no name ({@code null}) unless a later {@code ?NNN} names that number.</li>
     *   <li>{@code ?NNN} takes number NNN and is named as written (e.g. {@code "?007"} for number
     *       7) unless that number already has a name. Numbers skipped over stay {@code null}.
     *       {@code ?NNN} outside {@code [1, 250000]} makes SQLite reject the statement and is
     *       ignored here.</li>
     *   <li>{@code :name}, {@code @name}, {@code #name} and {@code $name} take a new number at
     *       their first appearance and reuse it afterwards (names compare case-sensitively). The
     *       name is a run of identifier characters (letters, digits, {@code _}, {@code $},
     *       non-ASCII) that may contain {@code ::} and may end in a Tcl-style {@code (...)}
     *       suffix without whitespace; all four prefixes accept these forms, as SQLite's
     *       tokenizer does. {@code #} followed by a digit is not a parameter (SQLite reports a
     *       syntax error); malformed forms such as a bare {@code :} or {@code $a(x y)} are not
     *       counted either.</li>
     * </ul>
     * Parameters inside string literals, quoted identifiers and comments do not count. Whether
     * SQLite would accept the statement at all (it refuses parameters in trigger bodies, for
     * instance) is not checked.
     *
     * @param sql  the SQL text
     * @param from where the statement starts, {@code 0 <= from <= sql.length()}
     * @return a new modifiable list of names, with {@code null} for nameless parameters
     * @throws NullPointerException     if {@code sql} is null
     * @throws IllegalArgumentException if {@code from} is out of range
     */
    public static List<String> parameterNames(String sql, int from) {
        checkArgs(sql, from);
        List<String> names = new ArrayList<>();
        scanStatement(sql, from, new SqlParameters(names, null));
        return names;
    }

    /**
     * Where the parameters of the first statement at {@code from} occur, in text order: for the
     * k-th occurrence, element {@code 3k} is its start index, {@code 3k+1} its end (exclusive) and
     * {@code 3k+2} the parameter number SQLite gives it (1-based, as in
     * {@link #parameterNames(String, int)}). Used to expand a statement with its bound values, as
     * {@code sqlite3_expanded_sql} does; occurrences SQLite would reject are left out.
     *
     * @throws NullPointerException     if {@code sql} is null
     * @throws IllegalArgumentException if {@code from} is out of range
     */
    public static int[] parameterOccurrences(String sql, int from) {
        checkArgs(sql, from);
        List<int[]> found = new ArrayList<>();
        scanStatement(sql, from, new SqlParameters(new ArrayList<>(), found));
        int[] flat = new int[found.size() * 3];
        for (int k = 0; k < found.size(); k++) {
            System.arraycopy(found.get(k), 0, flat, 3 * k, 3);
        }
        return flat;
    }

    // =============================================================================================
    // Implementation
    // =============================================================================================

    private static void checkArgs(String sql, int from) {
        Objects.requireNonNull(sql, "sql must not be null");
        if (from < 0 || from > sql.length()) {
            throw new IllegalArgumentException(
                "from must be between 0 and sql.length() (" + sql.length() + "), was " + from);
        }
    }

    /**
     * Tokenizes one statement starting at {@code from}, feeding the complete.c state machine,
     * collecting parameter names into {@code names} when it is non-null, and returns the end.
     */
    private static int scanStatement(String sql, int from, SqlParameters params) {
        SqlLexer lx = new SqlLexer(sql, from);
        int state = 0;
        while (true) {
            int t = lx.next();
            int token;
            switch (t) {
                case SqlLexer.EOF:
                    return sql.length();
                case SqlLexer.T_SPACE:
                case SqlLexer.T_COMMENT:
                    token = TK_WS;
                    break;
                case SqlLexer.T_SEMI:
                    if (state != ST_TRIGGER && state != ST_SEMI) {
                        return lx.end;
                    }
                    token = TK_SEMI;
                    break;
                case SqlLexer.T_WORD:
                    token = classifyWord(sql, lx.start, lx.end);
                    break;
                case SqlLexer.T_VARIABLE:
                    if (params != null) {
                        params.add(sql, lx.start, lx.end);
                    }
                    token = TK_OTHER;
                    break;
                default:
                    token = TK_OTHER;
                    break;
            }
            state = TRANS[state][token];
        }
    }

    /** The complete.c classification of an identifier-character run {@code sql[start, end)}. */
    private static int classifyWord(String sql, int start, int end) {
        int len = end - start;
        switch (sql.charAt(start)) {
            case 'c': case 'C':
                return len == 6 && asciiEqualsIgnoreCase(sql, start, "create") ? TK_CREATE : TK_OTHER;
            case 't': case 'T':
                if (len == 7 && asciiEqualsIgnoreCase(sql, start, "trigger")) {
                    return TK_TRIGGER;
                }
                if ((len == 4 && asciiEqualsIgnoreCase(sql, start, "temp"))
                        || (len == 9 && asciiEqualsIgnoreCase(sql, start, "temporary"))) {
                    return TK_TEMP;
                }
                return TK_OTHER;
            case 'e': case 'E':
                if (len == 3 && asciiEqualsIgnoreCase(sql, start, "end")) {
                    return TK_END;
                }
                return len == 7 && asciiEqualsIgnoreCase(sql, start, "explain") ? TK_EXPLAIN : TK_OTHER;
            default:
                return TK_OTHER;
        }
    }

    /**
     * Compares {@code sql[start, start + lower.length())} with the lower-case ASCII word
     * {@code lower}, folding only ASCII letters (as SQLite's {@code sqlite3StrNICmp} does; a
     * Unicode-aware comparison would wrongly equate, e.g., the dotless i U+0131 with i).
     */
    private static boolean asciiEqualsIgnoreCase(String sql, int start, String lower) {
        for (int k = 0; k < lower.length(); k++) {
            char c = sql.charAt(start + k);
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + ('a' - 'A'));
            }
            if (c != lower.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns the index just past the {@code *}{@code /} that closes a comment whose body starts
     * at {@code i}, or -1 if the comment is unterminated.
     */
    private static int indexOfCommentClose(String sql, int i) {
        int k = sql.indexOf("*/", i);
        return k < 0 ? -1 : k + 2;
    }
}
