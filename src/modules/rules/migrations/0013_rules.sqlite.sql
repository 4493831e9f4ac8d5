-- Rule sets: rules as data. A rule set of some kind (retirement, salary_ranges, raise_regime, ...) is
-- issued by a committee for a scope ('nation', 'lao_type:<code>', 'province:<code>' or 'lao:<id>') and
-- applies from effective_from until a newer one of the same kind and scope. The body is JSON whose
-- shape depends on the kind (docs/DATA-MODEL.md). SQLite dialect.

CREATE TABLE rule_set (
    id             INTEGER PRIMARY KEY,
    kind           TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 64 AND kind NOT GLOB '*[^a-z0-9_]*'),
    issuer         TEXT NOT NULL,
    scope          TEXT NOT NULL CHECK (scope = 'nation'
                                        OR (scope GLOB 'lao_type:?*'
                                            AND substr(scope, 10) NOT GLOB '*[^a-z_]*')
                                        OR (length(scope) = 11 AND scope GLOB 'province:[0-9][0-9]')
                                        OR (scope GLOB 'lao:[1-9]*' AND substr(scope, 5) NOT GLOB '*[^0-9]*'
                                            AND length(scope) <= 23)),
    effective_from TEXT NOT NULL CHECK (effective_from GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
                                        AND effective_from IS date(effective_from, '+0 days')),
    body           TEXT NOT NULL CHECK (json_valid(body) AND json_type(body) = 'object'),
    source         TEXT NOT NULL,
    confidence     TEXT NOT NULL DEFAULT 'I' CHECK (confidence IN ('S', 'I', '?')),
    note           TEXT,
    UNIQUE (kind, scope, effective_from)
) STRICT;
