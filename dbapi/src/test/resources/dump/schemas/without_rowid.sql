-- WITHOUT ROWID and STRICT tables, a generated column, defaults, CHECK, COLLATE.
CREATE TABLE kv(k TEXT PRIMARY KEY, v BLOB) WITHOUT ROWID;
CREATE TABLE pair(a INT, b INT, c, PRIMARY KEY(b DESC, a)) WITHOUT ROWID;
CREATE TABLE typed(id INTEGER PRIMARY KEY, n INT NOT NULL DEFAULT 0, t TEXT COLLATE NOCASE,
    g INT GENERATED ALWAYS AS (n * 2) VIRTUAL, h INT AS (n + 1) STORED,
    CHECK (n >= 0)) STRICT;
INSERT INTO kv VALUES('b', x'02'), ('a', x'01'), ('c', NULL);
INSERT INTO pair VALUES(1, 1, 'x'), (2, 1, 'y'), (1, 2, 'z');
INSERT INTO typed(n, t) VALUES(3, 'Three'), (0, 'zero');
