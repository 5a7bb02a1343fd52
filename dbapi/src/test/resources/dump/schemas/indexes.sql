-- Unique, partial, expression, multi-column, descending and constraint (autoindex) indexes.
CREATE TABLE item(id INTEGER PRIMARY KEY, name TEXT UNIQUE, price REAL, deleted INT DEFAULT 0,
    sku TEXT, UNIQUE(sku, price));
CREATE UNIQUE INDEX item_lower_name ON item(lower(name));
CREATE INDEX item_live ON item(price) WHERE deleted = 0;
CREATE INDEX "item price desc" ON item(price DESC, name COLLATE NOCASE);
CREATE INDEX item_expr ON item(price * 2, length(name));
INSERT INTO item(name, price, sku) VALUES('Apple', 1.25, 'A1'), ('banana', 0.5, 'B2'), ('Cherry', 3.0, NULL);
UPDATE item SET deleted = 1 WHERE name = 'banana';
