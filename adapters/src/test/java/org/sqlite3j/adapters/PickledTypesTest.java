package org.sqlite3j.adapters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.sqlite3j.pickle.UnpicklingError;

/**
 * The pickled-object adapter without a database: the bytes are CPython 3.13's own
 * {@code pickle.dumps(app.models.Point(3, 4, 'java'), protocol=p)} (generated once; the live
 * interop test in tck checks them against a running CPython).
 */
class PickledTypesTest {

    record Point(int x, int y, String label) {
    }

    static final Map<Integer, String> CPYTHON = Map.of(
            0, "63636f70795f7265670a5f7265636f6e7374727563746f720a70300a28636170702e6d6f64656c730a506f696e740a70310a635f5f6275696c74696e5f5f0a6f626a6563740a70320a4e7470330a5270340a286470350a56780a70360a49330a7356790a70370a49340a73566c6162656c0a70380a566a6176610a70390a73622e",
            2, "8002636170702e6d6f64656c730a506f696e740a7100298171017d71022858010000007871034b0358010000007971044b0458050000006c6162656c710558040000006a617661710675622e",
            4, "8004953b000000000000008c0a6170702e6d6f64656c73948c05506f696e749493942981947d94288c0178944b038c0179944b048c056c6162656c948c046a6176619475622e",
            5, "8005953b000000000000008c0a6170702e6d6f64656c73948c05506f696e749493942981947d94288c0178944b038c0179944b048c056c6162656c948c046a6176619475622e");

    @Test // a record pickles as CPython pickles the instance, at every protocol, and loads back
    void recordsMatchCPythonsBytes() throws Exception {
        for (Map.Entry<Integer, String> e : CPYTHON.entrySet()) {
            Adapters adapters = Adapters.create();
            Converters converters = Converters.create();
            PickledTypes.create().protocol(e.getKey()).record(Point.class, "app.models", "Point")
                    .registerOn(adapters, converters);
            Point p = new Point(3, 4, "java");
            byte[] bytes = (byte[]) adapters.find(Point.class).get().adapt(p);
            assertThat(HexFormat.of().formatHex(bytes)).as("protocol %d", e.getKey()).isEqualTo(e.getValue());
            Object loaded = converters.find("pickle").get().convert(HexFormat.of().parseHex(e.getValue()));
            assertThat(loaded).isEqualTo(p);
        }
    }

    @Test // deny by default: other globals are refused; wrong state is an UnpicklingError
    void denyByDefault() {
        Converters converters = Converters.create();
        PickledTypes.create().typename("blobject").record(Point.class, "app.models", "Point")
                .registerOn(Adapters.create(), converters);
        byte[] evil = "cos\nsystem\n(S'echo hi'\ntR.".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> converters.find("BLOBJECT").get().convert(evil))
                .isInstanceOf(UnpicklingError.class).hasMessageContaining("forbidden");
        // app.models.Point with a missing attribute
        byte[] partial = HexFormat.of().parseHex(
                "8004952a000000000000008c0a6170702e6d6f64656c73948c05506f696e749493942981947d948c0178944b03737562" + "2e");
        assertThatThrownBy(() -> converters.find("blobject").get().convert(partial))
                .isInstanceOf(UnpicklingError.class);
    }

    @Test // an int that does not fit the component is refused, not truncated
    void narrowingIsChecked() {
        Converters converters = Converters.create();
        PickledTypes.create().record(Point.class, "app.models", "Point").registerOn(Adapters.create(), converters);
        // Point(x=2**40, y=4, label='java') at protocol 2, written by hand from CPython's layout
        Adapters adapters = Adapters.create();
        record Wide(long x, int y, String label) {
        }
        PickledTypes.create().protocol(2).record(Wide.class, "app.models", "Point").registerOn(adapters, Converters.create());
        assertThatThrownBy(() -> {
            byte[] bytes = (byte[]) adapters.find(Wide.class).get().adapt(new Wide(1L << 40, 4, "java"));
            converters.find("pickle").get().convert(bytes);
        }).isInstanceOf(UnpicklingError.class).hasMessageContaining("does not fit Point.x");
    }
}
