package org.sqlite3j.driver;

/**
 * The recipe for many threads on one SQLite file: <b>one writer pool of size 1 + reader pools</b>,
 * in WAL mode. SQLite allows one writer at a time; in WAL mode readers never block the writer nor
 * each other. Serialising writes in a pool of one connection means no two connections ever compete
 * for the write lock, so no {@code SQLITE_BUSY} can come from within the process; the busy timeout
 * covers other processes and checkpoints.
 *
 * <pre>{@code
 * Sqlite3jDataSource w = WalPools.writer("app.db");      // open the writer first: it sets WAL
 * HikariConfig wc = new HikariConfig();
 * wc.setDataSource(w);
 * wc.setMaximumPoolSize(1);                               // the one writer
 * HikariDataSource writers = new HikariDataSource(wc);
 *
 * HikariConfig rc = new HikariConfig();
 * rc.setDataSource(WalPools.reader("app.db"));
 * rc.setMaximumPoolSize(Runtime.getRuntime().availableProcessors());
 * HikariDataSource readers = new HikariDataSource(rc);
 * }</pre>
 *
 * Writer: {@code journal_mode=WAL}, {@code synchronous=NORMAL} (durable at checkpoints, never
 * corrupt), busy timeout 30 s, {@code isolation_level=IMMEDIATE} so that a JDBC transaction
 * (auto-commit off) takes the write lock at BEGIN, where the busy timeout applies, instead of
 * failing with {@code SQLITE_BUSY} at its first write. Caveat: sqlite-jdbc begins the next
 * transaction right after each commit, so with auto-commit off the idle writer keeps the write
 * lock; harmless with one writer per process, but other processes writing the file then wait for
 * it. Keep auto-commit on (the default) and call {@code setAutoCommit(false)} per transaction when
 * other processes write too.
 *
 * <p>Readers: {@code mode=ro} (SQLite refuses writes), busy timeout 30 s; they need the file to
 * exist in WAL mode, so open the writer pool first.
 */
public final class WalPools {

    /** The busy timeout of both recipes, in milliseconds. */
    public static final int BUSY_TIMEOUT_MILLIS = 30_000;

    private WalPools() {
    }

    /** The writer's data source for {@code path}: WAL, synchronous NORMAL, IMMEDIATE, 30 s. */
    public static Sqlite3jDataSource writer(String path) {
        Sqlite3jDataSource ds = new Sqlite3jDataSource();
        ds.setDatabase(path);
        ds.setJournalMode("WAL");
        ds.setSynchronous("NORMAL");
        ds.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        ds.setIsolationLevel("IMMEDIATE");
        return ds;
    }

    /** A reader's data source for {@code path}: read-only open, 30 s busy timeout. */
    public static Sqlite3jDataSource reader(String path) {
        Sqlite3jDataSource ds = new Sqlite3jDataSource();
        ds.setDatabase(path);
        ds.setMode("ro");
        ds.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        return ds;
    }

    /**
     * The writer's settings as a URL, for pools configured by {@code jdbcUrl} alone.
     * {@code path} must not contain '?'.
     */
    public static String writerUrl(String path) {
        return ConnectionSettings.PREFIX + path + "?journal_mode=WAL&synchronous=NORMAL&busy_timeout="
                + BUSY_TIMEOUT_MILLIS + "&isolation_level=IMMEDIATE";
    }

    /** The reader's settings as a URL. {@code path} must not contain '?'. */
    public static String readerUrl(String path) {
        return ConnectionSettings.PREFIX + path + "?mode=ro&busy_timeout=" + BUSY_TIMEOUT_MILLIS;
    }
}
