package org.sqlite3j.pickle;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link PyRepr}: Python's repr() of str and bytes (the texts checked against CPython 3.13 by hand). */
class PyReprTest {
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
