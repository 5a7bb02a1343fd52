-- The sqlite3j demo database: what `sqlite3j` opens when no FILE is given (built in memory).
-- The BLOBs in `setting` were written by CPython 3.13 with pickle.dumps(value), as a Python
-- program sharing the database would; the shell shows them decoded.

CREATE TABLE planet(
    id        INTEGER PRIMARY KEY,
    name      TEXT UNIQUE NOT NULL,
    moons     INTEGER,
    radius_km REAL
);
INSERT INTO planet(name, moons, radius_km) VALUES
    ('Mercury', 0, 2439.7),
    ('Venus', 0, 6051.8),
    ('Earth', 1, 6371.0),
    ('Mars', 2, 3389.5),
    ('Jupiter', 95, 69911.0),
    ('Saturn', 146, 58232.0),
    ('Uranus', 28, 25362.0),
    ('Neptune', 16, 24622.0);

CREATE TABLE setting(
    key   TEXT PRIMARY KEY,
    value BLOB              -- pickle.dumps(value) from Python
);
INSERT INTO setting(key, value) VALUES
    -- {'width': 1280, 'height': 720, 'maximized': False, 'title': 'Planets'}
    ('window', X'8004953b000000000000007d94288c057769647468944d00058c06686569676874944dd0028c096d6178696d697a656494898c057469746c65948c07506c616e65747394752e'),
    -- ['planets.db', 'moons.db']
    ('recent_files', X'8004951d000000000000005d94288c0a706c616e6574732e6462948c086d6f6f6e732e646294652e'),
    -- datetime.datetime(2024, 5, 1, 12, 30, 15)
    ('last_opened', X'8004952a000000000000008c086461746574696d65948c086461746574696d65949394430a07e805010c1e0f00000094859452942e'),
    -- Point(x=3, y=4), a dataclass of the Python program: shown as an inert stub, never instantiated
    ('origin', X'8004952a000000000000008c085f5f6d61696e5f5f948c05506f696e749493942981947d94288c0178944b038c0179944b0475622e'),
    -- (1, 3.5, None, frozenset({'a'}))
    ('ratio', X'8004951700000000000000284b0147400c0000000000004e288c016194919474942e'),
    -- Decimal('19.99')
    ('price', X'80049523000000000000008c07646563696d616c948c07446563696d616c9493948c0531392e393994859452942e'),
    -- not a pickle: the first bytes of a PNG file
    ('icon', X'89504e470d0a1a0a');

CREATE VIEW big_planet AS SELECT name, radius_km FROM planet WHERE radius_km > 20000;
