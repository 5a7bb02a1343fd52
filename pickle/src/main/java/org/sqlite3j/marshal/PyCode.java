package org.sqlite3j.marshal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.sqlite3j.pickle.PyTuple;

/**
 * A Python code object as marshal stores it ({@code TYPE_CODE}, CPython 3.11–3.13's field order):
 * an inert record to list and inspect a {@code .pyc} file. Nothing here runs, decodes or validates
 * bytecode beyond the checks CPython's loader makes ({@code _PyCode_Validate}); dumping a
 * {@code PyCode} is refused. Field names are CPython's {@code co_*} attributes without the prefix;
 * {@code localsplusnames}/{@code localspluskinds} are the combined locals table from which
 * {@link #varnames()}, {@link #cellvars()} and {@link #freevars()} derive. Arrays are defensively copied
 * by the accessors; equality is by value.
 *
 * @param argcount {@code co_argcount}
 * @param posonlyargcount {@code co_posonlyargcount}
 * @param kwonlyargcount {@code co_kwonlyargcount}
 * @param stacksize {@code co_stacksize}
 * @param flags {@code co_flags} ({@link #CO_VARARGS}, {@link #CO_VARKEYWORDS}, ...)
 * @param code {@code co_code}: the bytecode, 2-byte code units
 * @param consts {@code co_consts}: values of the marshal value model, nested code objects as {@code PyCode}
 * @param names {@code co_names}: strings
 * @param localsplusnames {@code co_localsplusnames}: strings
 * @param localspluskinds {@code co_localspluskinds}: one kind byte per name ({@link #CO_FAST_LOCAL}, ...)
 * @param filename {@code co_filename}
 * @param name {@code co_name}
 * @param qualname {@code co_qualname}
 * @param firstlineno {@code co_firstlineno}
 * @param linetable {@code co_linetable}: the location table (PEP 626/657 format)
 * @param exceptiontable {@code co_exceptiontable}
 */
public record PyCode(int argcount, int posonlyargcount, int kwonlyargcount, int stacksize, int flags, byte[] code,
        PyTuple consts, PyTuple names, PyTuple localsplusnames, byte[] localspluskinds, String filename, String name,
        String qualname, int firstlineno, byte[] linetable, byte[] exceptiontable) {
    /** {@code co_flags} bit: the function takes {@code *args}. */
    public static final int CO_VARARGS = 0x04;
    /** {@code co_flags} bit: the function takes {@code **kwargs}. */
    public static final int CO_VARKEYWORDS = 0x08;
    /** Kind bit: a local hidden by an inlined comprehension (3.13). */
    public static final int CO_FAST_HIDDEN = 0x10;
    /** Kind bit: a plain local (argument or variable). */
    public static final int CO_FAST_LOCAL = 0x20;
    /** Kind bit: a cell variable (a local captured by an inner function). */
    public static final int CO_FAST_CELL = 0x40;
    /** Kind bit: a free variable (captured from an outer function). */
    public static final int CO_FAST_FREE = 0x80;

    /** Copies the arrays. */
    public PyCode {
        code = code.clone();
        localspluskinds = localspluskinds.clone();
        linetable = linetable.clone();
        exceptiontable = exceptiontable.clone();
    }

    @Override
    public byte[] code() {
        return code.clone();
    }

    @Override
    public byte[] localspluskinds() {
        return localspluskinds.clone();
    }

    @Override
    public byte[] linetable() {
        return linetable.clone();
    }

    @Override
    public byte[] exceptiontable() {
        return exceptiontable.clone();
    }

    /** {@code co_varnames}: the names whose kind has {@link #CO_FAST_LOCAL}. */
    public List<String> varnames() {
        return namesOfKind(CO_FAST_LOCAL);
    }

    /** {@code co_cellvars}: the names whose kind has {@link #CO_FAST_CELL}. */
    public List<String> cellvars() {
        return namesOfKind(CO_FAST_CELL);
    }

    /** {@code co_freevars}: the names whose kind has {@link #CO_FAST_FREE}. */
    public List<String> freevars() {
        return namesOfKind(CO_FAST_FREE);
    }

    /** {@code co_nlocals}: how many names are plain locals. */
    public int nlocals() {
        return varnames().size();
    }

    /** The code objects among {@link #consts()}, in order (functions, classes, lambdas, comprehensions). */
    public List<PyCode> nestedCode() {
        List<PyCode> out = new ArrayList<>();
        for (Object c : consts) {
            if (c instanceof PyCode pc) {
                out.add(pc);
            }
        }
        return out;
    }

    private List<String> namesOfKind(int bit) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < localspluskinds.length; i++) {
            if ((localspluskinds[i] & bit) != 0) {
                out.add((String) localsplusnames.get(i));
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PyCode c && argcount == c.argcount && posonlyargcount == c.posonlyargcount
                && kwonlyargcount == c.kwonlyargcount && stacksize == c.stacksize && flags == c.flags
                && firstlineno == c.firstlineno && Arrays.equals(code, c.code) && consts.equals(c.consts)
                && names.equals(c.names) && localsplusnames.equals(c.localsplusnames)
                && Arrays.equals(localspluskinds, c.localspluskinds) && filename.equals(c.filename)
                && name.equals(c.name) && qualname.equals(c.qualname) && Arrays.equals(linetable, c.linetable)
                && Arrays.equals(exceptiontable, c.exceptiontable);
    }

    @Override
    public int hashCode() {
        return ((qualname.hashCode() * 31 + firstlineno) * 31 + Arrays.hashCode(code)) * 31 + filename.hashCode();
    }

    /** Python's repr: {@code <code object NAME, file "FILE", line N>} (without the address). */
    @Override
    public String toString() {
        return "<code object " + name + ", file \"" + filename + "\", line " + firstlineno + ">";
    }
}
