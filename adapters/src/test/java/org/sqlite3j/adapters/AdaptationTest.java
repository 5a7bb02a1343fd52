package org.sqlite3j.adapters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;

import org.junit.jupiter.api.Test;

/**
 * The one adaptation rule (CPython's {@code microprotocols_adapt} with the PrepareProtocol), as CPython
 * 3.13 answers it: a registered adapter's answer, None included, wins; then {@code __conform__}, whose
 * None or TypeError means "not adapted" (the value is then bound as it is: "type 'N' is not supported").
 * Covers what test_sqlite3's ObjectAdaptationTests and the binding of __conform__ objects check.
 */
class AdaptationTest {

    /** Python's TypeError as the façade marks it. */
    static final class TypeError extends IllegalArgumentException implements Adaptation.NotAdapted {
        TypeError() {
            super("wrong type");
        }
    }

    record Conforming(Object answer, Exception failure) implements Conform {
        @Override
        public Object conform() throws Exception {
            if (failure != null) {
                throw failure;
            }
            return answer;
        }
    }

    private final Adapters registry = Adapters.create();

    @Test
    void anAdapterWinsAndItsNullAnswerIsKept() throws Exception {
        registry.register(Conforming.class, c -> "adapter");
        assertThat(Adaptation.adapt(registry, new Conforming("conform", null))).isEqualTo("adapter");
        registry.register(Conforming.class, c -> null); // CPython: an adapter returning None binds NULL
        assertThat(Adaptation.adapt(registry, new Conforming("conform", null))).isNull();
    }

    @Test
    void conformAnswersWhenNoAdapterIsRegistered() throws Exception {
        assertThat(Adaptation.adapt(registry, new Conforming("conform", null))).isEqualTo("conform");
        assertThat(Adaptation.adapt(null, new Conforming(7L, null))).isEqualTo(7L);
    }

    @Test
    void conformAnsweringNullOrTypeErrorIsNotAdapted() throws Exception {
        assertThat(Adaptation.adapt(registry, new Conforming(null, null))).isSameAs(Adaptation.NOT_ADAPTED);
        assertThat(Adaptation.adapt(registry, new Conforming("x", new TypeError())))
                .isSameAs(Adaptation.NOT_ADAPTED);
        assertThat(Adaptation.adapt(registry, new StringBuilder("plain"))).isSameAs(Adaptation.NOT_ADAPTED);
        assertThat(Adaptation.adapt(registry, null)).as("NULL needs no adapting").isNull();
        assertThat(Adaptation.NOT_ADAPTED).hasToString("NOT_ADAPTED");
    }

    @Test
    void failuresNameTheStepAndKeepTheCause() {
        IOException gone = new IOException("disk gone");
        registry.register(StringBuilder.class, sb -> {
            throw gone;
        });
        assertThatThrownBy(() -> Adaptation.adapt(registry, new StringBuilder()))
                .isInstanceOf(Adaptation.AdaptationException.class)
                .hasMessage("adapter for java.lang.StringBuilder failed: disk gone").hasCause(gone);
        IllegalStateException bad = new IllegalStateException();
        assertThatThrownBy(() -> Adaptation.adapt(registry, new Conforming(null, bad)))
                .isInstanceOf(Adaptation.AdaptationException.class)
                .hasMessage(Conforming.class.getName() + ".conform() failed").hasCause(bad);
    }

    @Test
    void theStepsAlone() throws Exception {
        Conforming c = new Conforming("conform", null);
        assertThat(Adaptation.byRegistry(registry, c)).isSameAs(Adaptation.NOT_ADAPTED);
        assertThat(Adaptation.byRegistry(null, c)).isSameAs(Adaptation.NOT_ADAPTED);
        assertThat(Adaptation.byConform(c)).isEqualTo("conform");
        assertThat(Adaptation.byConform("text")).isSameAs(Adaptation.NOT_ADAPTED);
        registry.register(Conforming.class, x -> "adapter");
        assertThat(Adaptation.byRegistry(registry, c)).isEqualTo("adapter");
    }
}
