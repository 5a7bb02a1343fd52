-- Infinite REALs: SQLite 3.40's quote() gives Inf/-Inf (not valid SQL), 3.53's 9.0e+999/-9.0e+999.
CREATE TABLE inf(v REAL);
INSERT INTO inf VALUES(1e999);
INSERT INTO inf VALUES(-1e999);
