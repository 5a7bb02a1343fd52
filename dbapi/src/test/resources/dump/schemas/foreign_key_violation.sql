-- A foreign key violation (made with enforcement off): the dump starts with PRAGMA foreign_keys=OFF;
PRAGMA foreign_keys = OFF;
CREATE TABLE parent(id INTEGER PRIMARY KEY);
CREATE TABLE child(parent_id INT REFERENCES parent(id));
INSERT INTO parent VALUES(1);
INSERT INTO child VALUES(1), (2);
