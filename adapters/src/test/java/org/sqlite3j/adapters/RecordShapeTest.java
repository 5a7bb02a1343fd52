package org.sqlite3j.adapters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;

import org.junit.jupiter.api.Test;

/** The one record codec that JSON records, pickled records and record rows share. */
class RecordShapeTest {

    record All(long l, int i, short s, byte b, boolean flag, double d, float f, Integer boxed, String text) {
    }

    record Picky(int n) {
        Picky {
            if (n < 0) {
                throw new IllegalArgumentException("negative");
            }
        }
    }

    private final RecordShape<All> all = RecordShape.of(All.class);

    @Test
    void namesTypesAndValues() {
        assertThat(all.type()).isEqualTo(All.class);
        assertThat(all.size()).isEqualTo(9);
        assertThat(all.name(4)).isEqualTo("flag");
        assertThat(all.componentType(4)).isEqualTo(boolean.class);
        assertThat(all.genericType(8)).isEqualTo(String.class);
        All a = new All(1, 2, (short) 3, (byte) 4, true, 5.5, 6.5f, 7, "x");
        assertThat(all.get(a, 0)).isEqualTo(1L);
        assertThat(all.get(a, 5)).isEqualTo(5.5);
        assertThat(all.get(a, 8)).isEqualTo("x");
    }

    @Test
    void integersNarrowExactlyAndWiden() {
        Object[] args = {
            all.fit(0, BigInteger.valueOf(Long.MAX_VALUE), "the test", "None"), all.fit(1, 2L, "", ""),
            all.fit(2, -3L, "", ""), all.fit(3, 127L, "", ""), all.fit(4, 1L, "", ""), all.fit(5, 5L, "", ""),
            all.fit(6, 1.5, "", ""), all.fit(7, 8L, "", ""), all.fit(8, "t", "", "")};
        assertThat(all.construct(args)).isEqualTo(new All(Long.MAX_VALUE, 2, (short) -3, (byte) 127, true, 5.0, 1.5f,
                8, "t"));
        assertThat(all.fit(4, 0L, "", "")).isEqualTo(false);
        assertThat(all.fit(6, 3L, "", "")).isEqualTo(3.0f);
        assertThat(all.fit(7, null, "", "")).isNull();
    }

    @Test
    void misfitsNameTheComponent() {
        assertThatThrownBy(() -> all.fit(3, 128L, "the column", "NULL")).isInstanceOf(RecordShape.Misfit.class)
                .hasMessage("128 does not fit All.b");
        assertThatThrownBy(() -> all.fit(4, 2L, "the column", "NULL")).hasMessage("2 does not fit All.flag");
        assertThatThrownBy(() -> all.fit(0, BigInteger.ONE.shiftLeft(64), "", ""))
                .hasMessage("18446744073709551616 does not fit All.l");
        assertThatThrownBy(() -> all.fit(1, null, "the column", "NULL")).hasMessage("NULL for the primitive All.i");
        assertThatThrownBy(() -> all.fit(8, 5L, "the pickle", "None"))
                .hasMessage("All.text is String, the pickle holds Long");
        assertThatThrownBy(() -> all.fit(0, 1.5, "the column", "NULL"))
                .hasMessage("All.l is long, the column holds Double");
    }

    @Test
    void theConstructorsRefusalIsTheCause() {
        RecordShape<Picky> picky = RecordShape.of(Picky.class);
        assertThatThrownBy(() -> picky.construct(new Object[] {-1})).isInstanceOf(RecordShape.Misfit.class)
                .hasMessage("Picky refused the values: java.lang.IllegalArgumentException: negative")
                .hasCauseInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> picky.construct(new Object[] {"x"})).isInstanceOf(RecordShape.Misfit.class)
                .hasMessageStartingWith("cannot build " + Picky.class.getName());
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void onlyRecords() {
        assertThatThrownBy(() -> RecordShape.of((Class) String.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("java.lang.String is not a record");
        assertThatThrownBy(() -> RecordShape.of(null)).hasMessage("null is not a record");
    }
}
