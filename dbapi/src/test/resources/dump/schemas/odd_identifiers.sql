-- Names that need quoting: spaces, double quotes, keywords, unicode, a newline, digits first.
CREATE TABLE "my table"("first col" INT, "second ""col""" TEXT, "select" INT, "it's" TEXT);
CREATE TABLE "a""b"(x);
CREATE TABLE "order"("group" INT PRIMARY KEY, "from" TEXT);
CREATE TABLE "tëst ☃"("ü" TEXT);
CREATE TABLE "new
line"(x);
CREATE TABLE "123abc"("1" INT);
CREATE TABLE [bracketed name](`back tick` INT);
CREATE TABLE sqlitex(x);
CREATE INDEX "idx ""q""" ON "my table"("first col");
CREATE VIEW "v ""w""" AS SELECT "from" FROM "order";
INSERT INTO "my table" VALUES(1, 'one', 2, 'three');
INSERT INTO "a""b" VALUES('ab');
INSERT INTO "order" VALUES(1, 'from');
INSERT INTO "tëst ☃" VALUES('ü');
INSERT INTO "new
line" VALUES('nl');
INSERT INTO "123abc" VALUES(123);
INSERT INTO [bracketed name] VALUES(5);
INSERT INTO sqlitex VALUES('not internal');
