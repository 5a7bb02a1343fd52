package org.sqlite3j.sqltext;

/**
 * A port of SQLite's {@code sqlite3GetToken()} over UTF-16 text, reduced to the token types
 * {@link SqlScanner} needs. The boundaries of every token that matters here (whitespace, comments,
 * {@code ;}, words, variables, literals and quoted identifiers, numbers) are exactly SQLite's;
 * multi-character operators are returned one character at a time, which changes nothing.
 */
final class SqlLexer {
    // ---- token types produced by the tokenizer (a subset of SQLite's TK_* that matters here) ----
    static final int T_SPACE = 0;     // whitespace run or U+FEFF
    static final int T_COMMENT = 1;   // -- ... or /* ... */ (possibly unterminated)
    static final int T_SEMI = 2;      // ;
    static final int T_WORD = 3;      // bare identifier or keyword
    static final int T_VARIABLE = 4;  // ?NNN :a @a #a $a (well-formed)
    static final int T_OTHER = 5;     // everything else: literals, quoted ids, operators, illegal

    /**
     * SQLite's {@code IdChar()}: ASCII letters and digits, {@code _}, {@code $}, and every
     * character outside ASCII (every UTF-8 byte {@code >= 0x80}).
     */
    static boolean isIdChar(char c) {
        return c >= 0x80
            || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
            || c == '_' || c == '$';
    }

    /** SQLite's {@code sqlite3Isspace()}: space, \t, \n, \u000B (vertical tab), \f, \r. */
    static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isXDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    static final int EOF = -1;

    private final String s;
    private final int n;
    /** Start of the last token. */
    int start;
    /** End (exclusive) of the last token; where the next token starts. */
    int end;

    SqlLexer(String s, int from) {
        this.s = s;
        this.n = s.length();
        this.end = from;
    }

    private char at(int i) {
        return i < n ? s.charAt(i) : '\0';
    }

    private boolean has(int i) {
        return i < n;
    }

    /** Reads the next token, sets {@link #start} and {@link #end}, returns its type or EOF. */
    int next() {
        int i = end;
        start = i;
        if (i >= n) {
            return EOF;
        }
        char c = s.charAt(i);
        int type;
        switch (c) {
            case ' ': case '\t': case '\n': case '\f': case '\r':
                i++;
                while (has(i) && isSpace(s.charAt(i))) {
                    i++;
                }
                type = T_SPACE;
                break;
            case '\uFEFF': // UTF-8 BOM (EF BB BF) at the start of a token is whitespace
                i++;
                type = T_SPACE;
                break;
            case '-':
                if (at(i + 1) == '-' && has(i + 1)) {
                    int nl = s.indexOf('\n', i + 2);
                    i = nl < 0 ? n : nl;
                    type = T_COMMENT;
                } else {
                    i++;
                    type = T_OTHER;
                }
                break;
            case '/':
                // "/*" only opens a comment when something follows it
                if (has(i + 2) && s.charAt(i + 1) == '*') {
                    // the close may start at i+2 ("/**/"), never at the opening '*' ("/*/")
                    int k = s.indexOf("*/", i + 2);
                    i = k < 0 ? n : k + 2;
                    type = T_COMMENT;
                } else {
                    i++;
                    type = T_OTHER;
                }
                break;
            case ';':
                i++;
                type = T_SEMI;
                break;
            case '\'': case '"': case '`':
                i = endOfQuoted(i, c);
                type = T_OTHER;
                break;
            case '[': {
                int k = s.indexOf(']', i + 1);
                i = k < 0 ? n : k + 1;
                type = T_OTHER;
                break;
            }
            case '.':
                if (isDigit(at(i + 1)) && has(i + 1)) {
                    i = endOfNumber(i);
                } else {
                    i++;
                }
                type = T_OTHER;
                break;
            case '?':
                i++;
                while (has(i) && isDigit(s.charAt(i))) {
                    i++;
                }
                type = T_VARIABLE;
                break;
            case '$': case '@': case ':': case '#':
                i = endOfVariable(i);
                type = i < 0 ? T_OTHER : T_VARIABLE;
                i = Math.abs(i);
                break;
            default:
                if (isDigit(c)) {
                    i = endOfNumber(i);
                    type = T_OTHER;
                } else if ((c == 'x' || c == 'X') && at(i + 1) == '\'' && has(i + 1)) {
                    i = endOfBlob(i);
                    type = T_OTHER;
                } else if (isIdChar(c)) {
                    // letters, '_' and non-ASCII start identifiers/keywords ('$' and digits
                    // were handled above)
                    i++;
                    while (has(i) && isIdChar(s.charAt(i))) {
                        i++;
                    }
                    type = T_WORD;
                } else {
                    // operators and punctuation; multi-character operators (<=, ||, ->>, ...)
                    // contain no character that could start a significant token, so treating
                    // them one character at a time yields the same significant tokens
                    i++;
                    type = T_OTHER;
                }
                break;
        }
        end = i;
        return type;
    }

