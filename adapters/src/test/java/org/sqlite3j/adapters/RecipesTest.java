package org.sqlite3j.adapters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;

import org.junit.jupiter.api.Test;

/** Python's default date/timestamp recipes (CPython's convert_date / convert_timestamp). */
class RecipesTest {

    private static Object convert(Converters converters, String name, String text) throws Exception {
        return converters.find(name).orElseThrow().convert(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test // test_types.DateTimeTests: dates and timestamps read back as written
    void datesAndTimestampsReadBack() throws Exception {
        Converters converters = Converters.create();
        Recipes.pythonDefaults(Adapters.create(), converters);
        assertThat(convert(converters, "date", "2024-05-01")).isEqualTo(LocalDate.of(2024, 5, 1));
        assertThat(convert(converters, "date", "0001-01-01")).isEqualTo(LocalDate.of(1, 1, 1));
        assertThat(convert(converters, "date", "+12024-05-01")).as("not the common shape: parsed")
                .isEqualTo(LocalDate.of(12024, 5, 1));
        assertThat(convert(converters, "timestamp", "2024-05-01 12:30:15.25"))
                .isEqualTo(LocalDateTime.of(2024, 5, 1, 12, 30, 15, 250_000_000));
        assertThatThrownBy(() -> convert(converters, "date", "2023-02-30")).isInstanceOf(DateTimeException.class);
        assertThatThrownBy(() -> convert(converters, "date", "2023-0a-01")).isInstanceOf(DateTimeException.class);
        assertThatThrownBy(() -> convert(converters, "timestamp", "2023-13-01 00:00:00"))
                .isInstanceOf(DateTimeException.class);
    }

    @Test // test_types.DateTimeTests: the adapters write date.isoformat() / datetime.isoformat(" ")
    void adaptersWritePythonsIsoText() throws Exception {
        Adapters adapters = Adapters.create();
        Recipes.pythonDefaults(adapters, Converters.create());
        Adapter<Object> date = adapters.find(LocalDate.class).orElseThrow();
        for (LocalDate d : new LocalDate[] {LocalDate.of(2024, 5, 1), LocalDate.of(1, 1, 1), LocalDate.of(9999, 12, 31),
            LocalDate.of(1999, 10, 9), LocalDate.of(-5, 1, 1), LocalDate.of(12024, 5, 1)}) {
            assertThat(date.adapt(d)).as("%s", d).isEqualTo(d.toString());
        }
        Adapter<Object> timestamp = adapters.find(LocalDateTime.class).orElseThrow();
        assertThat(timestamp.adapt(LocalDateTime.of(2024, 5, 1, 12, 30))).isEqualTo("2024-05-01 12:30:00");
        assertThat(timestamp.adapt(LocalDateTime.of(2024, 5, 1, 12, 30, 15, 250_000_000)))
                .isEqualTo("2024-05-01 12:30:15.250000");
    }
}
