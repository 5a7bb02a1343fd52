package org.sqlite3j.dbapi;

/**
 * {@code getconfig}/{@code setconfig} without {@code sqlite3_db_config} (sqlite-jdbc binds none):
 * the options that have a PRAGMA of the same meaning are read and set through it; the others
 * cannot be reached and raise {@link Sqlite3.NotSupportedError} naming the option.
 */
final class DbConfig {

    private DbConfig() {
    }

    /** The PRAGMA for {@code op}. */
    static String pragma(int op) {
        switch (op) {
            case Sqlite3.SQLITE_DBCONFIG_ENABLE_FKEY:
                return "foreign_keys";
            case Sqlite3.SQLITE_DBCONFIG_LEGACY_ALTER_TABLE:
                return "legacy_alter_table";
            case Sqlite3.SQLITE_DBCONFIG_TRUSTED_SCHEMA:
                return "trusted_schema";
            case Sqlite3.SQLITE_DBCONFIG_WRITABLE_SCHEMA:
                return "writable_schema";
            default:
                break;
        }
        String name = name(op);
        if (name == null) {
            throw new Sqlite3.ValueError("unknown config 'op': " + op);
        }
        throw new Sqlite3.NotSupportedError(name + " cannot be read or set: sqlite-jdbc binds no"
                + " sqlite3_db_config and no PRAGMA has the same meaning");
    }

    private static String name(int op) {
        switch (op) {
            case Sqlite3.SQLITE_DBCONFIG_ENABLE_TRIGGER: return "SQLITE_DBCONFIG_ENABLE_TRIGGER";
            case Sqlite3.SQLITE_DBCONFIG_ENABLE_FTS3_TOKENIZER: return "SQLITE_DBCONFIG_ENABLE_FTS3_TOKENIZER";
            case Sqlite3.SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE: return "SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE";
            case Sqlite3.SQLITE_DBCONFIG_ENABLE_QPSG: return "SQLITE_DBCONFIG_ENABLE_QPSG";
            case Sqlite3.SQLITE_DBCONFIG_TRIGGER_EQP: return "SQLITE_DBCONFIG_TRIGGER_EQP";
            case Sqlite3.SQLITE_DBCONFIG_RESET_DATABASE: return "SQLITE_DBCONFIG_RESET_DATABASE";
            case Sqlite3.SQLITE_DBCONFIG_DEFENSIVE: return "SQLITE_DBCONFIG_DEFENSIVE";
            case Sqlite3.SQLITE_DBCONFIG_DQS_DML: return "SQLITE_DBCONFIG_DQS_DML";
            case Sqlite3.SQLITE_DBCONFIG_DQS_DDL: return "SQLITE_DBCONFIG_DQS_DDL";
            case Sqlite3.SQLITE_DBCONFIG_ENABLE_VIEW: return "SQLITE_DBCONFIG_ENABLE_VIEW";
            case Sqlite3.SQLITE_DBCONFIG_LEGACY_FILE_FORMAT: return "SQLITE_DBCONFIG_LEGACY_FILE_FORMAT";
            default: return null;
        }
    }
}
