-- A few hundred rows, streamed one INSERT at a time.
CREATE TABLE n(i INTEGER PRIMARY KEY, sq INT, txt TEXT, b BLOB);
WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 300)
    INSERT INTO n SELECT x, x * x, printf('row %03d', x), CAST(printf('%x', x) AS BLOB) FROM c;
