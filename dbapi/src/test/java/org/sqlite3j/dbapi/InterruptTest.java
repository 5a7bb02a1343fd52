package org.sqlite3j.dbapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code con.interrupt()} from another thread while a statement runs (ConnectionTests.test_interrupt
 * covers only a closed connection; ConnectTest's check sleeps before interrupting). Here the other
 * thread interrupts only once the statement is known to be running — a function in it opens a latch —
 * so every round is interrupted, never too early; afterwards the connection must be fully usable.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class InterruptTest {

    /** Never ends by itself: only an interrupt stops it. */
    private static final String ENDLESS = "WITH RECURSIVE c(x) AS (SELECT running() UNION ALL SELECT x + 1 FROM c)"
            + " SELECT count(*) FROM c";

    @TempDir
    Path dir;

    Connection con;
    ExecutorService other;
    volatile CountDownLatch running;

    @BeforeEach
    void open() {
        con = Sqlite3.connect(dir.resolve("interrupt.db"));
        con.createFunction("running", 0, args -> {
            running.countDown();
            return 1L;
        });
        con.execute("create table t(x)");
        con.commit();
        other = Executors.newSingleThreadExecutor();
    }

    @AfterEach
    void close() throws InterruptedException {
        other.shutdownNow();
        assertThat(other.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        con.close();
    }

    /** Runs {@code sql} here while the other thread interrupts it as soon as it is running. */
    private void interruptWhileRunning(String sql) throws Exception {
        running = new CountDownLatch(1);
        Future<?> interrupter = other.submit(() -> {
            running.await();
            con.interrupt();
            return null;
        });
        assertThatThrownBy(() -> con.execute(sql).fetchall())
                .isInstanceOfSatisfying(Sqlite3.OperationalError.class, e -> {
                    assertThat(e).hasMessage("interrupted");
                    assertThat(e.sqliteErrorname()).isEqualTo("SQLITE_INTERRUPT");
                });
        interrupter.get(30, TimeUnit.SECONDS);
    }

    @Test
    void aLongQueryIsInterruptedAndTheConnectionStaysUsable() throws Exception {
        for (int round = 0; round < 20; round++) {
            interruptWhileRunning(ENDLESS);
            assertThat(con.execute("select 1").fetchone().get(0)).as("round %d", round).isEqualTo(1L);
        }
        con.execute("insert into t values (1)");
        con.commit();
        assertThat(con.execute("select count(*) from t").fetchone().get(0)).isEqualTo(1L);
        assertThat(con.inTransaction()).isFalse();
    }

    @Test // SQLite rolls the whole transaction back when a write in it is interrupted
    void anInterruptedWriteRollsItsTransactionBack() throws Exception {
        con.execute("insert into t values (1)");
        assertThat(con.inTransaction()).isTrue();
        interruptWhileRunning("insert into t " + ENDLESS);
        assertThat(con.inTransaction()).as("the transaction went with the statement").isFalse();
        assertThat(con.execute("select count(*) from t").fetchone().get(0)).isEqualTo(0L);
        con.execute("insert into t values (2)");
        con.commit();
        assertThat(con.execute("select x from t").fetchall().stream().map(r -> r.get(0)).toList())
                .containsExactly(2L);
    }

    @Test // an interrupt when nothing runs has no effect on the next statement
    void anInterruptWithNothingRunningIsForgotten() {
        con.interrupt();
        assertThat(con.execute("select 1").fetchone().get(0)).isEqualTo(1L);
    }
}