    /** End of a '...', "..." or `...` token with doubled-delimiter escapes; unterminated: n. */
    private int endOfQuoted(int i, char delim) {
        int k = i + 1;
        while (true) {
            k = s.indexOf(delim, k);
            if (k < 0) {
                return n;
            }
            if (has(k + 1) && s.charAt(k + 1) == delim) {
                k += 2;
            } else {
                return k + 1;
            }
        }
    }

    /**
     * End of a numeric literal starting at {@code i} (a digit, or '.' followed by a digit),
     * including SQLite's digit separator '_' and any trailing identifier characters (which
     * SQLite folds into the same, then illegal, token).
     */
    private int endOfNumber(int i) {
        char c = s.charAt(i);
        if (c == '0' && (at(i + 1) == 'x' || at(i + 1) == 'X') && isXDigit(at(i + 2)) && has(i + 2)) {
            i += 3;
            while (has(i) && (isXDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                i++;
            }
        } else {
            while (has(i) && (isDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                i++;
            }
            if (has(i) && s.charAt(i) == '.') {
                i++;
                while (has(i) && (isDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                    i++;
                }
            }
            if (has(i) && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
                char d = at(i + 1);
                if ((isDigit(d) && has(i + 1))
                        || ((d == '+' || d == '-') && isDigit(at(i + 2)) && has(i + 2))) {
                    i += 2;
                    while (has(i) && (isDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                        i++;
                    }
                }
            }
        }
        while (has(i) && isIdChar(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** End of an x'...' blob literal starting at {@code i} (legal or not). */
    private int endOfBlob(int i) {
        int k = i + 2;
        while (has(k) && isXDigit(s.charAt(k))) {
            k++;
        }
        if (!has(k) || s.charAt(k) != '\'' || (k - i) % 2 != 0) {
            // illegal: runs to the next quote (inclusive) or the end
            int q = s.indexOf('\'', k);
            return q < 0 ? n : q + 1;
        }
        return k + 1;
    }

    /**
     * End of a $, @, : or # variable starting at {@code i}: a positive end for a well-formed
     * variable, the negated end for an illegal token (no name, or an unterminated "(...)").
     */
    private int endOfVariable(int i) {
        int count = 0;
        int k = i + 1;
        while (has(k)) {
            char c = s.charAt(k);
            if (isIdChar(c)) {
                count++;
                k++;
            } else if (c == '(' && count > 0) {
                k++;
                while (has(k) && !isSpace(s.charAt(k)) && s.charAt(k) != ')') {
                    k++;
                }
                if (has(k) && s.charAt(k) == ')') {
                    return k + 1;
                }
                return -k;
            } else if (c == ':' && at(k + 1) == ':' && has(k + 1)) {
                k += 2;
            } else {
                break;
            }
        }
        return count == 0 ? -k : k;
    }
}
