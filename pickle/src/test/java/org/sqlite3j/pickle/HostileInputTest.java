package org.sqlite3j.pickle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile and malformed input: every case raises {@link UnpicklingError} — never OutOfMemoryError,
 * StackOverflowError or a raw runtime exception — and allocates nothing a declared length asks for
 * before the bytes are there.
 */
class HostileInputTest {
    private static byte[] b(String latin1) {
        return latin1.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void assertRejected(byte[] data, String messagePart) {
        assertThatThrownBy(() -> Pickle.loads(data)).isInstanceOf(UnpicklingError.class).hasMessageContaining(messagePart);
        assertThatThrownBy(() -> new Unpickler(new ByteArrayInputStream(data)).load())
                .isInstanceOf(UnpicklingError.class).hasMessageContaining(messagePart);
    }

    @Test
    void tenBytePickleDeclaringTwoGigabytesOfBytesIsRejectedWithoutAllocating() {
        assertRejected(b("B\u00ff\u00ff\u00ff\u007f.xyz"), "pickle data was truncated");
        assertRejected(b("X\u00ff\u00ff\u00ff\u00ffabc"), "pickle data was truncated");
        assertRejected(b("T\u00ff\u00ff\u00ff\u007fabc"), "pickle data was truncated");
    }

    @Test
    void eightByteLengthsBeyondAnyArrayAreRejected() {
        assertRejected(b("\u008e\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff."), "exceeds");
        assertRejected(b("\u008d\u0000\u0000\u0000\u0000\u0001\u0000\u0000\u0000."), "exceeds");
        assertRejected(b("\u0096\u0000\u0000\u0000\u0080\u0000\u0000\u0000\u0000."), "exceeds");
        assertRejected(b("\u0080\u0004\u0095\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff\u00ffN."), "frame size");
        assertRejected(b("\u0080\u0004\u0095\u0000\u0000\u0000\u0010\u0000\u0000\u0000\u0000N."), "pickle data was truncated");
    }

    @Test
    void negativeLengthsAreRejected() {
        assertRejected(b("T\u00ff\u00ff\u00ff\u00ffabc."), "BINSTRING pickle has negative byte count");
        assertRejected(b("\u008b\u00ff\u00ff\u00ff\u00ff."), "LONG pickle has negative byte count");
        assertRejected(b("Va\np-1\n."), "negative PUT argument");
    }

    @Test
    void hugeStreamDeclaredLengthReadsOnlyWhatArrives() {
        // a stream that declares 2 GB and then ends after 3 bytes costs a few kilobytes, not 2 GB
        InputStream in = new ByteArrayInputStream(b("B\u00ff\u00ff\u00ff\u007fabc"));
        assertThatThrownBy(() -> new Unpickler(in).load()).isInstanceOf(UnpicklingError.class)
                .hasMessage("pickle data was truncated");
    }

    @Test
    void memoAbuseIsBounded() {
        assertRejected(b("]h\u0007."), "Memo value not found at index 7");
        assertRejected(b("]j\u00ff\u00ff\u00ff\u00ff."), "Memo value not found at index 4294967295");
        // a huge sparse index does not allocate a huge dense memo
        Object v = Pickle.loads(b("]r\u00ff\u00ff\u00ff\u00ff0j\u00ff\u00ff\u00ff\u00ff."));
        assertThat(v).isEqualTo(new ArrayList<>());
        // the memo size bound
        ByteArrayOutputStream many = new ByteArrayOutputStream();
        for (int i = 0; i < 200; i++) {
            many.writeBytes(b("N\u0094"));
        }
        many.write('.');
        assertThatThrownBy(() -> new Unpickler(many.toByteArray()).maxMemo(100).load())
                .isInstanceOf(UnpicklingError.class).hasMessageContaining("memo size limit exceeded");
    }

    @Test
    void stackAndMarkDepthAreBounded() {
        byte[] marks = new byte[2_000_000];
        java.util.Arrays.fill(marks, (byte) '(');
        assertRejected(marks, "unpickling stack exceeds the limit");
        byte[] lists = new byte[2_000_000];
        java.util.Arrays.fill(lists, (byte) ']');
        assertRejected(lists, "unpickling stack exceeds the limit");
        assertThatThrownBy(() -> new Unpickler(b("NNNNNNNNNNNN.")).maxStack(5).load())
                .isInstanceOf(UnpicklingError.class).hasMessageContaining("limit of 5");
    }

    @Test
    void deeplyNestedTuplesHashWithoutRecursion() {
        // 200k nested 1-tuples used as a dict key: the hash is computed at construction, never recursively
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(b("}N"));
        for (int i = 0; i < 200_000; i++) {
            out.write(0x85);
        }
        out.writeBytes(b("Ns."));
        Object d = Pickle.loads(out.toByteArray());
        assertThat(d).isInstanceOf(java.util.Map.class);
    }

    @Test
    void deepNestingThatWouldOverflowEqualsIsReportedNotThrown() {
        // two equal 200k-deep tuple chains as keys of one dict: equals would recurse 200k deep
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(b("}"));
        for (int k = 0; k < 2; k++) {
            out.write('N');
            for (int i = 0; i < 200_000; i++) {
                out.write(0x85);
            }
            out.write('N');
            out.write('s');
        }
        out.write('.');
        byte[] data = out.toByteArray();
        assertThatThrownBy(() -> new Unpickler(data).load()).isInstanceOf(UnpicklingError.class)
                .hasMessageContaining("nested too deeply");
    }

    @Test
    void hugeDecimalIntegersAreRefusedLikeCPythonsDigitLimit() {
        String digits = "1".repeat(5000);
        assertRejected(b("L" + digits + "L\n."), "Exceeds the limit (4300 digits) for integer string conversion");
        // INT: CPython's load_int replaces every failure of its int() fallback, the limit included
        assertRejected(b("I" + digits + "\n."), "could not convert string to int");
        java.math.BigInteger big = java.math.BigInteger.TEN.pow(5000);
        assertThatThrownBy(() -> Pickle.dumps(big, 0)).isInstanceOf(PicklingError.class).hasMessageContaining("4300 digits");
        assertThat(Pickle.loads(Pickle.dumps(big, 2))).isEqualTo(big);
        java.math.BigInteger ok = java.math.BigInteger.TEN.pow(4299).negate();
        assertThat(Pickle.loads(Pickle.dumps(ok, 0))).isEqualTo(ok);
    }

    @Test
    void unhashableKeysAreRejectedLikePython() {
        assertRejected(b("}]Ns."), "unhashable type: 'list'");
        assertRejected(b("\u008f(}\u0090."), "unhashable type: 'dict'");
        assertRejected(b("(]\u0091."), "unhashable type: 'list'");
        assertRejected(b("}]\u0085Ns."), "unhashable type: 'list'"); // CPython names the item, not the tuple
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u00ff", "\u0000", "z", "\u0099", "\u0080\u0006N."})
    void badOpcodesAndProtocolsAreRejected(String s) {
        assertThatThrownBy(() -> Pickle.loads(b(s))).isInstanceOf(UnpicklingError.class)
                .hasMessageMatching("invalid load key, '.*'\\.|unsupported pickle protocol: 6");
    }

    @Test
    void invalidLoadKeyMessageMatchesCPython() {
        assertThatThrownBy(() -> Pickle.loads(b("\u00ff"))).hasMessage("invalid load key, '\\xff'.");
        assertThatThrownBy(() -> Pickle.loads(b("z"))).hasMessage("invalid load key, 'z'.");
    }

    @Test
    void invalidUtf8IsRejected() {
        assertRejected(b("X\u0002\u0000\u0000\u0000\u00c3(."), "'utf-8' codec can't decode");
        assertRejected(b("\u008c\u0001\u00e9."), "'utf-8' codec can't decode");
    }

    @Test
    void frameOverlapIsRejected() {
        assertRejected(b("\u0080\u0004\u0095\u0005\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0095\u0001\u0000\u0000\u0000\u0000"
                + "\u0000\u0000\u0000N."), "beginning of a new frame before end of current frame");
    }

    @Test
    void wrongTypesForContainerOpsAreRejected() {
        assertRejected(b("NK\u0001a."), "'NoneType' object has no attribute 'append'");
        assertRejected(b("K\u0001K\u0001K\u0001s."), "does not support item assignment");
        assertRejected(b("N)R."), "'NoneType' object is not callable");
        assertRejected(b("cbuiltins\nset\nNR."), "argument list must be a tuple");
        assertRejected(b("\u008c\u0003abc\u0093."), "unpickling stack underflow");
        assertRejected(b("K\u0001K\u0002\u0093."), "STACK_GLOBAL requires str");
        assertRejected(b("\u0097."), "no *buffers* argument was given");
        assertRejected(b("Pabc\n."), "no persistent_load function was specified");
        assertRejected(b("\u0082\u0000."), "EXT specifies code <= 0");
        assertRejected(b("\u0082\u0063."), "unregistered extension code 99");
        assertRejected(b("]Nb."), "cannot BUILD");
    }

    @Test
    void randomMutationsOfValidPicklesNeverEscapeAsOtherThrowables() {
        List<byte[]> seeds = new ArrayList<>();
        for (int p = 0; p <= 5; p++) {
            seeds.add(Pickle.dumps(JavaToPythonTest.javaValues(), p));
        }
        Random rnd = new Random(4);
        int rejected = 0;
        for (int round = 0; round < 20_000; round++) {
            byte[] data = seeds.get(round % seeds.size()).clone();
            int edits = 1 + rnd.nextInt(4);
            for (int e = 0; e < edits; e++) {
                int at = rnd.nextInt(data.length);
                switch (rnd.nextInt(3)) {
                    case 0 -> data[at] = (byte) rnd.nextInt(256);
                    case 1 -> data = java.util.Arrays.copyOf(data, at);
                    default -> data[at] = (byte) (data[at] ^ (1 << rnd.nextInt(8)));
                }
                if (data.length == 0) {
                    break;
                }
            }
            try {
                new Unpickler(data).load();
            } catch (UnpicklingError expected) {
                rejected++;
            }
        }
        assertThat(rejected).isGreaterThan(1000);
    }
}
