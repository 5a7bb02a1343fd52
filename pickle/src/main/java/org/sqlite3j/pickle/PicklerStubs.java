package org.sqlite3j.pickle;

import static org.sqlite3j.pickle.Opcodes.*;

import java.util.Map;

/**
 * Writes a {@link PyObject} stub back with the opcodes that created it, so a pickle loaded in stub
 * mode dumps back byte for byte (for the way CPython writes instances: creation, memo, list items,
 * dict items, BUILD).
 */
final class PicklerStubs {
    private PicklerStubs() {
    }

    static void save(Pickler p, PyObject o) {
        int proto = p.protocol();
        PickleOutput out = p.output();
        switch (o.kind()) {
            case REDUCE -> p.saveReduce(new Reduction(o.callable(), o.args()), null);
            case NEWOBJ -> p.saveReduce(Reduction.newObj(asGlobal(o.callable()), o.args(), null), null);
            case NEWOBJ_EX -> {
                // protocol 4+: NEWOBJ_EX; 2-3: functools.partial(object.__new__, ...)(); 0-1: copyreg.__newobj_ex__
                Object[] a = {o.callable(), o.args(), o.kwargs()};
                p.saveReduce(new Reduction(Reduction.NEWOBJ_EX, PyTuple.of(a)), null);
            }
            case INST -> {
                out.write(MARK);
                for (Object arg : o.args()) {
                    p.save(arg);
                }
                PicklerGlobals.writeOpcodeAndName(p, INST, asGlobal(o.callable()));
            }
            case OBJ -> {
                out.write(MARK);
                p.save(o.callable());
                for (Object arg : o.args()) {
                    p.save(arg);
                }
                out.write(OBJ);
            }
            default -> throw new PicklingError("unknown stub kind " + o.kind());
        }
        int m = p.memoIndex(o);
        if (m >= 0) {
            out.write(POP);
            p.writeGet(m);
        } else {
            p.memoize(o);
        }
        if (!o.listItems().isEmpty()) {
            PicklerContainers.batchAppends(p, o.listItems().iterator());
        }
        if (!o.dictItems().isEmpty()) {
            Map<Object, Object> d = o.dictItems();
            PicklerContainers.batchSetItems(p, d.entrySet().iterator());
        }
        if (o.state() != null) {
            p.save(o.state());
            out.write(BUILD);
        }
    }

    private static PyGlobal asGlobal(Object callable) {
        if (callable instanceof PyGlobal g) {
            return g;
        }
        throw new PicklingError("a stub's class must be a global, not " + Builtins.typeName(callable));
    }
}
