BEGIN TRANSACTION;
CREATE UNIQUE INDEX item_lower_name ON item(lower(name));
CREATE INDEX item_live ON item(price) WHERE deleted = 0;
CREATE INDEX "item price desc" ON item(price DESC, name COLLATE NOCASE);
CREATE INDEX item_expr ON item(price * 2, length(name));
COMMIT;
