package org.sqlite3j.marshal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite3j.pickle.PyComplex;
import org.sqlite3j.pickle.PyFrozenSet;
import org.sqlite3j.pickle.PyTuple;

/**
 * Code objects and {@code .pyc} files: {@code sample.pyc} / {@code sample_hash.pyc} were compiled by
 * CPython 3.13 from {@code sample_module.py} (with {@code sample.listing.txt}, CPython's own listing of
 * every code object in them); a live test compiles a fresh module. Covers test_marshal's
 * {@code CodeTestCase} ({@code test_code}, {@code test_many_codeobjects}, {@code test_no_allow_code},
 * {@code test_same_filename_used}) and {@code CompatibilityTestCase} (code at every version), read-only.
 */
class PycTest {
    /** {@code (lambda a: a).__code__} as CPython 3.13 marshals it. */
    static final String LAMBDA = "e30100000000000000000000000100000013000000f306000000950055002400a9014ea9002901da0161"
            + "730100000020da073c737464696e3eda083c6c616d6264613eda16636f64652e3c6c6f63616c733e2e3c6c616d6264613e"
            + "0b000000730400000080009961f300000000";

    /** The listing format of gen_vectors.py's {@code listing()}, from the Java records. */
    static String listing(Pyc pyc) {
        StringBuilder sb = new StringBuilder("magic " + pyc.magicNumber() + " flags " + pyc.flags() + "\n");
        walk(pyc.code(), 0, sb);
        return sb.toString();
    }

    private static void walk(PyCode co, int indent, StringBuilder sb) {
        String consts = co.consts().asList().stream().map(PycTest::typeName).collect(Collectors.joining(","));
        HexFormat hex = HexFormat.of();
        sb.append("  ".repeat(indent)).append(String.join("|", co.qualname(), co.name(), "" + co.firstlineno(),
                "" + co.argcount(), "" + co.posonlyargcount(), "" + co.kwonlyargcount(), "" + co.stacksize(),
                "" + co.flags(), "" + co.nlocals(), String.join(",", co.varnames()), String.join(",", co.cellvars()),
                String.join(",", co.freevars()), co.names().asList().stream().map(String.class::cast)
                        .collect(Collectors.joining(",")), consts, hex.formatHex(co.code()),
                hex.formatHex(co.linetable()), hex.formatHex(co.exceptiontable()))).append('\n');
        for (PyCode nested : co.nestedCode()) {
            walk(nested, indent + 1, sb);
        }
    }

    private static String typeName(Object c) {
        if (c instanceof PyCode code) {
            return "code:" + code.qualname();
        }
        if (c == null) {
            return "NoneType";
        }
        if (c == Marshal.ELLIPSIS) {
            return "ellipsis";
        }
        Map<Class<?>, String> names = Map.of(Boolean.class, "bool", Long.class, "int", BigInteger.class, "int",
                Double.class, "float", PyComplex.class, "complex", String.class, "str", byte[].class, "bytes",
                PyTuple.class, "tuple", PyFrozenSet.class, "frozenset");
        return names.getOrDefault(c.getClass(), c.getClass().getName());
    }

    /** test_code / test_many_codeobjects: the committed pyc lists exactly as CPython listed it: every code object, field by field, bytecode included. */
    @Test
    void sampleListsAsCPythonListsIt() throws IOException {
        Pyc pyc = Marshal.loadPyc(PythonProcess.resource("sample.pyc"));
        assertThat(listing(pyc)).isEqualTo(Files.readString(PythonProcess.resource("sample.listing.txt")));
        assertThat(pyc.magicNumber()).isEqualTo(3571);
        assertThat(pyc.pythonVersion()).isEqualTo("3.13");
        assertThat(pyc.isHashBased()).isFalse();
        assertThat(pyc.sourceSize()).isEqualTo(Files.size(PythonProcess.resource("sample_module.py")));
        assertThat(pyc.mtime()).isPositive();
        assertThat(pyc.sourceHash()).isNull();
        PyCode module = pyc.code();
        assertThat(module.filename()).isEqualTo("sample_module.py");
        assertThat(module.nestedCode()).extracting(PyCode::name)
                .containsExactly("add", "counter", "Shape", "squares", "guarded", "is_small_prime");
        PyCode add = module.nestedCode().get(0);
        assertThat(add.varnames()).containsExactly("a", "b", "scale", "args", "kwargs");
        assertThat(add.posonlyargcount()).isEqualTo(2);
        assertThat(add.flags() & (PyCode.CO_VARARGS | PyCode.CO_VARKEYWORDS)).isEqualTo(12);
        PyCode counter = module.nestedCode().get(1);
        assertThat(counter.cellvars()).containsExactly("count");
        assertThat(counter.nestedCode().get(0).freevars()).containsExactly("count");
        assertThat(module.consts().asList()).contains(PyFrozenSet.of(2L, 3L, 5L, 7L), "日本語", PyTuple.of(1L, PyTuple.of(2L, 3L)),
                new PyComplex(0, 2), Marshal.ELLIPSIS);
    }

