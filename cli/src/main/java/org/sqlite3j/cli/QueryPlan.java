package org.sqlite3j.cli;

import java.util.ArrayList;
import java.util.List;

import org.sqlite3j.dbapi.Connection;
import org.sqlite3j.dbapi.Row;

/**
 * {@code .eqp on}: the {@code EXPLAIN QUERY PLAN} of a statement drawn as the sqlite3 shell's tree
 * ({@code QUERY PLAN}, then {@code |--} and {@code `--} branches), before the statement's results.
 */
final class QueryPlan {
    private record Node(long id, long parent, String detail) {
    }

    private QueryPlan() {
    }

    /** The tree for {@code sql}, or an empty string when it has no plan (or cannot be explained). */
    static String render(Connection con, String sql) {
        if (sql.stripLeading().regionMatches(true, 0, "EXPLAIN", 0, 7)) {
            return "";
        }
        List<Node> nodes = new ArrayList<>();
        for (Row row : con.execute("EXPLAIN QUERY PLAN " + sql).fetchall()) {
            nodes.add(new Node(((Number) row.get(0)).longValue(), ((Number) row.get(1)).longValue(),
                    String.valueOf(row.get(3))));
        }
        if (nodes.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder("QUERY PLAN\n");
        level(nodes, 0, "", text);
        return text.toString();
    }

    private static void level(List<Node> nodes, long parent, String prefix, StringBuilder text) {
        List<Node> children = nodes.stream().filter(n -> n.parent() == parent).toList();
        for (int i = 0; i < children.size(); i++) {
            boolean last = i == children.size() - 1;
            Node node = children.get(i);
            text.append(prefix).append(last ? "`--" : "|--").append(node.detail()).append('\n');
            level(nodes, node.id(), prefix + (last ? "   " : "|  "), text);
        }
    }
}
