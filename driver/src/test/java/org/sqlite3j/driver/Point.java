package org.sqlite3j.driver;

import java.nio.charset.StandardCharsets;

import org.sqlite3j.adapters.Adapters;
import org.sqlite3j.adapters.Converters;

/** The class of Python's adapter/converter documentation example: stored as "x;y". */
public record Point(double x, double y) {

    /** Registers the adapter for Point and the converter "point". */
    public static void register(Adapters adapters, Converters converters) {
        adapters.register(Point.class, p -> p.x() + ";" + p.y());
        converters.register("point", bytes -> parse(new String(bytes, StandardCharsets.US_ASCII)));
    }

    public static Point parse(String text) {
        String[] xy = text.split(";");
        return new Point(Double.parseDouble(xy[0]), Double.parseDouble(xy[1]));
    }
}