    /** No test_marshal test (importlib's pyc header, PEP 552): a hash-based pyc (CHECKED_HASH) has the same code, flags 3 and an 8-byte source hash. */
    @Test
    void hashBasedPyc() throws IOException {
        Pyc pyc = Marshal.loadPyc(PythonProcess.resource("sample_hash.pyc"));
        Pyc plain = Marshal.loadPyc(PythonProcess.resource("sample.pyc"));
        assertThat(pyc.flags()).isEqualTo(3);
        assertThat(pyc.isHashBased()).isTrue();
        assertThat(pyc.checkSource()).isTrue();
        assertThat(pyc.sourceHash()).hasSize(8);
        assertThat(pyc.mtime()).isEqualTo(-1);
        assertThat(pyc.code()).isEqualTo(plain.code());
        assertThat(pyc).isNotEqualTo(plain);
    }

    /** CompatibilityTestCase / test_same_filename_used, live: a module compiled now by CPython lists as CPython lists it (skipped without CPython). */
    @Test
    void freshlyCompiledModule(@TempDir Path dir) throws Exception {
        PythonProcess.require();
        Path src = dir.resolve("fresh.py");
        Files.writeString(src, """
                import functools
                async def fetch(url, *, retries=3):
                    async with session(url) as s:
                        return [x async for x in s if x]
                @functools.cache
                def fib(n: int) -> int:
                    return n if n < 2 else fib(n - 1) + fib(n - 2)
                match_me = lambda v: (lambda: v)
                def gen():
                    yield from range(10)
                    try:
                        pass
                    except* ValueError as eg:
                        raise eg from None
                class Outer:
                    class Inner:
                        def method(self, x=1.5e300, y=-0.0, z=1j, w=b"\\x00", u="\\ud800"): return (x, y, z, w, u)
                """);
        Path pyc = dir.resolve("fresh.pyc");
        String program = "import py_compile, gen_vectors, sys\n"
                + "py_compile.compile(sys.argv[3], cfile=sys.argv[4], doraise=True)\n"
                + "print(gen_vectors.listing(sys.argv[4]), end='')\n";
        String expected = PythonProcess.runWithArgs(program, src.toString(), pyc.toString());
        assertThat(listing(Marshal.loadPyc(pyc))).isEqualTo(expected);
    }

    /** test_code: the lambda's code object loads as the inert record, with the values CPython gives. */
    @Test
    void codeObjectFields() {
        PyCode code = (PyCode) Marshal.loads(HexFormat.of().parseHex(LAMBDA));
        assertThat(code.name()).isEqualTo("<lambda>");
        assertThat(code.qualname()).isEqualTo("code.<locals>.<lambda>");
        assertThat(code.filename()).isEqualTo("<stdin>");
        assertThat(code.argcount()).isEqualTo(1);
        assertThat(code.varnames()).containsExactly("a");
        assertThat(code.firstlineno()).isEqualTo(11);
        assertThat(code.consts()).isEqualTo(PyTuple.of((Object) null));
        assertThat(code).hasToString("<code object <lambda>, file \"<stdin>\", line 11>");
        assertThat(Marshal.loads(HexFormat.of().parseHex(LAMBDA))).isEqualTo(code).isNotSameAs(code);
    }

