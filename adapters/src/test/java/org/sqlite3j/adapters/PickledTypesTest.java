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

    record Numbers(long l, int i, short s, byte b, double d, float f, boolean z, Long bl, Integer bi, Short bs,
            Byte bb, Double bd, Float bf, Boolean bz, String text) {
    }

    record AsText(String l, String i, String s, String b, String d, String f, String z, String bl, String bi,
            String bs, String bb, String bd, String bf, String bz, String text) {
    }

    /** Loads {@code value}, written as {@code app.N} by one record, as {@code target} registered under the same name. */
    private static Object reload(Record value, Class<? extends Record> target) throws Exception {
        Adapters adapters = Adapters.create();
        writer(value.getClass()).registerOn(adapters, Converters.create());
        byte[] bytes = (byte[]) adapters.find(value.getClass()).orElseThrow().adapt(value);
        Converters converters = Converters.create();
        writer(target).registerOn(Adapters.create(), converters);
        return converters.find("pickle").orElseThrow().convert(bytes);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static PickledTypes writer(Class type) {
        return PickledTypes.create().record(type, "app", "N");
    }

    @Test // every primitive and boxed component: Python ints narrowed (range-checked), floats narrowed to float
    void everyNumberComponentRoundTrips() throws Exception {
        Numbers n = new Numbers(Long.MIN_VALUE, Integer.MAX_VALUE, Short.MIN_VALUE, Byte.MAX_VALUE, 0.1, 0.1f, true,
                -1L, -2, (short) -3, (byte) -4, 2.5, 1.5f, false, "t");
        assertThat(reload(n, Numbers.class)).isEqualTo(n);
        Numbers nulls = new Numbers(0, 0, (short) 0, (byte) 0, 0, 0, false, null, null, null, null, null, null, null, null);
        assertThat(reload(nulls, Numbers.class)).isEqualTo(nulls);
    }

    record Longs(long a, long b, long c, long d) {
    }

    record Narrow(int a, short b, byte c, double d) {
    }

    record Floats(float a, Float b, double c, Double d) {
    }

    @Test // ints become the component's type; one out of range is refused with the component named
    void intsAreNarrowedOrRefused() throws Exception {
        assertThat(reload(new Longs(7, -8, 9, 1L << 53), Narrow.class)).isEqualTo(new Narrow(7, (short) -8, (byte) 9, 0x1p53));
        assertThat(reload(new Longs(1, 2, 3, 4), Floats.class)).isEqualTo(new Floats(1f, 2f, 3.0, 4.0));
        for (Longs wide : new Longs[] {new Longs(1L << 31, 0, 0, 0), new Longs(0, 1 << 15, 0, 0), new Longs(0, 0, 128, 0),
            new Longs(0, 0, -129, 0)}) {
            assertThatThrownBy(() -> reload(wide, Narrow.class)).isInstanceOf(UnpicklingError.class)
                    .hasMessageMatching("-?\\d+ does not fit Narrow\\.[abc]");
        }
        assertThatThrownBy(() -> reload(new Longs(Long.MAX_VALUE, 0, 0, 0), Numbers.class))
                .isInstanceOf(UnpicklingError.class).hasMessageContaining("needs the attribute 'l'");
    }

    record Boxed(Long a) {
    }

    record Prim(long a) {
    }

    record Text(String a) {
    }

    record Huge(java.math.BigInteger a) {
    }

    record Flag(boolean a) {
    }

    record Small(float a) {
    }

    @Test // None for a primitive, and a value of another kind, are refused naming the component and what came
    void noneAndOtherKindsAreRefused() throws Exception {
        assertThatThrownBy(() -> reload(new Huge(java.math.BigInteger.TWO.pow(70)), Prim.class))
                .isInstanceOf(UnpicklingError.class).hasMessage("1180591620717411303424 does not fit Prim.a");
        assertThat(reload(new Huge(java.math.BigInteger.TWO.pow(70)), Huge.class))
                .isEqualTo(new Huge(java.math.BigInteger.TWO.pow(70)));
        assertThatThrownBy(() -> reload(new Boxed(null), Prim.class)).isInstanceOf(UnpicklingError.class)
                .hasMessage("None for the primitive Prim.a");
        assertThat(reload(new Boxed(null), Boxed.class)).isEqualTo(new Boxed(null));
        assertThatThrownBy(() -> reload(new Text("x"), Prim.class)).isInstanceOf(UnpicklingError.class)
                .hasMessage("Prim.a is long, the pickle holds String");
        assertThatThrownBy(() -> reload(new Prim(1), Text.class)).isInstanceOf(UnpicklingError.class)
                .hasMessage("Text.a is String, the pickle holds Long");
        assertThat(reload(new Flag(true), Flag.class)).isEqualTo(new Flag(true));
        assertThatThrownBy(() -> reload(new Flag(true), Prim.class)).isInstanceOf(UnpicklingError.class)
                .hasMessage("Prim.a is long, the pickle holds Boolean");
        assertThat(reload(new Floats(0.1f, 0.2f, 0.3, 0.4), Floats.class)).isEqualTo(new Floats(0.1f, 0.2f, 0.3, 0.4));
        assertThatThrownBy(() -> reload(new Small(0.5f), Prim.class)).isInstanceOf(UnpicklingError.class)
                .hasMessage("Prim.a is long, the pickle holds Double");
    }

    @Test // a state that is not a dict, and the types registered beside records
    void otherTypesAndBadStates() throws Exception {
        Adapters adapters = Adapters.create();
        Converters converters = Converters.create();
        PickledTypes.create().typename("obj").type(StringBuilder.class, "app", "Buf",
                b -> Map.of("text", b.toString()), state -> new StringBuilder((String) state.get("text")))
                .registerOn(adapters, converters);
        byte[] bytes = (byte[]) adapters.find(StringBuilder.class).orElseThrow().adapt(new StringBuilder("abc"));
        assertThat(converters.find("OBJ").orElseThrow().convert(bytes).toString()).isEqualTo("abc");
        // app.Buf() with the state 5 instead of a dict (protocol 2: NEWOBJ, then BUILD)
        byte[] bad = HexFormat.of().parseHex("8002636170700a4275660a7100298171014b05622e");
        assertThatThrownBy(() -> converters.find("obj").orElseThrow().convert(bad)).isInstanceOf(UnpicklingError.class)
                .hasMessage("app.Buf expects its __dict__ as the state, got Long");
        assertThatThrownBy(() -> PickledTypes.create().protocol(6)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pickle protocol must be 0..5, got 6");
        assertThatThrownBy(() -> PickledTypes.create().protocol(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(PickledTypes.create().protocol(0)).isNotNull();
    }
}
