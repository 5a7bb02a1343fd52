-- ANALYZE: sqlite_stat1 is dumped as ANALYZE "sqlite_master"; and its rows (sqlite_stat4 is skipped).
CREATE TABLE t(a INTEGER PRIMARY KEY, b, c);
CREATE INDEX t_b ON t(b);
CREATE INDEX t_bc ON t(b, c);
WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 20)
    INSERT INTO t SELECT x, x % 3, x % 5 FROM n;
ANALYZE;
