-- Virtual tables (fts5 and rtree, in both builds): PRAGMA writable_schema=ON once, then their
-- sqlite_master rows; their shadow tables are ordinary tables.
CREATE VIRTUAL TABLE doc USING fts5(title, body);
CREATE VIRTUAL TABLE box USING rtree(id, x0, x1, y0, y1);
CREATE TABLE plain(x);
INSERT INTO doc VALUES('hello', 'hello world'), ('bye', 'it''s over');
INSERT INTO box VALUES(1, 0.5, 1.5, -1.0, 2.0);
INSERT INTO plain VALUES(1);
