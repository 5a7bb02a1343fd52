package org.sqlite3j.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.sqlite3j.dbm.Dbm;
import org.sqlite3j.dbm.DbmDumb;
import org.sqlite3j.dbm.DbmFile;
import org.sqlite3j.dbm.DbmGnu;
import org.sqlite3j.dbm.DbmSqlite3;
import org.sqlite3j.shelve.Shelf;
import org.sqlite3j.shelve.Shelve;

/**
 * Issue 18: dbm and shelve on files, against {@code bench_persistence.py} doing the same work with
 * CPython's modules on the same disk ({@code java.io.tmpdir} and Python's {@code tempfile}: /tmp).
 * Workload: {@link PersistenceData} — 100,000 keys {@code "key-i"}, values the small dicts of
 * {@link PickleData#small} (shelf) or their protocol-4 pickles (dbm).
 *
 * <p>One operation = the whole workload, timed once ({@code SingleShotTime}):
 * <ul>
 * <li><b>writes</b> ({@code *Put}, {@code shelfWrite*}): open a new file (flag "n"), store every key in
 *     order, close (dbm.dumb writes its index, GDBM fsyncs, at close). Each operation gets a new
 *     directory, deleted after it.</li>
 * <li><b>reads</b> ({@code *Get}, {@code shelfRead*}): {@code db[k]} / {@code s[k]} of every key in order
 *     on a file opened once per trial (flag "r"), written in the trial's setup; the dbm.gnu and
 *     dbm.ndbm files are written by Debian's Python 3.11 ({@code PYTHON_GDBM}, default
 *     {@code /usr/bin/python3}), the others by this library.</li>
 * </ul>
 * dbm.sqlite3 commits every store by itself (autocommit, WAL: one fsync each, about 1 ms on this disk),
 * as CPython's does; those writes ({@code sqlite3Put}, {@code shelfWriteSqlite3}) store the first
 * {@code commitKeys} (10,000) keys only. {@code sqlite3PutTransaction} and {@code sqlite3Update} are
 * the Java batch forms (one transaction), compared with CPython's one-commit-per-store loop by keys/s.
 *
 * <p>The read files and every loaded value are checked once in the setup, so a broken benchmark fails.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Benchmark)
public class PersistenceBenchmark {

    /** Keys of the workload (PersistenceData.KEYS). */
    @Param("100000")
    public int keys;

    /** Keys of the one-commit-per-store writes (PersistenceData.COMMIT_KEYS). */
    @Param("10000")
    public int commitKeys;

    private PersistenceData data;
    private Path dir;
    private int written;
    private Path target;
    private final List<AutoCloseable> open = new ArrayList<>();

    private DbmFile sqliteRead;
    private DbmFile dumbRead;
    private DbmFile gnuRead;
    private DbmFile ndbmRead;
    private Shelf shelfSqliteRead;
    private Shelf shelfDumbRead;

    @Setup(Level.Trial)
    public void setup(BenchmarkParams params) throws IOException, InterruptedException {
        if (commitKeys > keys) {
            throw new IllegalArgumentException("commitKeys " + commitKeys + " > keys " + keys);
        }
        data = new PersistenceData(keys);
        dir = Files.createTempDirectory("sqlite3j-bench-persistence");
        String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        switch (method) {
            case "sqlite3Get" -> {
                Path p = dir.resolve("read-sqlite3");
                try (DbmSqlite3 db = DbmSqlite3.open(p, "n")) {
                    db.transaction(d -> putAll(d, keys));
                }
                sqliteRead = keep(Dbm.open(p, "r"));
                checkRead(sqliteRead, "dbm.sqlite3");
            }
            case "dumbGet" -> {
                Path p = dir.resolve("read-dumb");
                try (DbmDumb db = DbmDumb.open(p, "n")) {
                    putAll(db, keys);
                }
                dumbRead = keep(Dbm.open(p, "r"));
                checkRead(dumbRead, "dbm.dumb");
            }
            case "gnuGet" -> {
                Path p = dir.resolve("read-gnu");
                python("gnu", p);
                gnuRead = keep(Dbm.open(p, "r"));
                checkRead(gnuRead, "dbm.gnu");
            }
            case "ndbmGet" -> {
                Path p = dir.resolve("read-ndbm");
                python("ndbm", p);
                ndbmRead = keep(Dbm.open(p, "r"));
                checkRead(ndbmRead, "dbm.ndbm");
            }
            case "shelfReadSqlite3" -> {
                Path p = dir.resolve("shelf-sqlite3");
                try (DbmSqlite3 db = DbmSqlite3.open(p, "n"); Shelf s = new Shelf(db)) {
                    db.transaction(d -> setAll(s, keys));
                }
                shelfSqliteRead = keep(Shelve.open(p, "r"));
                checkShelf(shelfSqliteRead);
            }
            case "shelfReadDumb" -> {
                Path p = dir.resolve("shelf-dumb");
                try (Shelf s = new Shelf(DbmDumb.open(p, "n"))) {
                    setAll(s, keys);
                }
                shelfDumbRead = keep(new Shelf(DbmDumb.open(p, "r")));
                checkShelf(shelfDumbRead);
            }
            default -> {
                // the writes need only a new directory for each operation
            }
        }
    }

    private <T extends AutoCloseable> T keep(T resource) {
        open.add(resource);
        return resource;
    }

    private void checkRead(DbmFile db, String backend) {
        if (!backend.equals(db.backend()) || db.size() != keys) {
            throw new IllegalStateException(db.backend() + " file of " + db.size() + " keys, expected " + backend
                    + " with " + keys);
        }
        for (int i = 0; i < keys; i++) {
            data.checkValue(backend, i, db.getItem(data.keys[i]));
        }
    }

    private void checkShelf(Shelf s) {
        if (s.size() != keys) {
            throw new IllegalStateException("shelf of " + s.size() + " keys, expected " + keys);
        }
        for (int i = 0; i < keys; i++) {
            data.checkDict("shelf " + s.dict().backend(), i, s.getItem(data.keyStrings[i]));
        }
    }

    /** Has Debian's Python (dbm.gnu and dbm.ndbm are not in pyenv's 3.13) write the workload to {@code file}. */
    private void python(String backend, Path file) throws IOException, InterruptedException {
        String python = System.getenv().getOrDefault("PYTHON_GDBM", "/usr/bin/python3");
        Path script = Stream.of("src/main/python/bench_persistence.py", "bench/src/main/python/bench_persistence.py")
                .map(Path::of).filter(Files::isRegularFile).findFirst()
                .orElseThrow(() -> new IllegalStateException("bench_persistence.py not found from "
                        + Path.of("").toAbsolutePath() + "; run from bench/ or the project root"));
        Process p = new ProcessBuilder(python, script.toString(), "--write", backend, file.toString(),
                "--keys", Integer.toString(keys)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(python + " could not write the " + backend + " file: " + out);
        }
    }

    @Setup(Level.Invocation)
    public void newTarget() throws IOException {
        Path d = Files.createDirectories(dir.resolve("w" + ++written));
        target = d.resolve("db");
    }

    @TearDown(Level.Invocation)
    public void deleteTarget() {
        delete(target.getParent());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        open.clear();
        delete(dir);
    }

    private static void delete(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void putAll(DbmFile db, int n) {
        byte[][] k = data.keys;
        byte[][] v = data.values;
        for (int i = 0; i < n; i++) {
            db.put(k[i], v[i]);
        }
    }

    private void setAll(Shelf s, int n) {
        String[] k = data.keyStrings;
        List<Object> v = data.dicts;
        for (int i = 0; i < n; i++) {
            s.setItem(k[i], v.get(i));
        }
    }

    private long getAll(DbmFile db) {
        long total = 0;
        for (byte[] k : data.keys) {
            total += db.getItem(k).length;
        }
        return total;
    }

    private long readAll(Shelf s) {
        long total = 0;
        for (String k : data.keyStrings) {
            total += ((Map<?, ?>) s.getItem(k)).size();
        }
        return total;
    }

    // ------------------------------------------------------------------------------------- shelve

    /** {@code with shelve.open(f, "n") as s: for k, v in ...[:commitKeys]: s[k] = v} — a dbm.sqlite3 shelf, one commit per store. */
    @Benchmark
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    public void shelfWriteSqlite3() {
        try (Shelf s = Shelve.open(target, "n")) {
            setAll(s, commitKeys);
        }
    }

    /** Java extra (no CPython counterpart): the same shelf, all 100,000 stores in one {@code DbmSqlite3.transaction}. */
    @Benchmark
    public void shelfWriteSqlite3Transaction() {
        try (DbmSqlite3 db = DbmSqlite3.open(target, "n"); Shelf s = new Shelf(db)) {
            db.transaction(d -> setAll(s, keys));
        }
    }

    /** {@code for k in keys: s[k]} on a dbm.sqlite3 shelf. */
    @Benchmark
    public long shelfReadSqlite3() {
        return readAll(shelfSqliteRead);
    }

    /** {@code with shelve.Shelf(dbm.dumb.open(f, "n")) as s: for k, v in ...: s[k] = v}. */
    @Benchmark
    public void shelfWriteDumb() {
        try (Shelf s = new Shelf(DbmDumb.open(target, "n"))) {
            setAll(s, keys);
        }
    }

    /** {@code for k in keys: s[k]} on a dbm.dumb shelf. */
    @Benchmark
    public long shelfReadDumb() {
        return readAll(shelfDumbRead);
    }

    // ---------------------------------------------------------------------------------------- dbm

    /** {@code with dbm.open(f, "n") as db: for k, v in ...[:commitKeys]: db[k] = v} — dbm.sqlite3, one commit per store. */
    @Benchmark
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    public void sqlite3Put() {
        try (DbmFile db = Dbm.open(target, "n")) {
            putAll(db, commitKeys);
        }
    }

    /** Java's batch form: all 100,000 stores in one {@code db.transaction(...)}. */
    @Benchmark
    public void sqlite3PutTransaction() {
        try (DbmSqlite3 db = DbmSqlite3.open(target, "n")) {
            db.transaction(d -> putAll(d, keys));
        }
    }

    /** Java's other batch form: {@code db.update(map)} of all 100,000 items (one transaction); the map is built in the operation. */
    @Benchmark
    public void sqlite3Update() {
        Map<byte[], byte[]> m = new LinkedHashMap<>(keys * 2);
        for (int i = 0; i < keys; i++) {
            m.put(data.keys[i], data.values[i]);
        }
        try (DbmSqlite3 db = DbmSqlite3.open(target, "n")) {
            db.update(m);
        }
    }

    @Benchmark
    public long sqlite3Get() {
        return getAll(sqliteRead);
    }

    @Benchmark
    public void dumbPut() {
        try (DbmDumb db = DbmDumb.open(target, "n")) {
            putAll(db, keys);
        }
    }

    @Benchmark
    public long dumbGet() {
        return getAll(dumbRead);
    }

    @Benchmark
    public void gnuPut() {
        try (DbmFile db = DbmGnu.open(target, "n", 0666)) {
            putAll(db, keys);
        }
    }

    /** On a file libgdbm wrote (Debian's Python 3.11). */
    @Benchmark
    public long gnuGet() {
        return getAll(gnuRead);
    }

    /** On a Berkeley DB hash file Debian's Python 3.11 {@code dbm.ndbm} wrote (read-only here). */
    @Benchmark
    public long ndbmGet() {
        return getAll(ndbmRead);
    }
}
