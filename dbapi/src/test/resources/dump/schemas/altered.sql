-- Schema changed by ALTER TABLE: the SQL text SQLite rewrote is dumped as stored.
CREATE TABLE old_name(a INT, b TEXT);
CREATE INDEX old_idx ON old_name(b);
INSERT INTO old_name VALUES(1, 'x');
ALTER TABLE old_name RENAME TO new_name;
ALTER TABLE new_name ADD COLUMN c TEXT DEFAULT 'dflt';
ALTER TABLE new_name RENAME COLUMN a TO aa;
INSERT INTO new_name VALUES(2, 'y', 'z');
