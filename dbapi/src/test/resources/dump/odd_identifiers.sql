BEGIN TRANSACTION;
CREATE TABLE "123abc"("1" INT);
INSERT INTO "123abc" VALUES(123);
CREATE TABLE "a""b"(x);
INSERT INTO "a""b" VALUES('ab');
CREATE TABLE [bracketed name](`back tick` INT);
INSERT INTO "bracketed name" VALUES(5);
CREATE TABLE "my table"("first col" INT, "second ""col""" TEXT, "select" INT, "it's" TEXT);
INSERT INTO "my table" VALUES(1,'one',2,'three');
CREATE TABLE "new
line"(x);
INSERT INTO "new
line" VALUES('nl');
CREATE TABLE "order"("group" INT PRIMARY KEY, "from" TEXT);
INSERT INTO "order" VALUES(1,'from');
CREATE TABLE sqlitex(x);
INSERT INTO "sqlitex" VALUES('not internal');
CREATE TABLE "tëst ☃"("ü" TEXT);
INSERT INTO "tëst ☃" VALUES('ü');
CREATE INDEX "idx ""q""" ON "my table"("first col");
CREATE VIEW "v ""w""" AS SELECT "from" FROM "order";
COMMIT;
