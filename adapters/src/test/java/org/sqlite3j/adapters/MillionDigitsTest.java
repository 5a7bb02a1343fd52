package org.sqlite3j.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Issue 19: a million digits wherever the adapters read a number — each field of the date and
 * timestamp recipes, the Decimal recipe, JsonRecords' integers, floats and decimals — take well under
 * a second (thread CPU time, a 2 s bound) and give CPython 3.13's value or exception. Kept apart from
 * the small tables: the mutation profile leaves these slow cases out.
 */
class MillionDigitsTest {

    /** A million digits in each field and in a Decimal: CPython's limit or value, in linear time. */
    static List<RecipesTest.Case> recipeCases() {
        String nines = "9".repeat(1_000_000);
        List<RecipesTest.Case> cases = new ArrayList<>();
        cases.add(RecipesTest.c("date", nines + "-01-01"));
        cases.add(RecipesTest.c("date", "2024-01-" + nines));
        cases.add(RecipesTest.c("date", "2024-01-" + nines + "x"));
        cases.add(RecipesTest.c("timestamp", "2024-05-01 " + nines + ":00:00"));
        cases.add(RecipesTest.c("timestamp", "2024-05-01 12:30:15." + nines));
        cases.add(RecipesTest.c("timestamp", nines + "-05-01 12:30:15"));
        cases.add(RecipesTest.c("decimal", nines));
        cases.add(RecipesTest.c("decimal", "-0." + nines + "e-5"));
        cases.add(RecipesTest.c("decimal", nines + "x"));
        return cases;
    }

    @Test
    void recipesGiveCPythonsResultOrException() throws Exception {
        RecipesTest.assertSameAsCPython("recipes-million", recipeCases());
    }

    @Test // issue 19: a million digits in any field take well under a second (thread CPU time, 2 s bound)
    void aMillionDigitsTakeWellUnderASecond() {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        for (RecipesTest.Case c : recipeCases()) {
            long start = cpu.getCurrentThreadCpuTime();
            try {
                RecipesTest.convert(c.name(), c.text());
            } catch (Exception refused) {
                // refused as CPython refuses it: what matters here is how long it took
            }
            long millis = (cpu.getCurrentThreadCpuTime() - start) / 1_000_000;
            assertThat(millis).as("%s", c).isLessThan(2_000);
        }
    }

    record Numbers(BigInteger n, double d, BigDecimal dec, long l) {
    }

    @Test // issue 19: JSON numbers of a million digits are read in linear time, refused where Python's json refuses them
    void aMillionDigitNumbersAreReadAsPythonsJsonReadsThem() throws Exception {
        String nines = "9".repeat(1_000_000);
        StringBuilder digits = new StringBuilder(1_000_000);
        java.util.Random r = new java.util.Random(7);
        for (int i = 0; i < 1_000_000; i++) {
            digits.append((char) ('0' + r.nextInt(10)));
        }
        String[] texts = {"{\"n\": " + nines + ", \"d\": 1.5, \"dec\": \"1\", \"l\": 1}",
            "{\"n\": 1, \"d\": 0." + digits + ", \"dec\": \"" + digits.substring(0, 500_000) + "." + digits.substring(500_000) + "\", \"l\": 1}",
            "{\"n\": " + "7".repeat(4300) + ", \"d\": 1e" + nines.substring(0, 400) + ", \"dec\": \"-0.5E-3\", \"l\": -1}",
            "{\"n\": -" + "7".repeat(4301) + ", \"d\": 1, \"dec\": \"1\", \"l\": 1}",
            "{\"n\": 1, \"d\": 1, \"dec\": \"1\", \"l\": " + nines + "}"};
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        List<String> actual = new java.util.ArrayList<>();
        BigInteger m = BigInteger.TWO.pow(61).subtract(BigInteger.ONE);
        for (String text : texts) {
            long start = cpu.getCurrentThreadCpuTime();
            String outcome;
            try {
                Numbers v = JsonRecords.fromJson(Numbers.class, text);
                assertThat((cpu.getCurrentThreadCpuTime() - start) / 1_000_000).as("CPU ms").isLessThan(2_000);
                outcome = "ok " + v.n().mod(m) + " " + org.sqlite3j.pickle.PyRepr.floatRepr(v.d()) + " "
                        + v.dec().precision() + " " + -v.dec().scale() + " " + v.dec().unscaledValue().abs().mod(m) + " " + v.l();
            } catch (IllegalArgumentException e) {
                assertThat((cpu.getCurrentThreadCpuTime() - start) / 1_000_000).as("CPU ms").isLessThan(2_000);
                outcome = "err " + e.getMessage();
            }
            actual.add(outcome);
        }
        String program = String.join("\n",
                "import sys, json, decimal",
                "M = 2**61 - 1",
                "for line in sys.stdin:",
                "    try:",
                "        v = json.loads(line)",
                "        t = decimal.Decimal(v['dec']).as_tuple(); h = 0",
                "        for x in t.digits: h = (h * 10 + x) % M",
                "        print('ok %d %r %d %d %d %d' % (v['n'] % M, float(v['d']), len(t.digits), t.exponent, h, v['l']))",
                "    except ValueError as e:",
                "        print('err', e)",
                "");
        List<byte[]> keys = new java.util.ArrayList<>();
        for (String text : texts) {
            keys.add(text.getBytes(StandardCharsets.UTF_8));
        }
        List<String> expected = CommittedOutcomes.expected("json-numbers", keys, () -> List.of(org.sqlite3j.testkit.Python
                .oracle(13).call().stdin(String.join("\n", texts) + "\n").stderrApart().script(program).split("\n")));
        assertThat(expected).hasSize(texts.length);
        for (int i = 0; i < texts.length; i++) {
            if (expected.get(i).startsWith("err ")) {
                // the record and component come first, then Python's own message
                assertThat(actual.get(i)).as("case %d", i).startsWith("err Numbers: Numbers.")
                        .endsWith(": " + expected.get(i).substring(4));
            } else {
                assertThat(actual.get(i)).as("case %d", i).isEqualTo(expected.get(i));
            }
        }
    }
}