    /** test_no_allow_code: {@code allow_code=False} refuses code, even nested; dumping a PyCode is refused always. */
    @Test
    void codeIsRefusedWhereCPythonRefusesIt() {
        byte[] data = HexFormat.of().parseHex(LAMBDA);
        assertThatThrownBy(() -> Marshal.loads(data, false)).isExactlyInstanceOf(ValueError.class)
                .hasMessage("unmarshalling code objects is disallowed");
        byte[] nested = new byte[data.length + 5];
        nested[0] = '[';
        nested[1] = 1;
        System.arraycopy(data, 0, nested, 5, data.length);
        assertThatThrownBy(() -> Marshal.loads(nested, false)).isExactlyInstanceOf(ValueError.class);
        assertThat(Marshal.loads(nested, true)).asList().hasSize(1);
        Object code = Marshal.loads(data);
        assertThatThrownBy(() -> Marshal.dumps(code)).isExactlyInstanceOf(ValueError.class)
                .hasMessageContaining("code object");
    }

    /** No test_marshal test (observed): _PyCode_Validate's checks, with CPython's classes and messages (observed on CPython 3.13). */
    @Test
    void malformedCodeObjects() {
        byte[] ok = HexFormat.of().parseHex(LAMBDA);
        assertThatThrownBy(() -> Marshal.loads(withInt(withInt(ok, 1, 0), 5, 1))).isExactlyInstanceOf(SystemError.class)
                .hasMessage("bad argument to internal function");
        assertThatThrownBy(() -> Marshal.loads(withInt(ok, 1, 5))).isExactlyInstanceOf(ValueError.class)
                .hasMessage("code: co_varnames is too small");
        assertThat(Marshal.loads(withInt(withInt(ok, 1, 0), 5, 0))).isInstanceOf(PyCode.class);
        assertThatThrownBy(() -> Marshal.loads(Arrays.copyOf(ok, ok.length - 3))).isExactlyInstanceOf(EOFError.class);
        byte[] oddCode = new byte[ok.length - 1];  // co_code of 5 bytes instead of 6
        System.arraycopy(ok, 0, oddCode, 0, 31);
        System.arraycopy(ok, 32, oddCode, 31, ok.length - 32);
        oddCode[22] = 5;
        assertThatThrownBy(() -> Marshal.loads(oddCode)).isExactlyInstanceOf(ValueError.class)
                .hasMessage("code: co_code is malformed");
        byte[] selfRef = HexFormat.of().parseHex("e3" + LAMBDA.substring(2, 42) + "72" + "00000000" + LAMBDA.substring(56));
        assertThatThrownBy(() -> Marshal.loads(selfRef)).isExactlyInstanceOf(ValueError.class)
                .hasMessage("bad marshal data (invalid reference)");
    }

    private static byte[] withInt(byte[] data, int at, int value) {
        byte[] out = data.clone();
        for (int i = 0; i < 4; i++) {
            out[at + i] = (byte) (value >> 8 * i);
        }
        return out;
    }

    /** No test_marshal test (importlib's checks): headers that are not a CPython 3.11–3.13 pyc are refused with a clear error; so is a non-code body. */
    @Test
    void badPycFiles() throws IOException {
        byte[] good = Files.readAllBytes(PythonProcess.resource("sample.pyc"));
        assertThatThrownBy(() -> Marshal.loadPyc(Arrays.copyOf(good, 15))).isExactlyInstanceOf(EOFError.class)
                .hasMessageContaining("pyc header truncated");
        for (int magic : List.of(3439, 3600, 62211)) {
            byte[] other = good.clone();
            other[0] = (byte) magic;
            other[1] = (byte) (magic >> 8);
            assertThatThrownBy(() -> Marshal.loadPyc(other)).isExactlyInstanceOf(ValueError.class)
                    .hasMessageContaining("bad magic number");
        }
        byte[] flags = good.clone();
        flags[4] = 4;
        assertThatThrownBy(() -> Marshal.loadPyc(flags)).isExactlyInstanceOf(ValueError.class).hasMessageContaining("invalid flags");
        byte[] notCode = Arrays.copyOf(good, 17);
        notCode[16] = 'N';
        assertThatThrownBy(() -> Marshal.loadPyc(notCode)).isExactlyInstanceOf(ValueError.class).hasMessage("non-code object in pyc");
        assertThatThrownBy(() -> Marshal.loadPyc(Arrays.copyOf(good, good.length - 1))).isExactlyInstanceOf(EOFError.class);
        byte[] v311 = good.clone();
        v311[0] = (byte) 3495;
        v311[1] = (byte) (3495 >> 8);
        assertThat(Marshal.loadPyc(v311).pythonVersion()).isEqualTo("3.11");
    }
}
