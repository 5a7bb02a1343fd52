-- Foreign keys that hold: no PRAGMA foreign_keys=OFF line.
PRAGMA foreign_keys = ON;
CREATE TABLE parent(id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE child(id INTEGER PRIMARY KEY, parent_id INT REFERENCES parent(id) ON DELETE CASCADE,
    note TEXT);
CREATE TABLE grandchild(child_id INT, FOREIGN KEY(child_id) REFERENCES child(id) DEFERRABLE INITIALLY DEFERRED);
INSERT INTO parent VALUES(1, 'p1'), (2, 'p2');
INSERT INTO child VALUES(10, 1, 'c1'), (11, 2, 'c2');
INSERT INTO grandchild VALUES(10);
DELETE FROM parent WHERE id = 2;
