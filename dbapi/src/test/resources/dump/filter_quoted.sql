BEGIN TRANSACTION;
CREATE TABLE "my ""quoted"" t"(q);
INSERT INTO "my ""quoted"" t" VALUES('q');
COMMIT;
