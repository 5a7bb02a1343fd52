/**
 * A Flyway database plugin for {@code jdbc:sqlite3:} URLs ({@link org.sqlite3j.flyway.Sqlite3jDatabaseType}):
 * put this jar next to Flyway and {@code jdbc:sqlite3:} databases migrate as SQLite.
 */
package org.sqlite3j.flyway;
