-- REALs at the edge of precision: SQLite's quote() prints these differently in different versions
-- (3.40 "%!.15g", else "%!.20e"; 3.53 the shortest round-tripping digits).
CREATE TABLE r(label TEXT, v REAL);
INSERT INTO r VALUES('0.1+0.2', 0.1 + 0.2);
INSERT INTO r VALUES('1e15', 1e15);
INSERT INTO r VALUES('1e16', 1e16);
INSERT INTO r VALUES('pi', 3.141592653589793);
INSERT INTO r VALUES('big', 123456789012345678.0);
INSERT INTO r VALUES('2^63', 9223372036854775808.0);
INSERT INTO r VALUES('max', 1.7976931348623157e308);
INSERT INTO r VALUES('denormal', 5e-324);
INSERT INTO r VALUES('third', 1.0 / 3);
INSERT INTO r VALUES('neg', -2.0 / 3);
