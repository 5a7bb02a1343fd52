-- AUTOINCREMENT: sqlite_sequence comes last, as DELETE FROM + INSERTs.
CREATE TABLE people(id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL);
CREATE TABLE "other ""seq"""(id INTEGER PRIMARY KEY AUTOINCREMENT, x);
CREATE TABLE plain(id INTEGER PRIMARY KEY, x);
INSERT INTO people(name) VALUES('ann'), ('bob'), ('cy');
DELETE FROM people WHERE name = 'cy';
INSERT INTO "other ""seq"""(x) VALUES(1);
INSERT INTO "other ""seq"""(id, x) VALUES(100, 2);
DELETE FROM "other ""seq""";
INSERT INTO plain(x) VALUES('p');
