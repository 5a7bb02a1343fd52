BEGIN TRANSACTION;
CREATE TABLE sale(id INTEGER PRIMARY KEY, region TEXT, amount INT);
INSERT INTO "sale" VALUES(1,'north',5);
INSERT INTO "sale" VALUES(2,'north',7);
INSERT INTO "sale" VALUES(3,'south',3);
CREATE VIEW total AS SELECT region, sum(amount) AS amount FROM sale GROUP BY region;
CREATE VIEW "big total"(r, a) AS SELECT region, amount FROM total WHERE amount > 10;
CREATE VIEW numbered AS WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 3)
    SELECT x FROM n;
COMMIT;
