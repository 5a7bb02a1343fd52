package org.sqlite3j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.sqlite3j.dbapi.Sqlite3;

class OptionsTest {
    @Test
    void defaults() {
        Options o = Options.parse();
        assertThat(o.database()).isNull();
        assertThat(o.commands()).isEmpty();
        assertThat(o.mode()).isEqualTo(Mode.TABLE);
        assertThat(o.detectTypes()).isZero();
        assertThat(o.readonly()).isFalse();
        assertThat(o.interactive()).isNull();
        assertThat(o.historyFile()).isEqualTo(Path.of(System.getProperty("user.home"), ".sqlite3j_history"));
    }

    @Test
    void positionalsAreTheFileThenCommands() {
        Options o = Options.parse("a.db", "SELECT 1", ".tables");
        assertThat(o.database()).isEqualTo("a.db");
        assertThat(o.commands()).isEqualTo(List.of("SELECT 1", ".tables"));
        assertThat(Options.parse("--", "-odd.db", "-x").database()).isEqualTo("-odd.db");
    }

    @Test
    void everyOption() {
        Options o = Options.parse("-r", "--detect-types", "both", "-m", "CSV", "--history", "history/h", "-i", "f.db");
        assertThat(o.readonly()).isTrue();
        assertThat(o.detectTypes()).isEqualTo(Sqlite3.PARSE_DECLTYPES | Sqlite3.PARSE_COLNAMES);
        assertThat(o.mode()).isEqualTo(Mode.CSV);
        assertThat(o.historyFile()).isEqualTo(Path.of("history", "h"));
        assertThat(o.interactive()).isTrue();
        assertThat(Options.parse("--no-history", "-b").historyFile()).isNull();
        assertThat(Options.parse("-b").interactive()).isFalse();
        assertThat(Options.parse("--detect-types=1").detectTypes()).isEqualTo(Sqlite3.PARSE_DECLTYPES);
        assertThat(Options.parse("--detect-types=colnames").detectTypes()).isEqualTo(Sqlite3.PARSE_COLNAMES);
        assertThat(Options.parse("--help").help()).isTrue();
        assertThat(Options.parse("-v").version()).isTrue();
    }

    @Test
    void mistakesSayWhatWasExpected() {
        assertThatThrownBy(() -> Options.parse("-x")).isInstanceOf(ShellException.class)
                .hasMessage("unknown option -x (sqlite3j --help lists them)");
        assertThatThrownBy(() -> Options.parse("--history")).hasMessage("option --history needs a value");
        assertThatThrownBy(() -> Options.parse("--mode", "yaml"))
                .hasMessage("unknown mode \"yaml\"; the modes are table, csv, json, lines, box, column, insert, line, list, markdown, quote, tabs");
        assertThatThrownBy(() -> Options.parse("--detect-types=4"))
                .hasMessage("--detect-types takes decltypes, colnames, both or none, not \"4\"");
    }
}
