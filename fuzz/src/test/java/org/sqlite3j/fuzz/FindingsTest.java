package org.sqlite3j.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite3j.dbapi.Sqlite3;
import org.sqlite3j.dbm.Dbm;
import org.sqlite3j.dbm.DbmDumb;
import org.sqlite3j.dbm.DbmFile;
import org.sqlite3j.dbm.DbmGnu;
import org.sqlite3j.driver.Sqlite3jDriver;
import org.sqlite3j.driver.UrlParsing;
import org.sqlite3j.pickle.Pickle;
import org.sqlite3j.pickle.PickleTools;
import org.sqlite3j.pickle.PyGlobal;
import org.sqlite3j.pickle.Unpickler;
import org.sqlite3j.pickle.UnpicklingError;
import org.sqlite3j.testkit.Python;

/**
 * Every input fuzzing found breaking an invariant, as a plain test (each is also in the corpus as
 * {@code corpus/FORMAT/found-*}, replayed by its fuzz test). See docs/RELIABILITY.md ("Findings") for the list.
 */
class FindingsTest {

    /**
     * pickletools: a MARK popped as an ordinary item by an earlier opcode (APPEND here), then an opcode that
     * pops through the mark. PickleTools.dis threw IndexOutOfBoundsException (CPython 3.13's pickletools
     * raises IndexError from its own stack here: a bug of pickletools); it now raises its ValueError.
     * Found by PickleFuzzTest (target pickletools) from a protocol-0 pickle (found-dis-mark-popped-as-item).
     */
    @Test
    void disOfAMarkPoppedAsAnItemIsAValueError() {
        byte[] minimal = "(K\u0001at.".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> PickleTools.dis(minimal)).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("the MARK at 0 is no longer on the stack: an earlier opcode popped it as an ordinary item");
        assertThatThrownBy(() -> PickleTools.dis(Corpus.read("pickle", "found-dis-mark-popped-as-item")))
                .isExactlyInstanceOf(IllegalArgumentException.class).hasMessageContaining("is no longer on the stack");
        // the Unpickler itself refuses the same bytes as CPython's does ("unexpected MARK found")
        assertThatThrownBy(() -> Pickle.loads(minimal)).isInstanceOf(UnpicklingError.class);
    }

    /**
     * pickletools' memo rules: a text-protocol PUT of "00" stores under False, which is the int 0 (PickleTools
     * threw NumberFormatException parsing "False"); a key stored twice, a PUT on an empty stack and a PUT of
     * a MARK are pickletools' ValueErrors (PickleTools had none of the three). Found by PickleFuzzTest
     * (pickletools): corpus/pickle/found-dis-put-00-is-false; the messages are CPython 3.13's.
     */
    @Test
    void disFollowsPickletoolsMemoRules() {
        assertThat(PickleTools.dis(latin1("Np00\ng0\n0."))).isEqualTo("""
                    0: N    NONE
                    1: p    PUT        False
                    5: g    GET        0
                    8: 0    POP
                    9: .    STOP
                highest protocol among opcodes = 0
                """);
        assertThat(PickleTools.dis(latin1("\u0080\u0004Nq\u0000\u0094."))).contains("MEMOIZE    (as 1)");
        for (String[] bad : new String[][] {
            {"Np00\np0\n.", "memo key 0 already defined"},
            {"p0\n", "stack is empty -- can't store into memo"},
            {"(p0\n", "can't store markobject in the memo"},
            {"\u0080\u0004Nq\u0001\u0094.", "memo key None already defined"}}) {
            assertThatThrownBy(() -> PickleTools.dis(latin1(bad[0]))).as(bad[0])
                    .isExactlyInstanceOf(IllegalArgumentException.class).hasMessage(bad[1]);
        }
        assertThatThrownBy(() -> PickleTools.dis(Corpus.read("pickle", "found-dis-put-00-is-false")))
                .isExactlyInstanceOf(IllegalArgumentException.class).hasMessage("memo key 0 already defined");
        assertThat(PickleTools.optimize(latin1("Np00\ng0\n0."))).isEqualTo(latin1("Np0\ng0\n0."));
    }

    /**
     * pickletools reads text arguments as {@code escape_decode(line).decode("ascii")} (GLOBAL and INST names,
     * PERSID, STRING inside its quotes, where one quote alone is an empty string) and FLOAT with Python's
     * {@code float(bytes)} (whitespace around, underscores between digits; no other control byte). PickleTools
     * showed names undecoded, took non-ASCII bytes and parsed "0.\\x04" as 0.0. Found by
     * CPythonDifferentialTest on PickleFuzzTest's corpus: corpus/pickle/found-dis-global-escapes,
     * found-dis-global-not-ascii, found-dis-float-control-char; expectations printed by CPython 3.13.
     */
    @Test
    void disReadsTextArgumentsAsPickletools() {
        assertThat(PickleTools.dis(latin1("c__main__\nA\\x42\n."))).startsWith("    0: c    GLOBAL     '__main__ AB'\n");
        assertThat(PickleTools.dis(latin1("S'\n."))).startsWith("    0: S    STRING     ''\n");
        assertThat(PickleTools.dis(latin1("F 1.5 \n."))).startsWith("    0: F    FLOAT      1.5\n");
        assertThat(PickleTools.dis(latin1("F1_0\n."))).startsWith("    0: F    FLOAT      10.0\n");
        for (String[] bad : new String[][] {
            {"cmod\u00e9\nx\n.", "'ascii' codec can't decode byte 0xe9 in position 3: ordinal not in range(128)"},
            {"S'caf\u00e9'\n.", "'ascii' codec can't decode byte 0xe9 in position 3: ordinal not in range(128)"},
            {"F0.\u0004\n.", "could not convert string to float"},
            {"F1__0\n.", "could not convert string to float"}}) {
            // Python's ValueError: IllegalArgumentException, or its NumberFormatException for float()
            assertThatThrownBy(() -> PickleTools.dis(latin1(bad[0]))).as(bad[0])
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(bad[1]);
        }
        for (String found : List.of("found-dis-global-not-ascii", "found-dis-float-control-char")) {
            assertThatThrownBy(() -> PickleTools.dis(Corpus.read("pickle", found))).as(found)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(PickleTools.dis(Corpus.read("pickle", "found-dis-global-escapes")))
                .contains("GLOBAL     'copy_reg _r" + "\\\\".repeat(22) + "econstructor'");
    }

    /**
     * The Unpickler's FLOAT (protocol 0) is read as CPython's C unpickler reads it, not as Python's float():
     * no whitespace or underscore in the line, and a finite literal too large for a double is an error
     * ("value too large to convert to float: '1e999\\n'", CPython's OverflowError) instead of infinity. Java loaded
     * 'F 1.5 \\n', 'F0.\\x04\\n' and 'F1e999\\n'. Found while comparing pickletools' float() reading
     * (found-dis-float-control-char) with the unpickler's; outcomes printed by CPython 3.13.
     */
    @Test
    void floatOpcodeIsReadAsCPythonsUnpicklerReadsIt() {
        for (String bad : List.of("F 1.5\n.", "F1.5 \n.", "F0.\u0004\n.", "F1_0\n.", "F0x10\n.")) {
            assertThatThrownBy(() -> Pickle.loads(latin1(bad))).as(bad).isExactlyInstanceOf(UnpicklingError.class)
                    .hasMessageStartingWith("could not convert string to float");
        }
        assertThatThrownBy(() -> Pickle.loads(latin1("F1e999\n."))).isExactlyInstanceOf(UnpicklingError.class)
                .hasMessage("value too large to convert to float: '1e999\n'"); // CPython shows the line's newline
        assertThat(Pickle.loads(latin1("F-Infinity\n."))).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(Pickle.loads(latin1("Fnan\n."))).isEqualTo(Double.NaN);
        assertThat(Pickle.loads(latin1("F+1.5\n."))).isEqualTo(1.5);
        assertThat(Pickle.loads(latin1("F.5\n."))).isEqualTo(0.5);
        assertThat(Pickle.loads(latin1("F1E5\n."))).isEqualTo(100000.0);
        assertThat(PickleTools.dis(latin1("F1e999\n."))).startsWith("    0: F    FLOAT      inf\n");
    }

    private static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * INST and OBJ of a function the Unpickler handles itself (builtins.getattr, functools.partial,
     * copyreg._reconstructor, __newobj__, __newobj_ex__): CPython calls it with the arguments, as REDUCE does;
     * the Unpickler called the function's internal marker, whose IllegalStateException came out as
     * "UnpicklingError: IllegalStateException: handled by the Unpickler". Found by PickleFuzzTest
     * (unpickler.stub): corpus/pickle/found-obj-of-getattr.
     */
    @Test
    void instAndObjOfGetattrAreCalledAsReduceIs() {
        byte[] inst = latin1("(cbuiltins\nint\nVfrom_bytes\nibuiltins\ngetattr\n.");
        byte[] obj = latin1("(cbuiltins\ngetattr\ncbuiltins\nint\nVfrom_bytes\no.");
        for (byte[] data : List.of(inst, obj)) {
            assertThat(new Unpickler(data).stubUnknownGlobals(true).load())
                    .isEqualTo(new PyGlobal("builtins", "int.from_bytes"));
            assertThatThrownBy(() -> Pickle.loads(data)).isInstanceOf(UnpicklingError.class)
                    .hasMessageContaining("int.from_bytes").hasNoCause();
        }
        // the input found: an OBJ of getattr without arguments (CPython: TypeError, getattr expected 2)
        assertThatThrownBy(() -> new Unpickler(Corpus.read("pickle", "found-obj-of-getattr")).stubUnknownGlobals(true)
                .load()).isExactlyInstanceOf(UnpicklingError.class).hasNoCause()
                .hasMessage("getattr is only supported on a global with a str name");
    }

    /**
     * Decimal('-1`.3400') loaded by REDUCE raises CPython's decimal.InvalidOperation
     * "[<class 'decimal.ConversionSyntax'>]" (an ArithmeticError): here an UnpicklingError with that
     * message whose cause is sqlite3j's ArithmeticException, its stand-in for Python's ArithmeticError.
     * The fuzz invariant had counted any ArithmeticException cause as a bug (PickleFuzzTest, pickle.loads,
     * on CI): corpus/pickle/found-decimal-invalid-operation-cause. The invariant now tells the two apart.
     */
    @Test
    void decimalConversionSyntaxIsAPythonArithmeticError() {
        byte[] found = Corpus.read("pickle", "found-decimal-invalid-operation-cause");
        assertThatThrownBy(() -> Pickle.loads(found)).isExactlyInstanceOf(UnpicklingError.class)
                .hasMessage("[<class 'decimal.ConversionSyntax'>]")
                .satisfies(e -> assertThat(Invariants.pythonArithmeticError(e.getCause())).isTrue())
                .hasCauseExactlyInstanceOf(ArithmeticException.class);
        ArithmeticException jdk = new ArithmeticException("BigInteger out of long range");
        try {
            java.math.BigInteger.TEN.pow(30).longValueExact();
        } catch (ArithmeticException e) {
            jdk = e;
        }
        assertThat(Invariants.pythonArithmeticError(jdk)).as("the JDK's own is still a bug").isFalse();
    }

    /**
     * A {@code %} not followed by two hex digits in a URL option: URLDecoder's IllegalArgumentException escaped
     * the driver; it is now an SQLException (SQLState 08001) naming the option. Found by TextFuzzTest
     * (jdbc-url): corpus/url/found-bad-percent-escape.
     */
    @Test
    void badPercentEscapeInAUrlIsAnSqlException() {
        String url = "jdbc:sqlite3:app.db?user=%";
        assertThatThrownBy(() -> UrlParsing.parse(url, new Properties())).isInstanceOf(SQLException.class)
                .hasMessageContaining("malformed option")
                .hasMessageContaining("expected name=value with %XX escapes of two hex digits")
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08001"));
        Sqlite3jDriver driver = new Sqlite3jDriver();
        assertThatThrownBy(() -> driver.connect("jdbc:sqlite3::memory:?timeout=%zz", new Properties()))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("malformed option").hasMessageContaining("timeout=%zz");
        String found = new String(Corpus.read("url", "found-bad-percent-escape"), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> UrlParsing.parse(found, new Properties())).isInstanceOf(SQLException.class)
                .hasMessageContaining("malformed option");
    }

    /**
     * sqlite-jdbc reads the pass-through option {@code open_mode} with an unguarded Integer.parseInt: a value
     * that is no int made a NumberFormatException escape the driver; it is now checked as an integer (an
     * SQLException, SQLState 22023, as every bad option value). Found by TextFuzzTest (jdbc-url):
     * corpus/url/found-open-mode-not-an-int.
     */
    @Test
    void openModeThatIsNoIntIsAnSqlException() throws SQLException {
        String found = new String(Corpus.read("url", "found-open-mode-not-an-int"), StandardCharsets.UTF_8);
        assertThat(found).isEqualTo("jdbc:sqlite3:ap0?open_mode=2147483648");
        assertThatThrownBy(() -> UrlParsing.parse(found, new Properties())).isInstanceOf(SQLException.class)
                .hasMessage("invalid value '2147483648' for option 'open_mode' in " + found
                        + "; allowed values: an integer from 0 to 2147483647")
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22023"));
        Properties info = new Properties();
        info.setProperty("open_mode", "rw");
        assertThatThrownBy(() -> new Sqlite3jDriver().connect("jdbc:sqlite3::memory:", info))
                .isInstanceOf(SQLException.class).hasMessageContaining("for option 'open_mode'");
        assertThat(UrlParsing.parse("jdbc:sqlite3:app.db?open_mode=6", new Properties())).isEqualTo("app.db");
    }

    /**
     * Not a bug: in a damaged GDBM file (a bucket's stored hash no longer matches), keys() lists a key that
     * get() cannot find, and libgdbm does the same (Python's db[k] raises KeyError, next test). DbmFuzzTest
     * (dbm.gnu) had assumed otherwise: corpus/gnu/found-key-listed-not-found.
     */
    @Test
    void damagedGdbmBucketListsAKeyGetMisses(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("damaged");
        Files.write(file, Corpus.read("gnu", "found-key-listed-not-found"));
        try (DbmFile db = DbmGnu.open(file, "r", 0666)) {
            assertThat(db.keys()).hasSize(26).anySatisfy(k -> assertThat(k).isEqualTo("k5".getBytes()));
            assertThat(db.get("k5")).isNull();
            assertThat(db.get("k2")).isNotNull();
        }
    }

    /** The same file read by libgdbm (Debian's python3-gdbm; skipped where it is not installed). */
    @Test
    void libgdbmAlsoListsTheKeyItCannotFind(@TempDir Path dir) throws Exception {
        Python debian = Python.debian("dbm.gnu");
        Files.write(dir.resolve("damaged"), Corpus.read("gnu", "found-key-listed-not-found"));
        String out = debian.script(dir, "import dbm.gnu\n"
                + "d = dbm.gnu.open('damaged', 'r')\n"
                + "print(len(d.keys()), [k for k in d.keys() if k not in d])\n");
        assertThat(out.strip()).isEqualTo("26 [b'k5']");
    }

    /**
     * dbm.dumb's .dir reader, found while writing DbmFuzzTest's dumb target (120 s of fuzzing had not reached
     * them): a signed hex escape ({@code \\x-1}) and a {@code \\U} escape beyond U+10FFFF made the JDK's
     * IllegalArgumentException escape from StringBuilder.appendCodePoint (CPython: SyntaxError, "truncated
     * \\xXX escape" / "illegal Unicode character"); a line claiming a 2 GB value for a 1-byte .dat allocated
     * the 2 GB (OutOfMemoryError under the fuzz JVM's 1 GB heap) where CPython's f.read(siz) gives what is
     * there. Now a Dbm.ValueError naming the line, and b"v".
     */
    @Test
    void dumbDirEscapesAndClaimedSizesAsCPython(@TempDir Path dir) {
        for (String[] bad : new String[][] {
            {"found-dir-x-escape-with-sign", "(truncated \\xXX escape)"},
            {"found-dir-escape-beyond-unicode", "(illegal Unicode character)"}}) {
            Path base = dumb(dir, bad[0]);
            assertThatThrownBy(() -> DbmDumb.open(base, "r")).as(bad[0]).isExactlyInstanceOf(Dbm.ValueError.class)
                    .hasMessageStartingWith("malformed .dir file, line 1 " + bad[1]);
        }
        try (DbmFile db = DbmDumb.open(dumb(dir, "found-dir-claims-2-gb-value"), "r")) {
            assertThat(db.get("k")).isEqualTo(new byte[] {'v'});
        }
    }

    private static Path dumb(Path dir, String name) {
        byte[][] files = DbmFuzzTest.split(Corpus.read("dumb", name));
        Path base = dir.resolve(name);
        DbmReads.write(Path.of(base + ".dir"), files[0]);
        DbmReads.write(Path.of(base + ".dat"), files[1]);
        return base;
    }

    /**
     * sqlite3.complete_statement takes a str: CPython refuses an embedded NUL (ValueError) and a lone surrogate
     * (UnicodeEncodeError), messages as CPython 3.13 prints them; Java answered a boolean. Found by the seed
     * corpus (sql/nul, whose CPython answer in sql.tsv is ValueError); TextFuzzTest's UTF-16 inputs reach the
     * surrogate case.
     */
    @Test
    void completeStatementRefusesNulAndLoneSurrogatesAsCPython() {
        assertThatThrownBy(() -> Sqlite3.completeStatement("SELECT 1;\0SELECT 2;"))
                .isExactlyInstanceOf(Sqlite3.ValueError.class).hasMessage("embedded null character");
        assertThatThrownBy(() -> Sqlite3.completeStatement("\0\ud800;"))
                .isExactlyInstanceOf(Sqlite3.UnicodeEncodeError.class)
                .hasMessage("'utf-8' codec can't encode character '\\ud800' in position 1: surrogates not allowed");
        assertThat(Sqlite3.completeStatement("SELECT '\ud83d\ude00';")).isTrue();
    }
}
