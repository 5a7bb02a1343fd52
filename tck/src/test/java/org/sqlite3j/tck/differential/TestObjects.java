package org.sqlite3j.tck.differential;

import org.sqlite3j.adapters.Conform;

/**
 * The twins of runner.py's test classes, passed as parameters through {@code "obj:..."} tokens:
 * {@link Point} (adapted by "point_text"), its subclass {@link SubPoint} (adapters match exact
 * classes only) and the {@code Conforming*} classes, which implement {@link Conform} as their
 * Python twins implement {@code __conform__}. Their simple names are the Python class names, which
 * is what "type 'X' is not supported" prints.
 */
final class TestObjects {

    private TestObjects() {
    }

    static class Point {
        final long x;
        final long y;

        Point(long x, long y) {
            this.x = x;
            this.y = y;
        }

        @Override
        public String toString() {
            return getClass().getSimpleName() + "(" + x + "," + y + ")";
        }
    }

    static class SubPoint extends Point {
        SubPoint(long x, long y) {
            super(x, y);
        }
    }

    static final class Conforming implements Conform {
        @Override
        public Object conform() {
            return "conformed";
        }
    }

    static final class ConformingNone implements Conform {
        @Override
        public Object conform() {
            return null;
        }
    }

    static final class ConformingRaise implements Conform {
        @Override
        public Object conform() {
            throw Callbacks.fail();
        }
    }

    static final class ConformingUnsupported implements Conform {
        @Override
        public Object conform() {
            return new Object();
        }
    }

    /** The value of an {@code "obj:..."} token's text: "Point(1,2)", "SubPoint(1,2)", "Conforming"... */
    static Object decode(String text) {
        switch (text) {
            case "Conforming":
                return new Conforming();
            case "ConformingNone":
                return new ConformingNone();
            case "ConformingRaise":
                return new ConformingRaise();
            case "ConformingUnsupported":
                return new ConformingUnsupported();
            default:
                break;
        }
        int open = text.indexOf('(');
        if (open < 0 || !text.endsWith(")")) {
            throw new IllegalArgumentException("bad object token: obj:" + text);
        }
        String[] xy = text.substring(open + 1, text.length() - 1).split(",");
        long x = Long.parseLong(xy[0].strip());
        long y = Long.parseLong(xy[1].strip());
        switch (text.substring(0, open)) {
            case "Point":
                return new Point(x, y);
            case "SubPoint":
                return new SubPoint(x, y);
            default:
                throw new IllegalArgumentException("bad object token: obj:" + text);
        }
    }
}
