package org.sqlite3j.pickle;

import static org.sqlite3j.pickle.Opcodes.*;

/**
 * How the {@link Pickler} writes a global (a class or function by name), CPython's {@code save_global}:
 * an EXT code when the extension registry has one (protocol ≥ 2), STACK_GLOBAL with memoized module and
 * name strings from protocol 4, else GLOBAL text lines with Python 2 names below protocol 3
 * ({@code fix_imports}), and nested names below protocol 4 as {@code getattr} reductions.
 */
final class PicklerGlobals {
    private PicklerGlobals() {
    }

    static void save(Pickler p, PyGlobal g) {
        PickleOutput out = p.output();
        int proto = p.protocol();
        if (proto >= 2) {
            Integer code = p.extensions().code(g);
            if (code != null) {
                if (code <= 0xff) {
                    out.write2(EXT1, code);
                } else if (code <= 0xffff) {
                    out.writeU16(EXT2, code);
                } else {
                    out.writeU32(EXT4, code);
                }
                return;
            }
        }
        if (proto >= 4) {
            p.save(p.moduleName(g.module()));
            p.save(new String(g.name()));
            out.write(STACK_GLOBAL);
        } else if (g.name().indexOf('.') > 0) {
            String[] parts = g.name().split("\\.");
            writeNested(p, g.module(), parts, parts.length);
        } else {
            writeOpcodeAndName(p, GLOBAL, g);
        }
        p.memoize(g);
    }

    /**
     * A nested name below protocol 4, as CPython 3.13 writes it: {@code getattr(parent, last)} where the
     * parent path is rebuilt without memoizing it (the outermost class as a bare GLOBAL) and only the
     * getattr callable and the attribute names go through the memo; the caller memoizes the result.
     */
    private static void writeNested(Pickler p, String module, String[] parts, int n) {
        PickleOutput out = p.output();
        int proto = p.protocol();
        if (n == 1) {
            writeOpcodeAndName(p, GLOBAL, new PyGlobal(module, parts[0]));
            return;
        }
        p.save(Pickler.GETATTR);
        if (proto < 2) {
            out.write(MARK);
        }
        writeNested(p, module, parts, n - 1);
        p.save(new String(parts[n - 1]));
        out.write(proto >= 2 ? TUPLE2 : TUPLE);
        out.write(REDUCE);
    }

    /**
     * {@code opcode} (GLOBAL or INST) and the module and name lines, in their Python 2 names below
     * protocol 3 when {@code fix_imports} is on.
     */
    static void writeOpcodeAndName(Pickler p, int opcode, PyGlobal g) {
        PyGlobal w = p.protocol() < 3 && p.fixImports() ? CompatNames.toPython2(g) : g;
        p.output().write(opcode);
        writeName(p, w.module());
        writeName(p, w.name());
    }

    private static void writeName(Pickler p, String s) {
        PickleOutput out = p.output();
        int proto = p.protocol();
        if (proto < 3) {
            for (int i = 0; i < s.length(); i++) {
                if (s.charAt(i) >= 0x80) {
                    throw new PicklingError("can't pickle global identifier '" + s + "' using pickle protocol " + proto);
                }
            }
        }
        out.write(Utf8.encode(s));
        out.write('\n');
    }
}
