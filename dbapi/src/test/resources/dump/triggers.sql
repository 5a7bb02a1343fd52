BEGIN TRANSACTION;
CREATE TABLE account(id INTEGER PRIMARY KEY, balance INT NOT NULL);
INSERT INTO "account" VALUES(1,10);
CREATE TABLE audit(at INTEGER, what TEXT);
INSERT INTO "audit" VALUES(1,'insert; with semicolon');
INSERT INTO "audit" VALUES(2,'insert; with semicolon!');
INSERT INTO "audit" VALUES(2,'delete!');
CREATE TRIGGER account_insert AFTER INSERT ON account
BEGIN
    INSERT INTO audit VALUES(new.id, 'insert; with semicolon');
END;
CREATE TRIGGER "account update" BEFORE UPDATE OF balance ON account
WHEN new.balance < 0
BEGIN
    SELECT RAISE(ABORT, 'negative balance');
END;
CREATE TRIGGER account_delete AFTER DELETE ON account FOR EACH ROW
BEGIN
    INSERT INTO audit VALUES(old.id, 'delete');
    UPDATE audit SET what = what || '!' WHERE at = old.id;
END;
COMMIT;
