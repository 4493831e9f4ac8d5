-- Geography of Thailand (DOPA codes): regions, provinces, districts, sub-districts. SQLite dialect.
-- Loaded by the geo module's seed from data/geo/*.csv. Codes are the Department of Provincial
-- Administration's: a district code starts with its province code, a sub-district code with its
-- district code, and CHECK constraints hold that.

CREATE TABLE region (
    id      INTEGER PRIMARY KEY,
    name_th TEXT NOT NULL COLLATE thai UNIQUE,
    name_en TEXT NOT NULL
) STRICT;

CREATE TABLE province (
    code      TEXT PRIMARY KEY CHECK (length(code) = 2 AND code GLOB '[0-9][0-9]'),
    name_th   TEXT NOT NULL COLLATE thai UNIQUE,
    name_en   TEXT NOT NULL,
    region_id INTEGER NOT NULL REFERENCES region (id)
) STRICT;
CREATE INDEX province_region ON province (region_id);

CREATE TABLE district (
    code          TEXT PRIMARY KEY CHECK (length(code) = 4 AND code GLOB '[0-9][0-9][0-9][0-9]'),
    province_code TEXT NOT NULL REFERENCES province (code),
    name_th       TEXT NOT NULL COLLATE thai,
    name_en       TEXT NOT NULL,
    CHECK (substr(code, 1, 2) = province_code)
) STRICT;
CREATE INDEX district_province ON district (province_code);

CREATE TABLE subdistrict (
    code          TEXT PRIMARY KEY CHECK (length(code) = 6 AND code GLOB '[0-9][0-9][0-9][0-9][0-9][0-9]'),
    district_code TEXT NOT NULL REFERENCES district (code),
    name_th       TEXT NOT NULL COLLATE thai,
    name_en       TEXT NOT NULL,
    postcode      TEXT NOT NULL CHECK (length(postcode) = 5 AND postcode GLOB '[0-9][0-9][0-9][0-9][0-9]'),
    CHECK (substr(code, 1, 4) = district_code)
) STRICT;
CREATE INDEX subdistrict_district ON subdistrict (district_code);
CREATE INDEX subdistrict_postcode ON subdistrict (postcode);
