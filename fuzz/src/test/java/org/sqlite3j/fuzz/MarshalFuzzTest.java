package org.sqlite3j.fuzz;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.stream.Stream;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sqlite3j.marshal.Marshal;
import org.sqlite3j.marshal.MarshalError;

/**
 * {@code Marshal.loads}, {@code Marshal.load} (a stream) and {@code Marshal.loadPyc}: any bytes load or raise
 * a {@link MarshalError} (CPython's ValueError, EOFError, TypeError, UnicodeDecodeError or SystemError);
 * the stream form raises the same class as the array form; a loaded value dumps again at versions 4 and 2
 * or is refused with a MarshalError. The same bytes are also read as a whole {@code .pyc}. Seeds:
 * corpus/marshal (every version, code objects, the three kinds of .pyc, CPython 3.13). Widens
 * test_marshal's BugsTestCase.test_fuzz and the pickle module's seeded marshal FuzzTest to coverage-guided
 * inputs.
 */
class MarshalFuzzTest {

    private static final Target TARGET = Target.of("marshal", List.of(MarshalError.class));

    static Stream<Arguments> seeds() {
        return Corpus.seeds("marshal");
    }

    @MethodSource("seeds")
    @FuzzTest
    void loads(byte[] data) {
        TARGET.run(data, () -> {
            try {
                Marshal.loadPyc(data);
            } catch (MarshalError e) {
                TARGET.requireDocumented(e, data); // most inputs are not a pyc: what matters is what is raised
            }
            MarshalError fromArray = null;
            Object value = null;
            try {
                value = Marshal.loads(data);
            } catch (MarshalError e) {
                fromArray = e;
            }
            try {
                Marshal.load(new ByteArrayInputStream(data));
                if (fromArray != null) {
                    throw new AssertionError("the stream loaded what the array refused with " + fromArray);
                }
            } catch (MarshalError e) {
                TARGET.requireDocumented(e, data);
                if (fromArray == null || e.getClass() != fromArray.getClass()) {
                    throw new AssertionError("the stream raised " + e + " where the array "
                            + (fromArray == null ? "loaded" : "raised " + fromArray), e);
                }
            }
            if (fromArray != null) {
                throw fromArray;
            }
            Marshal.dumps(value, 4);
            Marshal.dumps(value, 2);
        });
    }

    @AfterAll
    static void figures() {
        FuzzRun.report(TARGET, MarshalFuzzTest.class, "loads", "marshal");
    }
}
