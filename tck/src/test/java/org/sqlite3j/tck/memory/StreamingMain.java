package org.sqlite3j.tck.memory;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import org.sqlite3j.dbapi.Connection;
import org.sqlite3j.dbapi.Cursor;
import org.sqlite3j.dbapi.Row;
import org.sqlite3j.dbapi.Sqlite3;

/**
 * The child program of {@link StreamingInSmallHeapTest}, run in a JVM with a small heap: through
 * the façade it loads {@code rows} rows {@code (i, "name-" + i, i * 0.5)} into a new file database
 * with executemany from a lazy iterator in one transaction, commits, then reads the whole table
 * twice, by iteration and by {@code fetchmany(1000)}, and prints what it saw, one
 * {@code key=value} fact per word:
 *
 * <pre>
 * maxHeap=67108864
 * insert rows=10000000 seconds=12.3
 * iterate rows=10000000 sum=49999995000000 seconds=7.1
 * fetchmany rows=10000000 sum=49999995000000 batches=10000 seconds=7.0
 * heapPeakSum=41943040
 * </pre>
 *
 * <p>Mode {@code fetchall} instead materialises the whole result with {@code fetchall()}: the
 * negative control, which must run out of a small heap.
 *
 * <p>Usage: {@code StreamingMain <database file> <rows> [stream|fetchall]}
 */
public final class StreamingMain {

    static final String SELECT = "SELECT a, b, c FROM t";

    private StreamingMain() {
    }

    public static void main(String[] args) {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: StreamingMain <database file> <rows> [stream|fetchall]");
            System.exit(2);
        }
        Path database = Path.of(args[0]);
        long rows = Long.parseLong(args[1]);
        String mode = args.length == 3 ? args[2] : "stream";
        System.out.println("maxHeap=" + Runtime.getRuntime().maxMemory());

        try (Connection con = Sqlite3.connect(database)) {
            long t0 = System.nanoTime();
            con.execute("CREATE TABLE t(a INTEGER, b TEXT, c REAL)");
            // Legacy transaction control: executemany's INSERT opens the one transaction.
            con.executemany("INSERT INTO t VALUES (?, ?, ?)", generator(rows));
            if (!con.inTransaction()) {
                throw new AssertionError("executemany did not run inside a transaction");
            }
            con.commit();
            System.out.println("insert rows=" + rows + " seconds=" + seconds(t0));

            if (mode.equals("fetchall")) {
                long t1 = System.nanoTime();
                List<Row> all = con.execute(SELECT).fetchall();
                System.out.println("fetchall rows=" + all.size() + " seconds=" + seconds(t1));
            } else {
                iterate(con);
                fetchmany(con);
            }
        }
        System.out.println("heapPeakSum=" + heapPeakSum());
    }

    private static void iterate(Connection con) {
        long t = System.nanoTime();
        long count = 0;
        long sum = 0;
        for (Row r : con.execute(SELECT)) {
            count++;
            sum += (Long) r.get(0);
        }
        System.out.println("iterate rows=" + count + " sum=" + sum + " seconds=" + seconds(t));
    }

    private static void fetchmany(Connection con) {
        long t = System.nanoTime();
        long count = 0;
        long sum = 0;
        long batches = 0;
        Cursor cur = con.execute(SELECT);
        while (true) {
            List<Row> batch = cur.fetchmany(1000);
            if (batch.isEmpty()) {
                break;
            }
            batches++;
            for (Row r : batch) {
                count++;
                sum += (Long) r.get(0);
            }
        }
        System.out.println("fetchmany rows=" + count + " sum=" + sum + " batches=" + batches
                + " seconds=" + seconds(t));
    }

    /** Python's {@code ((i, f"name-{i}", i * 0.5) for i in range(rows))}: one row at a time. */
    private static Iterator<Object[]> generator(long rows) {
        return new Iterator<>() {
            private long i;

            @Override
            public boolean hasNext() {
                return i < rows;
            }

            @Override
            public Object[] next() {
                if (i >= rows) {
                    throw new NoSuchElementException();
                }
                long v = i++;
                return new Object[] {v, "name-" + v, v * 0.5};
            }
        };
    }

    private static String seconds(long start) {
        return String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9);
    }

    /** The sum of every heap pool's peak use: an upper bound of the peak heap use. */
    private static long heapPeakSum() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
