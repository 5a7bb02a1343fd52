package org.sqlite3j.fuzz;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.stream.Stream;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sqlite3j.pickle.Pickle;
import org.sqlite3j.pickle.PickleTools;
import org.sqlite3j.pickle.PicklingError;
import org.sqlite3j.pickle.Unpickler;
import org.sqlite3j.pickle.UnpicklingError;

/**
 * The pickle readers, every input through three targets (one fuzzing JVM for the three: Jazzer fuzzes one
 * test per JVM, and each JVM costs seconds to start). Seeds: corpus/pickle (every protocol, CPython 3.13).
 *
 * <ul>
 *   <li><b>pickle.loads</b>: {@code Pickle.loads} with the default deny-by-default policy
 *       ({@code Globals.builtins()}) gives a value or raises {@link UnpicklingError} (the Unpickler's one
 *       documented exception, standing also for CPython's EOFError, ValueError and TypeError; a structure
 *       nested too deeply for the Java stack is one too). The stream form ({@code Unpickler(InputStream)})
 *       agrees: both load or both raise. Widens test_pickle's AbstractUnpickleTests (test_bad_stack,
 *       test_truncated_data, test_badly_escaped_string, ...) from fixed lists to any input.</li>
 *   <li><b>unpickler.stub</b>: the Unpickler in stub mode ({@code stubUnknownGlobals(true)}: unknown globals
 *       load as inert PyObject stubs, as the shell's {@code .pickle} and shelve's inspection use it), with
 *       {@code encoding("bytes")} for inputs of odd length: a value or UnpicklingError; what follows the
 *       first pickle is loaded as a second one sharing the memo; a loaded value dumps again (protocols 0 and
 *       5) or is refused with {@link PicklingError}.</li>
 *   <li><b>pickletools</b>: {@code PickleTools.dis} and {@code optimize} disassemble or raise
 *       {@link IllegalArgumentException} (pickletools' ValueError) from PickleTools itself; when dis accepts
 *       a pickle, optimize refuses it or gives one dis accepts too (test_pickletools' OptimizedPickleTests on
 *       any input). The listing is quadratic in MARK nesting by CPython's format: {@link #listingMemory}.</li>
 * </ul>
 */
class PickleFuzzTest {

    private static final Target LOADS = Target.of("pickle.loads",
            List.of(UnpicklingError.class, StackOverflowError.class));
    private static final Target STUB = Target.of("unpickler.stub",
            List.of(UnpicklingError.class, PicklingError.class, StackOverflowError.class));
    private static final Target TOOLS = Target.of("pickletools", List.of(IllegalArgumentException.class))
            .withResultMemory(PickleFuzzTest::listingMemory);

    static Stream<Arguments> seeds() {
        return Corpus.seeds("pickle");
    }

    @MethodSource("seeds")
    @FuzzTest
    void pickle(byte[] data) {
        loads(data);
        stubs(data);
        disAndOptimize(data);
    }

    private static void loads(byte[] data) {
        LOADS.run(data, () -> {
            UnpicklingError fromArray = null;
            try {
                Pickle.loads(data);
            } catch (UnpicklingError e) {
                fromArray = e;
            }
            boolean streamFailed;
            try {
                new Unpickler(new ByteArrayInputStream(data)).load();
                streamFailed = false;
            } catch (UnpicklingError e) {
                LOADS.requireDocumented(e, data);
                streamFailed = true;
            }
            if (streamFailed != (fromArray != null)) {
                throw new AssertionError("loading from a stream " + (streamFailed ? "failed" : "succeeded")
                        + " where loading from the array " + (streamFailed ? "succeeded" : "failed: " + fromArray));
            }
            if (fromArray != null) {
                throw fromArray;
            }
        });
    }

    private static void stubs(byte[] data) {
        STUB.run(data, () -> {
            Unpickler u = new Unpickler(data).stubUnknownGlobals(true);
            if (data.length % 2 == 1) {
                u.encoding("bytes");
            }
            Object value = u.load();
            for (int protocol : new int[] {0, 5}) {
                Pickle.dumps(value, protocol);
            }
            try {
                u.load(); // what follows the first pickle, read as a second one sharing the memo
            } catch (UnpicklingError e) {
                STUB.requireDocumented(e, data); // usually "Ran out of input"
            }
        });
    }

    private static void disAndOptimize(byte[] data) {
        TOOLS.run(data, () -> {
            String listing = PickleTools.dis(data);
            if (!listing.contains("highest protocol among opcodes")) {
                throw new AssertionError("dis output without its last line:\n" + listing);
            }
            byte[] optimized = PickleTools.optimize(data);
            try {
                PickleTools.dis(optimized);
            } catch (IllegalArgumentException e) {
                throw new AssertionError("optimize gave a pickle dis refuses (" + e.getMessage() + "): "
                        + Invariants.describe(optimized), e);
            }
        });
    }

    /**
     * What building pickletools' listing of {@code input} may allocate besides the usual bound: every line is
     * indented by 4 spaces per open MARK (CPython's format), so a listing has up to (lines × 4 × MARKs)
     * characters, quadratic in a pickle of MARKs; PickleTools.dis builds it in memory (about 8 bytes
     * allocated per character, with the builder's growth and each line's format), and even a pickle it then
     * refuses ("stack not empty after STOP") has built it first.
     */
    static long listingMemory(byte[] input) {
        long marks = 0;
        for (byte b : input) {
            if (b == '(') {
                marks++;
            }
        }
        return 8L * input.length * 4 * marks;
    }

    @AfterAll
    static void figures() {
        for (Target t : List.of(LOADS, STUB, TOOLS)) {
            FuzzRun.report(t, PickleFuzzTest.class, "pickle", "pickle");
        }
    }
}
