package org.sqlite3j.pickle;

import java.util.Objects;

/**
 * A reference to a Python global by name, {@code module.name} (a class or function), as the GLOBAL and
 * STACK_GLOBAL opcodes carry it. Loading a pickle of a class itself gives a {@code PyGlobal}; dumping
 * one writes the reference back. Never resolved to a Java class by name.
 *
 * @param module the module, e.g. {@code "collections"} (Python 3 name)
 * @param name the qualified name inside the module, e.g. {@code "OrderedDict"}
 */
public record PyGlobal(String module, String name) {
    /** Checks that both parts are present. */
    public PyGlobal {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(name, "name");
    }

    /** {@code module + "." + name}. */
    public String qualifiedName() {
        return module + "." + name;
    }

    @Override
    public String toString() {
        return qualifiedName();
    }
}
