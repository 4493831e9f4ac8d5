-- Organisation: LAO types, LAOs, their unit trees, the position classification (types, levels, lines)
-- and the positions (posts) of each LAO. SQLite dialect.
--
-- Integrity that the data model relies on is declared here, not left to callers:
--   * a LAO's district lies in its province and its sub-district in its district (code prefixes);
--     Bangkok (10) has its own law and no LAOs;
--   * a unit's parent, a position's unit belong to the same LAO (composite foreign keys);
--   * a position's lowest and highest levels belong to its position type, and its line too.

CREATE TABLE lao_type (
    code         TEXT PRIMARY KEY,
    name_th      TEXT NOT NULL COLLATE thai UNIQUE,
    abbr_th      TEXT NOT NULL,
    name_en      TEXT NOT NULL,
    committee_th TEXT NOT NULL,
    sort         INTEGER NOT NULL
) STRICT;

CREATE TABLE lao (
    id               INTEGER PRIMARY KEY,
    code             TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 32),
    type_code        TEXT NOT NULL REFERENCES lao_type (code),
    size_class       TEXT NOT NULL CHECK (size_class IN ('large', 'medium', 'small')),
    name_th          TEXT NOT NULL COLLATE thai,
    name_en          TEXT,
    province_code    TEXT NOT NULL REFERENCES province (code) CHECK (province_code <> '10'),
    district_code    TEXT NOT NULL REFERENCES district (code),
    subdistrict_code TEXT REFERENCES subdistrict (code),
    CHECK (substr(district_code, 1, 2) = province_code),
    CHECK (subdistrict_code IS NULL OR substr(subdistrict_code, 1, 4) = district_code)
) STRICT;
CREATE INDEX lao_province ON lao (province_code);
CREATE INDEX lao_district ON lao (district_code);
CREATE INDEX lao_subdistrict ON lao (subdistrict_code);
CREATE INDEX lao_type_code ON lao (type_code);

CREATE TABLE org_unit (
    id        INTEGER PRIMARY KEY,
    lao_id    INTEGER NOT NULL REFERENCES lao (id),
    parent_id INTEGER,
    code      TEXT NOT NULL CHECK (length(code) BETWEEN 1 AND 32),
    kind      TEXT NOT NULL CHECK (kind IN ('office', 'division', 'section', 'unit')),
    name_th   TEXT NOT NULL COLLATE thai,
    name_en   TEXT,
    sort      INTEGER NOT NULL DEFAULT 0,
    UNIQUE (lao_id, code),
    UNIQUE (lao_id, id),
    CHECK (parent_id IS NULL OR parent_id <> id),
    FOREIGN KEY (lao_id, parent_id) REFERENCES org_unit (lao_id, id)
) STRICT;
CREATE INDEX org_unit_parent ON org_unit (parent_id);

CREATE TABLE position_type (
    code    TEXT PRIMARY KEY,
    name_th TEXT NOT NULL COLLATE thai UNIQUE,
    name_en TEXT NOT NULL,
    sort    INTEGER NOT NULL
) STRICT;

CREATE TABLE position_level (
    code      TEXT PRIMARY KEY,
    type_code TEXT NOT NULL REFERENCES position_type (code),
    name_th   TEXT NOT NULL COLLATE thai,
    name_en   TEXT NOT NULL,
    rank      INTEGER NOT NULL,
    UNIQUE (type_code, code),
    UNIQUE (type_code, rank)
) STRICT;

CREATE TABLE position_line (
    code      TEXT PRIMARY KEY CHECK (length(code) BETWEEN 1 AND 32),
    name_th   TEXT NOT NULL COLLATE thai UNIQUE,
    name_en   TEXT NOT NULL,
    type_code TEXT NOT NULL REFERENCES position_type (code),
    source    TEXT NOT NULL CHECK (source IN ('ocsc', 'local')),
    UNIQUE (code, type_code)
) STRICT;
CREATE INDEX position_line_type ON position_line (type_code);

CREATE TABLE position (
    id        INTEGER PRIMARY KEY,
    lao_id    INTEGER NOT NULL REFERENCES lao (id),
    unit_id   INTEGER NOT NULL,
    number    TEXT NOT NULL CHECK (length(number) BETWEEN 1 AND 64),
    line_code TEXT NOT NULL,
    type_code TEXT NOT NULL REFERENCES position_type (code),
    level_min TEXT NOT NULL REFERENCES position_level (code),
    level_max TEXT NOT NULL REFERENCES position_level (code),
    status    TEXT NOT NULL CHECK (status IN ('vacant', 'frozen', 'filled')),
    UNIQUE (lao_id, number),
    UNIQUE (lao_id, id),
    FOREIGN KEY (lao_id, unit_id) REFERENCES org_unit (lao_id, id),
    FOREIGN KEY (line_code, type_code) REFERENCES position_line (code, type_code),
    FOREIGN KEY (type_code, level_min) REFERENCES position_level (type_code, code),
    FOREIGN KEY (type_code, level_max) REFERENCES position_level (type_code, code)
) STRICT;
CREATE INDEX position_lao_status ON position (lao_id, status);
CREATE INDEX position_unit ON position (unit_id);
CREATE INDEX position_line_code ON position (line_code);
