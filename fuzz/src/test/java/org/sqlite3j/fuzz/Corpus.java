package org.sqlite3j.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The committed corpus: {@code src/test/resources/corpus/FORMAT/} holds one input per file — the seeds
 * CPython wrote ({@code corpus/make_seeds.py}) and every input a fuzzing run found breaking an invariant
 * (named {@code found-...}, kept once fixed). A fuzz test takes them through {@code @MethodSource}: Jazzer
 * replays them as test cases in regression mode and starts libFuzzer from them in fuzzing mode.
 * {@code corpus/FORMAT.tsv} says what CPython answered for each seed.
 */
final class Corpus {

    private Corpus() {
    }

    /** The directory of {@code format}'s inputs (on the test class path). */
    static Path dir(String format) {
        URL url = Corpus.class.getResource("/corpus/" + format);
        if (url == null || !"file".equals(url.getProtocol())) {
            throw new IllegalStateException("no corpus directory corpus/" + format + " on the test class path"
                    + " (found " + url + "; a directory is expected)");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("bad corpus URL " + url, e);
        }
    }

    /** The names of {@code format}'s input files, sorted. */
    static List<String> names(String format) {
        try (Stream<Path> files = Files.list(dir(format))) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the corpus " + format, e);
        }
    }

    static int size(String format) {
        return names(format).size();
    }

    /** One input's bytes. */
    static byte[] read(String format, String name) {
        try {
            return Files.readAllBytes(dir(format).resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read corpus/" + format + "/" + name, e);
        }
    }

    /** Every input of the {@code formats}, named {@code FORMAT/FILE}, for {@code @MethodSource}. */
    static Stream<Arguments> seeds(String... formats) {
        return Stream.of(formats)
                .flatMap(f -> names(f).stream().map(n -> Arguments.of(Named.of(f + "/" + n, read(f, n)))));
    }

    /** {@code corpus/FORMAT.tsv}: file name to the other columns (what CPython answered), in file order. */
    static Map<String, List<String>> manifest(String format) {
        Path tsv = dir(format).resolveSibling(format + ".tsv");
        Map<String, List<String>> rows = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(tsv, StandardCharsets.UTF_8)) {
                if (!line.isEmpty()) {
                    List<String> cells = List.of(line.split("\t", -1));
                    rows.put(cells.get(0), cells.subList(1, cells.size()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + tsv, e);
        }
        return rows;
    }
}
