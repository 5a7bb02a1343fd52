package org.sqlite3j.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The CPython scripts and committed expectations of the tests (resources next to these classes). */
final class Texts {

    private Texts() {
    }

    /** A resource of this package as text. */
    static String resource(String name) throws IOException {
        try (InputStream in = Texts.class.getResourceAsStream(name)) {
            assertThat(in).as("test resource %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The lines of a script's output or of a committed expected file (without blank lines and "#" comments). */
    static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                out.add(line.stripTrailing());
            }
        }
        return out;
    }
}
