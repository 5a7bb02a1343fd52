-- Triggers whose bodies hold several statements, and the table they write to.
CREATE TABLE account(id INTEGER PRIMARY KEY, balance INT NOT NULL);
CREATE TABLE audit(at INTEGER, what TEXT);
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
INSERT INTO account VALUES(1, 10), (2, 20);
DELETE FROM account WHERE id = 2;
