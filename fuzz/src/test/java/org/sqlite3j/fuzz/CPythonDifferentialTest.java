package org.sqlite3j.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite3j.dbapi.Sqlite3;
import org.sqlite3j.marshal.Marshal;
import org.sqlite3j.marshal.MarshalError;
import org.sqlite3j.pickle.PickleTools;
import org.sqlite3j.testkit.Python;

/**
 * Differential fuzzing against CPython 3.13: the committed corpus and every input libFuzzer kept in this
 * build's fuzzing run (the pom runs this test after the fuzz tests) go through CPython and Java, for the
 * readers where CPython is safe to run on hostile bytes (no pickle.loads: it would run the pickle's code):
 *
 * <ul>
 *   <li>{@code pickletools.dis}: the same listing (SHA-256 of the text), or both refuse. Where CPython's
 *       pickletools fails with something else than ValueError (its IndexError on a MARK popped as an item),
 *       Java must refuse too.</li>
 *   <li>{@code marshal.loads}: both load, or both raise the same class. Where CPython raises MemoryError (it
 *       allocates what a header claims; its address space is limited to 2 GiB here) or another class marshal
 *       does not document, the input is counted apart, not compared.</li>
 *   <li>{@code sqlite3.complete_statement} on the fuzz test's text (UTF-8, or UTF-16 code units with lone
 *       surrogates): the same answer, or the same exception class (ValueError for NUL, UnicodeEncodeError for
 *       a lone surrogate).</li>
 * </ul>
 * An input CPython takes more than 2 s on is counted apart too. Skipped without CPython 3.13 (the answers
 * differ between versions).
 */
class CPythonDifferentialTest {

    /** The most inputs of one kind sent to CPython (libFuzzer keeps a few hundred per run). */
    private static final int MAX_INPUTS = 5_000;

    private static final String SCRIPT = """
            import hashlib, io, marshal, pickletools, resource, signal, sqlite3, sys
            # marshal allocates what a header claims: a MemoryError rather than the kernel's OOM killer
            resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))
            def too_slow(signum, frame):
                raise TimeoutError('over 2 s')
            signal.signal(signal.SIGALRM, too_slow)
            out = open(sys.argv[2], 'w', encoding='ascii')
            for line in open(sys.argv[1], encoding='ascii'):
                kind, path = line.rstrip('\\n').split('\\t')
                data = open(path, 'rb').read()
                signal.alarm(2)
                try:
                    if kind == 'dis':
                        text = io.StringIO()
                        pickletools.dis(data, out=text)
                        result = 'OK ' + hashlib.sha256(text.getvalue().encode('utf-8', 'surrogatepass')).hexdigest()
                    elif kind == 'marshal':
                        marshal.loads(data)
                        result = 'OK'
                    else:
                        if data[:1] == b'\\xff':
                            units = data[1:1 + (len(data) - 1) // 2 * 2]
                            sql = units.decode('utf-16-le', 'surrogatepass')
                        else:
                            sql = data.decode('utf-8', 'replace')
                        result = str(sqlite3.complete_statement(sql))
                except Exception as e:
                    result = 'ERR ' + type(e).__name__
                signal.alarm(0)
                out.write(kind + '\\t' + path + '\\t' + result + '\\n')
            out.close()
            """;

    @Test
    void corpusAgreesWithCPython(@TempDir Path dir) throws Exception {
        Python python = Python.oracle(13);
        Map<String, String> inputs = new LinkedHashMap<>(); // "kind\tpath" in order
        addInputs(inputs, "dis", "pickle", FuzzRun.generatedCorpus(PickleFuzzTest.class, "pickle"));
        addInputs(inputs, "marshal", "marshal", FuzzRun.generatedCorpus(MarshalFuzzTest.class, "loads"));
        addInputs(inputs, "sql", "sql", FuzzRun.generatedCorpus(TextFuzzTest.class, "text"));
        Path list = dir.resolve("inputs.tsv");
        Path answers = dir.resolve("answers.tsv");
        Files.writeString(list, String.join("\n", inputs.keySet()) + "\n", StandardCharsets.US_ASCII);
        python.script(dir, SCRIPT, list.toString(), answers.toString());

        Map<String, Function<byte[], String>> java = Map.of("dis", CPythonDifferentialTest::dis,
                "marshal", CPythonDifferentialTest::marshal, "sql", CPythonDifferentialTest::completeStatement);
        Map<String, int[]> counts = new LinkedHashMap<>(); // kind -> compared, agreed, not comparable
        List<String> disagreements = new ArrayList<>();
        for (String line : Files.readAllLines(answers, StandardCharsets.US_ASCII)) {
            String[] cells = line.split("\t");
            String kind = cells[0];
            String cpython = cells[2];
            int[] c = counts.computeIfAbsent(kind, k -> new int[3]);
            if (cpython.equals("ERR TimeoutError") || cpython.equals("ERR MemoryError")
                    || kind.equals("marshal") && cpython.startsWith("ERR ") && !MARSHAL_ERRORS.contains(cpython.substring(4))) {
                c[2]++;
                continue;
            }
            String ours = java.get(kind).apply(Files.readAllBytes(Path.of(cells[1])));
            c[0]++;
            boolean agree = ours.equals(cpython)
                    || kind.equals("dis") && ours.equals("ERR ValueError") && cpython.startsWith("ERR ");
            if (agree) {
                c[1]++;
            } else if (disagreements.size() < 20) {
                disagreements.add(kind + " " + cells[1] + ": CPython " + cpython + ", Java " + ours);
            }
        }
        counts.forEach((kind, c) -> System.out.printf("[differential] %-8s %,d inputs compared with CPython, %,d agree,"
                + " %,d not comparable%n", kind, c[0], c[1], c[2]));
        assertThat(inputs).hasSizeGreaterThan(500);
        assertThat(counts.values().stream().mapToInt(c -> c[0] + c[2]).sum()).as("answers").isEqualTo(inputs.size());
        assertThat(disagreements).as("inputs where Java and CPython 3.13 answer differently").isEmpty();
    }

    private static final List<String> MARSHAL_ERRORS =
            List.of("ValueError", "EOFError", "TypeError", "UnicodeDecodeError", "SystemError");

    private static void addInputs(Map<String, String> inputs, String kind, String format, Path generated)
            throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> committed = Files.list(Corpus.dir(format))) {
            committed.filter(Files::isRegularFile).sorted().forEach(files::add);
        }
        if (Files.isDirectory(generated)) {
            try (Stream<Path> found = Files.list(generated)) {
                found.filter(Files::isRegularFile).sorted().forEach(files::add);
            }
        }
        for (Path p : files.subList(0, Math.min(files.size(), MAX_INPUTS))) {
            inputs.put(kind + "\t" + p.toAbsolutePath(), kind);
        }
    }

    private static String dis(byte[] data) {
        try {
            String text = PickleTools.dis(data);
            return "OK " + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException e) {
            return "ERR ValueError";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String marshal(byte[] data) {
        try {
            Marshal.loads(data);
            return "OK";
        } catch (MarshalError e) {
            return "ERR " + e.getClass().getSimpleName();
        }
    }

    private static String completeStatement(byte[] data) {
        String sql = data.length > 0 && data[0] == (byte) 0xFF ? TextFuzzTest.sqlText(data)
                : new String(data, StandardCharsets.UTF_8);
        try {
            return Sqlite3.completeStatement(sql) ? "True" : "False";
        } catch (Sqlite3.UnicodeEncodeError e) {
            return "ERR UnicodeEncodeError";
        } catch (Sqlite3.ValueError e) {
            return "ERR ValueError";
        }
    }
}
