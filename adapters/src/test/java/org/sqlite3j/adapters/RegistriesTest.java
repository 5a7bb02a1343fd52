package org.sqlite3j.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

/** The registries themselves: lookup order, children, thread safety. */
class RegistriesTest {

    static class Base {
    }

    static class Derived extends Base implements Serializable {
    }

    @Test // Python: exact type only (a subclass of an adapted class is not adapted)
    void exactClassOnlyByDefault() throws Exception {
        Adapters a = Adapters.create().register(Base.class, b -> "base");
        assertThat(a.find(Base.class)).isPresent();
        assertThat(a.find(Derived.class)).isEmpty();
        assertThat(a.find(Base.class).get().adapt(new Base())).isEqualTo("base");
    }

    @Test // beyond Python: hierarchy registrations serve subclasses, the nearest winning
    void hierarchyRegistrationsServeSubtypes() throws Exception {
        Adapters a = Adapters.create()
                .registerHierarchy(Serializable.class, o -> "serializable")
                .registerHierarchy(Base.class, o -> "base");
        assertThat(a.find(Derived.class).get().adapt(new Derived())).isEqualTo("base");
        assertThat(a.find(String.class).get().adapt("x")).isEqualTo("serializable");
        a.register(Derived.class, o -> "exact");
        assertThat(a.find(Derived.class).get().adapt(new Derived())).isEqualTo("exact");
        a.unregister(Derived.class);
        assertThat(a.find(Derived.class).get().adapt(new Derived())).isEqualTo("base");
    }

    @Test // last registered wins; children fall back to the parent and see its later changes
    void childrenFallBackAndOverrideLocally() throws Exception {
        Adapters parent = Adapters.create();
        Adapters child = parent.child();
        assertThat(child.isEmpty()).isTrue();
        parent.register(Base.class, b -> "parent");
        assertThat(child.find(Base.class).get().adapt(new Base())).isEqualTo("parent");
        child.register(Base.class, b -> "child");
        assertThat(child.find(Base.class).get().adapt(new Base())).isEqualTo("child");
        assertThat(parent.find(Base.class).get().adapt(new Base())).as("no leak upwards").isEqualTo("parent");
        parent.register(Base.class, b -> "parent2");
        assertThat(child.find(Base.class).get().adapt(new Base())).isEqualTo("child");
        assertThat(parent.find(Base.class).get().adapt(new Base())).isEqualTo("parent2");
    }

    @Test // converter names are case-insensitive; children fall back
    void convertersByName() throws Exception {
        Converters c = Converters.create().register("Point", b -> "p");
        assertThat(c.find("POINT")).isPresent();
        assertThat(c.find("point")).isPresent();
        assertThat(c.find("points")).isEmpty();
        Converters child = c.child().register("point", b -> "child");
        assertThat(child.find("Point").get().convert(new byte[0])).isEqualTo("child");
        assertThat(c.find("point").get().convert(new byte[0])).isEqualTo("p");
    }

    @Test // registration while other threads look up: no exception, lookups see a consistent map
    void concurrentUse() throws Exception {
        Adapters a = Adapters.create();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int id = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 2000; i++) {
                        if (id == 0) {
                            if (i % 2 == 0) {
                                a.register(Base.class, o -> "x");
                            } else {
                                a.register(Derived.class, o -> "y");
                            }
                        } else {
                            a.find(Base.class);
                            a.find(Derived.class);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(a.find(Base.class)).isPresent();
        assertThat(a.find(Derived.class)).isPresent();
    }

    interface Shape {
    }

    record Square(int side) implements Shape {
    }

    @Test // a change anywhere in the chain is seen, even when another registry of the chain changed at once
    void lookupsSeeEveryChangeOfTheChain() throws Exception {
        Adapters parent = Adapters.create();
        Adapters child = parent.child();
        assertThat(child.get(Square.class)).isNull(); // cached: nothing
        parent.registerHierarchy(Shape.class, s -> "shape");
        child.register(Integer.class, i -> i);
        assertThat(child.get(Square.class)).as("parent's hierarchy registration").isNotNull();
        assertThat(child.get(Square.class).adapt(new Square(1))).isEqualTo("shape");
        child.register(Square.class, s -> "square");
        parent.registerHierarchy(Long.class, l -> l);
        assertThat(child.get(Square.class).adapt(new Square(1))).isEqualTo("square");
        parent.register(Long.class, l -> l);
        child.unregister(Square.class);
        assertThat(child.get(Square.class).adapt(new Square(1))).as("after unregister").isEqualTo("shape");
        child.registerHierarchy(Shape.class, s -> "child shape");
        parent.unregister(Long.class);
        assertThat(child.get(Square.class).adapt(new Square(1))).isEqualTo("child shape");
        assertThat(child.unregister(Shape.class).register(Square.class, s -> "again").get(Square.class)
                .adapt(new Square(2))).isEqualTo("again");
    }

    @Test // isEmpty over the chain, exact and hierarchy registrations alike; the module registries
    void emptinessAndTheGlobalRegistries() {
        Adapters parent = Adapters.create();
        Adapters child = parent.child();
        assertThat(child.isEmpty()).isTrue();
        parent.registerHierarchy(Shape.class, s -> "shape");
        assertThat(child.isEmpty()).isFalse();
        assertThat(parent.isEmpty()).isFalse();
        parent.unregister(Shape.class);
        assertThat(child.isEmpty()).isTrue();
        child.register(Square.class, s -> "square");
        assertThat(child.isEmpty()).isFalse();
        assertThat(parent.isEmpty()).isTrue();
        assertThat(Adapters.global()).isNotNull().isSameAs(Adapters.global());
        assertThat(Adapters.global().child().find(Square.class)).isEmpty();

        Converters cparent = Converters.create();
        Converters cchild = cparent.child();
        assertThat(cchild.isEmpty()).isTrue();
        cparent.register("x", b -> "x");
        assertThat(cchild.isEmpty()).isFalse();
        assertThat(cchild.unregister("x").isEmpty()).isFalse(); // the child holds nothing of its own
        assertThat(cparent.unregister("X").isEmpty()).isTrue();
        cchild.register("y", b -> "y");
        assertThat(cchild.isEmpty()).isFalse();
        assertThat(cparent.isEmpty()).isTrue();
        assertThat(Converters.global()).isNotNull().isSameAs(Converters.global());
        assertThat(Converters.global().child().find("no such converter here")).isEmpty();
    }
}
