package org.sqlite3j.adapters;

/**
 * Python's {@code __conform__} protocol: a class that knows its own SQLite form. Consulted when no
 * adapter is registered for the value's class (a registered adapter wins, as in Python).
 */
public interface Conform {

    /** This object as an SQLite value: null, Long/Integer, Double, String or byte[]. */
    Object conform() throws Exception;
}
