package org.sqlite3j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shell as users download it (run by Failsafe in {@code verify}, after {@code package} built the
 * archives): {@code sqlite3j-<version>.zip} and {@code .tar.gz}, unpacked with the system's
 * {@code unzip} and {@code tar} into a temporary directory, start from another working directory and
 * through a symbolic link, print the versions and answer a query.
 */
class DistributionIT {
    private static final String VERSION = System.getProperty("sqlite3j.version");

    @TempDir
    Path dir;

    @Test
    void theZipUnpacksAndRunsFromAnyDirectory() throws Exception {
        Path zip = Path.of(System.getProperty("sqlite3j.dist.zip"));
        assertThat(zip).isRegularFile();
        run(dir, "unzip", "-q", zip.toString(), "-d", dir.resolve("unzipped").toString());
        checkDistribution(dir.resolve("unzipped").resolve("sqlite3j-" + VERSION));
    }

    @Test
    void theTarballUnpacksAndRunsFromAnyDirectory() throws Exception {
        Path tar = Path.of(System.getProperty("sqlite3j.dist.tar"));
        assertThat(tar).isRegularFile();
        Files.createDirectories(dir.resolve("untarred"));
        run(dir, "tar", "-xzf", tar.toString(), "-C", dir.resolve("untarred").toString());
        checkDistribution(dir.resolve("untarred").resolve("sqlite3j-" + VERSION));
    }

    private void checkDistribution(Path home) throws Exception {
        assertThat(home.resolve("lib/sqlite3j.jar")).isRegularFile();
        assertThat(home.resolve("bin/sqlite3j.bat")).isRegularFile();
        assertThat(Files.readString(home.resolve("LICENSE"))).contains("Apache License", "Version 2.0");
        assertThat(Files.readString(home.resolve("NOTICE"))).contains("SQLite", "sqlite-jdbc", "JLine");
        assertThat(Files.readString(home.resolve("README.txt"))).contains("sqlite3j " + VERSION).doesNotContain("${");
        assertThat(home.resolve("licenses/jline.txt")).isRegularFile();
        Path script = home.resolve("bin/sqlite3j");
        assertThat(Files.isExecutable(script)).as("bin/sqlite3j is executable").isTrue();

        Path elsewhere = Files.createDirectories(dir.resolve("work-" + home.getParent().getFileName()));
        Result version = run(elsewhere, script.toString(), "--version");
        assertThat(version.status()).isZero();
        assertThat(version.out()).startsWith("sqlite3j " + VERSION + ", SQLite version 3.")
                .contains(", engine sqlite-jdbc 3.").contains(", Java ");

        Path db = elsewhere.resolve("app.db");
        Result query = run(elsewhere, script.toString(), db.toString(),
                "CREATE TABLE t(x); INSERT INTO t VALUES (40), (2); SELECT sum(x) AS total FROM t;");
        assertThat(query.status()).isZero();
        assertThat(query.out()).contains("| total |").contains("|    42 |");

        Path link = Files.createSymbolicLink(elsewhere.resolve("sqlite3j-link"), script);
        Result viaLink = run(elsewhere, link.toString(), db.toString(), "SELECT count(*) AS n FROM t");
        assertThat(viaLink.out()).contains("| 2 |");

        Result failing = run(elsewhere, script.toString(), db.toString(), "SELECT nope");
        assertThat(failing.status()).isEqualTo(1);
        assertThat(failing.err()).contains("no such column: nope");
    }

    private record Result(int status, String out, String err) {
    }

    private static Result run(Path workDir, String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(command));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().remove("JAVA");
        Path out = Files.createTempFile("dist-out", ".txt");
        Path err = Files.createTempFile("dist-err", ".txt");
        Process p = pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("%s finished in time", cmd).isTrue();
        Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        if (cmd.get(0).equals("unzip") || cmd.get(0).equals("tar")) {
            assertThat(r.status()).as("%s: %s", cmd, r.err()).isZero();
        }
        return r;
    }
}
