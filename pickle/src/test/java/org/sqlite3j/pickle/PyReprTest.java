package org.sqlite3j.pickle;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link PyRepr}: Python's repr() of str and bytes (the texts checked against CPython 3.13 by hand). */
class PyReprTest {
    @Test // the shortest round-tripping digits in Python's layout, checked against CPython's repr(float)
    void floatReprIsPythons() {
        java.util.Map<Double, String> expected = java.util.Map.ofEntries(java.util.Map.entry(0.1, "0.1"),
                java.util.Map.entry(1e16, "1e+16"), java.util.Map.entry(1e15, "1000000000000000.0"),
                java.util.Map.entry(1e-5, "1e-05"), java.util.Map.entry(1e-4, "0.0001"), java.util.Map.entry(123.0, "123.0"),
                java.util.Map.entry(-2.5, "-2.5"), java.util.Map.entry(1.5e300, "1.5e+300"),
                java.util.Map.entry(Double.MIN_VALUE, "5e-324"), java.util.Map.entry(0x1p63, "9.223372036854776e+18"),
                java.util.Map.entry(0.1 + 0.2, "0.30000000000000004"), java.util.Map.entry(-0.0, "-0.0"),
                java.util.Map.entry(Double.POSITIVE_INFINITY, "inf"), java.util.Map.entry(Double.NaN, "nan"),
                java.util.Map.entry(Double.MAX_VALUE, "1.7976931348623157e+308"), java.util.Map.entry(2e-7, "2e-07"),
                java.util.Map.entry(123456789.125, "123456789.125"), java.util.Map.entry(2e23, "2e+23"),
                java.util.Map.entry(1.0E22, "1e+22"), java.util.Map.entry(9.999999999999999e22, "1e+23"));
        expected.forEach((d, repr) -> assertThat(PyRepr.floatRepr(d)).as("repr(%s)", d).isEqualTo(repr));
    }

    @Test
    void strQuotesAndEscapesAsPython() {
        assertThat(PyRepr.str("plain")).isEqualTo("'plain'");
        assertThat(PyRepr.str("it's")).isEqualTo("\"it's\"");
        assertThat(PyRepr.str("both ' and \"")).isEqualTo("'both \\' and \"'");
        assertThat(PyRepr.str("tab\tnl\nbs\\ bell\u0007 del\u007f")).isEqualTo("'tab\\tnl\\nbs\\\\ bell\\x07 del\\x7f'");
        assertThat(PyRepr.str("café 日本 😀")).isEqualTo("'café 日本 😀'");
        assertThat(PyRepr.str("nbsp\u00a0 zwsp\u200b private\ue000 astral-private\udb80\udc00"))
                .isEqualTo("'nbsp\\xa0 zwsp\\u200b private\\ue000 astral-private\\U000f0000'");
    }

    @Test
    void bytesAsPython() {
        assertThat(PyRepr.bytes(new byte[0])).isEqualTo("b''");
        assertThat(PyRepr.bytes(new byte[] {0, (byte) 0xff, 'A', '\n', '\\'})).isEqualTo("b'\\x00\\xffA\\n\\\\'");
        assertThat(PyRepr.bytes("'".getBytes())).isEqualTo("b\"'\"");
        assertThat(PyRepr.bytes("'\"".getBytes())).isEqualTo("b'\\'\"'");
    }

    @Test
    void isPrintableAsPythonsStrIsprintable() {
        assertThat(PyRepr.isPrintable(' ')).isTrue();
        assertThat(PyRepr.isPrintable('é')).isTrue();
        assertThat(PyRepr.isPrintable("😀".codePointAt(0))).isTrue();
        assertThat(PyRepr.isPrintable('\t')).isFalse();
        assertThat(PyRepr.isPrintable(0x7f)).isFalse();
        assertThat(PyRepr.isPrintable(0xa0)).isFalse(); // no-break space: a separator
        assertThat(PyRepr.isPrintable(0x200b)).isFalse(); // zero width space: a format character
        assertThat(PyRepr.isPrintable(0xe000)).isFalse(); // private use
    }
}
