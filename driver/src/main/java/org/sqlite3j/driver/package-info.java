/**
 * The {@code jdbc:sqlite3:} JDBC driver: sqlite-jdbc underneath, Python's sqlite3 behaviour on top.
 *
 * <ul>
 * <li>{@link org.sqlite3j.driver.Sqlite3jDriver} — found by URL alone ({@code META-INF/services});
 *     {@code jdbc:sqlite3:<path>[?option=value&...]}.
 * <li>{@link org.sqlite3j.driver.Sqlite3jOption} — every option, its default, description and
 *     allowed values; unknown options and bad values are {@code SQLException}s.
 * <li>{@link org.sqlite3j.driver.Sqlite3jDataSource} — JavaBean {@code DataSource} and
 *     {@code ConnectionPoolDataSource} with its own adapter/converter registries.
 * <li>{@link org.sqlite3j.driver.Sqlite3jConnection} — adapters in {@code setObject}, converters
 *     in {@code getObject} (per {@code detect_types}), INTEGER as {@code Long}; {@code unwrap}
 *     reaches sqlite-jdbc's {@code SQLiteConnection}; rolls back a transaction left open when a pool
 *     takes it back (see its class comment for the mechanism and its limits).
 * <li>{@link org.sqlite3j.driver.WalPools} — one writer pool + N reader pools in WAL mode.
 * <li>{@code org.sqlite3j.driver.jooq} — jOOQ converters from the registries (jOOQ is an optional
 *     dependency; nothing outside that package refers to it).
 * </ul>
 */
package org.sqlite3j.driver;
