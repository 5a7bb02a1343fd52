BEGIN TRANSACTION;
CREATE TABLE item(id INTEGER PRIMARY KEY, name TEXT UNIQUE, price REAL, deleted INT DEFAULT 0,
    sku TEXT, UNIQUE(sku, price));
INSERT INTO "item" VALUES(1,'Apple',1.25,0,'A1');
INSERT INTO "item" VALUES(2,'banana',0.5,1,'B2');
INSERT INTO "item" VALUES(3,'Cherry',3.0,0,NULL);
CREATE UNIQUE INDEX item_lower_name ON item(lower(name));
CREATE INDEX item_live ON item(price) WHERE deleted = 0;
CREATE INDEX "item price desc" ON item(price DESC, name COLLATE NOCASE);
CREATE INDEX item_expr ON item(price * 2, length(name));
COMMIT;
