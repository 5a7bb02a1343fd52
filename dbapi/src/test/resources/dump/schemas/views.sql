-- Views, a view on a view, a view with a column list, and a temp-free CTE view.
CREATE TABLE sale(id INTEGER PRIMARY KEY, region TEXT, amount INT);
CREATE VIEW total AS SELECT region, sum(amount) AS amount FROM sale GROUP BY region;
CREATE VIEW "big total"(r, a) AS SELECT region, amount FROM total WHERE amount > 10;
CREATE VIEW numbered AS WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 3)
    SELECT x FROM n;
INSERT INTO sale(region, amount) VALUES('north', 5), ('north', 7), ('south', 3);
