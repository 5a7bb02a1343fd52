package org.sqlite3j.pickle;

import java.util.Objects;

/**
 * {@code getattr(owner, name)} where {@code owner} is a global: how CPython pickles a bound method of a
 * class (for example {@code zoneinfo.ZoneInfo._unpickle}, or {@code object.__new__} in its emulation of
 * NEWOBJ_EX below protocol 4). A nested class, which CPython also writes as a getattr call below
 * protocol 4, loads as its dotted {@link PyGlobal} instead. The Unpickler
 * never looks an attribute up: it only composes the dotted name {@code owner.name} and resolves that
 * through the {@link Globals} policy like any other global. Dumping one writes the same getattr call.
 *
 * @param owner the global the attribute belongs to
 * @param name the attribute name
 */
public record PyAttribute(PyGlobal owner, String name) {
    /** Checks that both parts are present. */
    public PyAttribute {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(name, "name");
    }

    /** The dotted global this attribute names: {@code module.Owner.name}. */
    public PyGlobal asGlobal() {
        return new PyGlobal(owner.module(), owner.name() + "." + name);
    }

    @Override
    public String toString() {
        return "getattr(" + owner + ", '" + name + "')";
    }
}
