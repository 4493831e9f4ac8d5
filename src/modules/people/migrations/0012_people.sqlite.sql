-- People: persons, their employment spells with a LAO, effective-dated appointments to positions, and
-- salary history. SQLite dialect. Dates are ISO 'YYYY-MM-DD' text checked to be real calendar dates;
-- money is integer satang.
--
-- An appointment belongs to one employment spell and repeats its person and LAO (composite foreign key),
-- so a row can never point at another person's spell or at a position of another LAO. The current
-- appointment is the one with effective_to NULL: at most one per spell and one holder per position,
-- acting appointments (รักษาราชการแทน) aside.

CREATE TABLE person (
    id              INTEGER PRIMARY KEY,
    national_id     TEXT NOT NULL UNIQUE
                    CHECK (length(national_id) = 13 AND national_id NOT GLOB '*[^0-9]*'),
    title_th        TEXT NOT NULL,
    first_name_th   TEXT NOT NULL COLLATE thai,
    last_name_th    TEXT NOT NULL COLLATE thai,
    first_name_en   TEXT,
    last_name_en    TEXT,
    gender          TEXT NOT NULL CHECK (gender IN ('male', 'female')),
    birth_date      TEXT NOT NULL CHECK (birth_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
                                         AND birth_date IS date(birth_date, '+0 days')),
    education_level TEXT NOT NULL CHECK (education_level IN ('below_secondary', 'secondary', 'vocational',
                                                             'diploma', 'bachelor', 'master', 'doctorate')),
    education_field TEXT
) STRICT;
CREATE INDEX person_name ON person (first_name_th, last_name_th);

CREATE TABLE employment (
    id         INTEGER PRIMARY KEY,
    person_id  INTEGER NOT NULL REFERENCES person (id),
    lao_id     INTEGER NOT NULL REFERENCES lao (id),
    category   TEXT NOT NULL CHECK (category IN ('civil_servant', 'permanent_employee', 'mission_contract',
                                                 'general_contract', 'teacher')),
    start_date TEXT NOT NULL CHECK (start_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
                                    AND start_date IS date(start_date, '+0 days')),
    end_date   TEXT CHECK (end_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
                           AND end_date IS date(end_date, '+0 days')),
    end_reason TEXT CHECK (end_reason IN ('retired', 'resigned', 'transferred', 'dismissed', 'died',
                                          'contract_ended')),
    UNIQUE (id, person_id, lao_id),
    CHECK (end_date IS NULL OR end_date >= start_date),
    CHECK ((end_date IS NULL) = (end_reason IS NULL))
) STRICT;
CREATE INDEX employment_person ON employment (person_id);
CREATE INDEX employment_lao ON employment (lao_id);

CREATE TABLE appointment (
    id             INTEGER PRIMARY KEY,
    person_id      INTEGER NOT NULL REFERENCES person (id),
    employment_id  INTEGER NOT NULL,
    lao_id         INTEGER NOT NULL REFERENCES lao (id),
    position_id    INTEGER,
    line_code      TEXT NOT NULL REFERENCES position_line (code),
    level_code     TEXT NOT NULL REFERENCES position_level (code),
    salary_satang  INTEGER NOT NULL CHECK (salary_satang >= 0),
    effective_from TEXT NOT NULL CHECK (effective_from GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
                                        AND effective_from IS date(effective_from, '+0 days')),
    effective_to   TEXT CHECK (effective_to GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
                               AND effective_to IS date(effective_to, '+0 days')),
    kind           TEXT NOT NULL CHECK (kind IN ('first', 'promotion', 'transfer', 'move', 'reclassification',
                                                 'acting')),
    order_ref      TEXT,
    CHECK (effective_to IS NULL OR effective_to >= effective_from),
    FOREIGN KEY (employment_id, person_id, lao_id) REFERENCES employment (id, person_id, lao_id),
    FOREIGN KEY (lao_id, position_id) REFERENCES position (lao_id, id)
) STRICT;
CREATE INDEX appointment_person ON appointment (person_id, effective_from);
CREATE INDEX appointment_position ON appointment (position_id);
CREATE INDEX appointment_employment ON appointment (employment_id);
CREATE INDEX appointment_lao ON appointment (lao_id);
CREATE UNIQUE INDEX appointment_current_per_employment ON appointment (employment_id)
    WHERE effective_to IS NULL AND kind <> 'acting';
CREATE UNIQUE INDEX appointment_current_per_position ON appointment (position_id)
    WHERE effective_to IS NULL AND kind <> 'acting' AND position_id IS NOT NULL;

CREATE TABLE salary_history (
    id             INTEGER PRIMARY KEY,
    person_id      INTEGER NOT NULL REFERENCES person (id),
    lao_id         INTEGER NOT NULL REFERENCES lao (id),
    effective_date TEXT NOT NULL CHECK (effective_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
                                        AND effective_date IS date(effective_date, '+0 days')),
    salary_satang  INTEGER NOT NULL CHECK (salary_satang >= 0),
    change_kind    TEXT NOT NULL CHECK (change_kind IN ('start', 'raise', 'promotion', 'adjustment')),
    raise_steps    TEXT CHECK (raise_steps IN ('0.5', '1', '1.5', '2')),
    raise_percent  REAL CHECK (raise_percent >= 0 AND raise_percent <= 100),
    order_ref      TEXT,
    CHECK (raise_steps IS NULL OR raise_percent IS NULL)
) STRICT;
CREATE INDEX salary_history_person ON salary_history (person_id, effective_date);
CREATE INDEX salary_history_lao ON salary_history (lao_id, effective_date);
