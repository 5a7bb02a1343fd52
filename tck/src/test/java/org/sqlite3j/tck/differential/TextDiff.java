package org.sqlite3j.tck.differential;

import java.util.List;
import java.util.Optional;

/**
 * A unified-diff-like view of where two texts first differ: a few common lines of context, then
 * the next lines of each side, {@code -} for the expected (CPython) and {@code +} for the actual.
 */
final class TextDiff {

    private static final int CONTEXT = 3;
    private static final int SHOWN = 4;

    private TextDiff() {
    }

    /** The index of the first line that differs, or empty when the texts are equal. */
    static Optional<Integer> firstDifference(List<String> expected, List<String> actual) {
        int n = Math.min(expected.size(), actual.size());
        for (int i = 0; i < n; i++) {
            if (!expected.get(i).equals(actual.get(i))) {
                return Optional.of(i);
            }
        }
        return expected.size() == actual.size() ? Optional.empty() : Optional.of(n);
    }

    /** The line of {@code lines} at {@code index}, or "" past its end. */
    static String lineAt(List<String> lines, int index) {
        return index < lines.size() ? lines.get(index) : "";
    }

    /** The view of the first difference, labelled with what each side is. */
    static String show(List<String> expected, String expectedLabel, List<String> actual, String actualLabel) {
        Optional<Integer> first = firstDifference(expected, actual);
        if (first.isEmpty()) {
            return "(no difference)";
        }
        int at = first.get();
        StringBuilder sb = new StringBuilder();
        sb.append("--- ").append(expectedLabel).append('\n');
        sb.append("+++ ").append(actualLabel).append('\n');
        sb.append("@@ first difference at line ").append(at + 1).append(" @@\n");
        for (int i = Math.max(0, at - CONTEXT); i < at; i++) {
            sb.append("  ").append(expected.get(i)).append('\n');
        }
        appendSide(sb, '-', expected, at);
        appendSide(sb, '+', actual, at);
        return sb.toString();
    }

    private static void appendSide(StringBuilder sb, char mark, List<String> lines, int from) {
        if (from >= lines.size()) {
            sb.append(mark).append(" <end of output>\n");
            return;
        }
        for (int i = from; i < Math.min(lines.size(), from + SHOWN); i++) {
            sb.append(mark).append(' ').append(lines.get(i)).append('\n');
        }
    }
}
