package org.sqlite3j.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Driver;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** How the driver is found, and that plain JDBC users never need jOOQ. */
class PackagingTest {

    @Test
    void theServiceLoaderFindsTheDriver() {
        assertThat(ServiceLoader.load(Driver.class).stream().map(p -> p.type().getName()))
                .contains(Sqlite3jDriver.class.getName());
    }

    @Test
    void onlyTheJooqPackageReferencesJooq() throws Exception {
        Path classes = Paths.get(Sqlite3jDriver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Path> offenders;
        List<Path> jooq;
        try (Stream<Path> all = Files.walk(classes)) {
            List<Path> files = all.filter(p -> p.toString().endsWith(".class")).collect(Collectors.toList());
            offenders = files.stream()
                    .filter(p -> !classes.relativize(p).toString().startsWith("org/sqlite3j/driver/jooq/"))
                    .filter(PackagingTest::mentionsJooq).collect(Collectors.toList());
            jooq = files.stream().filter(PackagingTest::mentionsJooq).collect(Collectors.toList());
        }
        assertThat(offenders).isEmpty();
        assertThat(jooq).isNotEmpty(); // the check can see a reference when there is one
    }

    private static boolean mentionsJooq(Path classFile) {
        try {
            return new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1).contains("org/jooq/");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
