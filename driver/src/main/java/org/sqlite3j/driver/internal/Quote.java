package org.sqlite3j.driver.internal;

/**
 * How a text is quoted. In an error message ({@link #quote}, {@link #shorten}), a text that came
 * from a user (a URL, an option's name or value) is shown whole when it is short, else its first
 * {@value #MAX_SHOWN} characters and its length, so that a 1 MB value makes a short message rather
 * than a 2 MB one: the one rule for every such message of the driver. In SQL, a name is an
 * identifier in double quotes ({@link #identifier}).
 */
public final class Quote {

    /** The most characters of a text a message shows. */
    public static final int MAX_SHOWN = 200;

    private Quote() {
    }

    /**
     * {@code text} itself up to {@value #MAX_SHOWN} characters, else its first {@value #MAX_SHOWN}
     * and {@code "... (N characters)"}; "null" for null.
     */
    public static String shorten(String text) {
        if (text == null) {
            return "null";
        }
        if (text.length() <= MAX_SHOWN) {
            return text;
        }
        int end = MAX_SHOWN;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--; // never half a character
        }
        return text.substring(0, end) + "... (" + text.length() + " characters)";
    }

    /** {@code name} as an SQL identifier: in double quotes, each double quote doubled. */
    public static String identifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** {@link #shorten} in single quotes: {@code 'abc'}, {@code 'abc...' (1048576 characters)}. */
    public static String quote(String text) {
        if (text != null && text.length() > MAX_SHOWN) {
            String shown = shorten(text);
            int cut = shown.lastIndexOf("... (");
            return "'" + shown.substring(0, cut) + "...'" + shown.substring(cut + 3);
        }
        return "'" + text + "'";
    }
}
