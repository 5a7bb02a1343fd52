BEGIN TRANSACTION;
CREATE TABLE "new_name"(aa INT, b TEXT, c TEXT DEFAULT 'dflt');
INSERT INTO "new_name" VALUES(1,'x','dflt');
INSERT INTO "new_name" VALUES(2,'y','z');
CREATE INDEX old_idx ON "new_name"(b);
COMMIT;
