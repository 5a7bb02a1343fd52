-- Every storage class, with values whose quote() text is the same in every SQLite version.
CREATE TABLE t(i INTEGER, r REAL, s TEXT, b BLOB, n);
INSERT INTO t VALUES(NULL, NULL, NULL, NULL, NULL);
INSERT INTO t VALUES(0, 0.0, '', x'', 0);
INSERT INTO t VALUES(1, 0.1, 'plain', x'00', -1);
INSERT INTO t VALUES(-1, 1.5, 'it''s "quoted"', x'00ff10ab', 1.5);
INSERT INTO t VALUES(9223372036854775807, 1e300, 'line1' || char(10) || 'line2', zeroblob(3), 'text in untyped');
INSERT INTO t VALUES(-9223372036854775808, 1e-300, 'cr' || char(13) || char(10) || 'lf', x'deadbeef', x'0102');
INSERT INTO t VALUES(42, -0.0, 'tab' || char(9) || 'bell' || char(7) || 'del' || char(127), x'7f', NULL);
INSERT INTO t VALUES(1000000, 2.0, 'héllo wörld ☃ 日本語 😀', x'e282ac', 123456789012);
INSERT INTO t VALUES(7, 100.0, 'nul' || char(0) || 'after', x'000000', -0.5);
INSERT INTO t VALUES(8, -2.5, ';--', x'3b', ' ');
INSERT INTO t VALUES(9, 1e22, 'back\slash', x'5c', 'x');
INSERT INTO t VALUES('not a number', 'text in REAL', 12, 3.25, 'mixed');
