INSERT INTO city(name) VALUES ('Paris');
INSERT INTO city(name) VALUES ('Lagos');
