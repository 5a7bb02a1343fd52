package org.sqlite3j.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.sqlite3j.adapters.elsewhere.Hidden;

/**
 * A record of another package that is not public is read and built all the same, by JsonRecords and
 * PickledTypes: its accessors and canonical constructor are made accessible (mutation testing found
 * this unpinned: every record of the other tests is reachable from this package anyway).
 */
class RecordAccessTest {

    @SuppressWarnings({"unchecked", "rawtypes"})
    @Test
    void aPackagePrivateRecordOfAnotherPackageRoundTripsAsJson() throws Exception {
        Class type = Hidden.pairClass();
        Record pair = Hidden.pair("a", 2);
        assertThat(JsonRecords.toJson(pair)).isEqualTo("{\"name\": \"a\", \"count\": 2}");
        assertThat(JsonRecords.fromJson(type, "{\"name\": \"a\", \"count\": 2}")).isEqualTo(pair);
        Adapters adapters = Adapters.create();
        Converters converters = Converters.create();
        JsonRecords.register(type, "pair", adapters, converters);
        Object text = adapters.find(type).orElseThrow().adapt(pair);
        assertThat(converters.find("pair").orElseThrow().convert(((String) text).getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(pair);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    @Test
    void aPackagePrivateRecordOfAnotherPackageRoundTripsAsAPickle() throws Exception {
        Class type = Hidden.pairClass();
        Record pair = Hidden.pair("b", 3);
        Adapters adapters = Adapters.create();
        Converters converters = Converters.create();
        PickledTypes.create().record(type, "app", "Pair").registerOn(adapters, converters);
        byte[] bytes = (byte[]) adapters.find(type).orElseThrow().adapt(pair);
        assertThat(converters.find("PICKLE").orElseThrow().convert(bytes)).isEqualTo(pair);
    }
}
