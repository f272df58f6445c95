-- The installed catalog: packs and their components, runtimes, and the key datastore.
--
-- Conventions for every migration of Attune:
--   * surrogate keys are BIGINT GENERATED ALWAYS AS IDENTITY; components are addressed by their unique ref;
--   * refs, pack names, scopes and key names are TEXT COLLATE "C", so ordering and uniqueness are by code point
--     (the same order as Java's String.compareTo for these ASCII identifiers), whatever the database's locale;
--   * JSON-shaped values are JSONB (object key order is not kept), times are timestamptz;
--   * closed sets of codes are guarded by CHECK constraints: a new code needs a migration.

CREATE TABLE packs (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ref         TEXT COLLATE "C" NOT NULL UNIQUE CHECK (ref ~ '^[a-z][a-z0-9_]{0,63}$'),
    label       TEXT        NOT NULL,
    version     TEXT        NOT NULL,
    description TEXT        NOT NULL DEFAULT '',
    path        TEXT,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- The subprocess runtimes workers can offer; config holds per-runtime settings (interpreter path, env, ...).
CREATE TABLE runtimes (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        TEXT COLLATE "C" NOT NULL UNIQUE,
    description TEXT        NOT NULL DEFAULT '',
    config      JSONB,
    enabled     BOOLEAN     NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

INSERT INTO runtimes (name, description) VALUES
    ('shell',  'a shell command or script run by /bin/sh'),
    ('python', 'a Python 3 script'),
    ('node',   'a Node.js script');

CREATE TABLE actions (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ref             TEXT COLLATE "C" NOT NULL UNIQUE,
    pack            TEXT COLLATE "C" NOT NULL REFERENCES packs (ref) ON DELETE CASCADE,
    description     TEXT        NOT NULL DEFAULT '',
    runner          TEXT        NOT NULL
                    CHECK (runner IN ('internal', 'shell', 'python', 'node', 'http', 'workflow')),
    entry_point     TEXT,
    parameters      JSONB       NOT NULL DEFAULT '{}',
    output_format   TEXT        NOT NULL DEFAULT 'text' CHECK (output_format IN ('text', 'json')),
    timeout_seconds INTEGER     CHECK (timeout_seconds > 0),
    enabled         BOOLEAN     NOT NULL DEFAULT true,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CHECK (starts_with(ref, pack || '.'))
);
CREATE INDEX actions_pack_idx ON actions (pack);
CREATE INDEX actions_runner_idx ON actions (runner);
CREATE INDEX actions_enabled_idx ON actions (enabled);

CREATE TABLE triggers (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ref               TEXT COLLATE "C" NOT NULL UNIQUE,
    pack              TEXT COLLATE "C" NOT NULL REFERENCES packs (ref) ON DELETE CASCADE,
    description       TEXT        NOT NULL DEFAULT '',
    payload_schema    JSONB       NOT NULL DEFAULT '{}',
    parameters_schema JSONB       NOT NULL DEFAULT '{}',
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    CHECK (starts_with(ref, pack || '.'))
);
CREATE INDEX triggers_pack_idx ON triggers (pack);

CREATE TABLE sensors (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ref         TEXT COLLATE "C" NOT NULL UNIQUE,
    pack        TEXT COLLATE "C" NOT NULL REFERENCES packs (ref) ON DELETE CASCADE,
    description TEXT        NOT NULL DEFAULT '',
    runner      TEXT        NOT NULL CHECK (runner IN ('shell', 'python', 'node')),
    entry_point TEXT        NOT NULL,
    -- trigger refs, in the order the pack lists them
    triggers    TEXT[]      NOT NULL DEFAULT '{}',
    config      JSONB       NOT NULL DEFAULT '{}',
    enabled     BOOLEAN     NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CHECK (starts_with(ref, pack || '.'))
);
CREATE INDEX sensors_pack_idx ON sensors (pack);
CREATE INDEX sensors_runner_idx ON sensors (runner);
CREATE INDEX sensors_enabled_idx ON sensors (enabled);
CREATE INDEX sensors_triggers_idx ON sensors USING gin (triggers);

-- Rules come from a pack's files (origin 'pack', replaced on reinstall) or from the API (origin 'api', kept on
-- reinstall). pack is the first part of the ref and deliberately not a foreign key: an API rule may name a pack
-- that is not installed. Removing a pack removes its rules explicitly (PostgresPackRepository.delete).
-- trigger_ref and action_ref are not foreign keys either: a rule may outlive, or precede, what it names.
CREATE TABLE rules (
    id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ref                TEXT COLLATE "C" NOT NULL UNIQUE,
    pack               TEXT COLLATE "C" NOT NULL,
    description        TEXT        NOT NULL DEFAULT '',
    trigger_ref        TEXT COLLATE "C" NOT NULL,
    trigger_parameters JSONB       NOT NULL DEFAULT '{}',
    criteria           JSONB       NOT NULL DEFAULT '{}',
    action_ref         TEXT COLLATE "C" NOT NULL,
    action_parameters  JSONB       NOT NULL DEFAULT '{}',
    enabled            BOOLEAN     NOT NULL DEFAULT true,
    origin             TEXT        NOT NULL CHECK (origin IN ('pack', 'api')),
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    CHECK (starts_with(ref, pack || '.'))
);
CREATE INDEX rules_pack_idx ON rules (pack);
CREATE INDEX rules_trigger_ref_idx ON rules (trigger_ref);
CREATE INDEX rules_action_ref_idx ON rules (action_ref);
CREATE INDEX rules_enabled_idx ON rules (enabled);
-- what the rules consumer asks for every event
CREATE INDEX rules_enabled_by_trigger_idx ON rules (trigger_ref) WHERE enabled;

-- target is the action ref (target_kind 'action'), the pack name ('pack'), or NULL ('global').
-- concurrency: {"limit": n, "behavior": "delay"|"cancel", "attributes": [..]};
-- rate_limit: {"max": n, "window_seconds": s, "behavior": "delay"|"reject"}.
CREATE TABLE policies (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ref         TEXT COLLATE "C" NOT NULL UNIQUE,
    pack        TEXT COLLATE "C" NOT NULL REFERENCES packs (ref) ON DELETE CASCADE,
    description TEXT        NOT NULL DEFAULT '',
    target_kind TEXT        NOT NULL CHECK (target_kind IN ('action', 'pack', 'global')),
    target      TEXT COLLATE "C",
    concurrency JSONB,
    rate_limit  JSONB,
    enabled     BOOLEAN     NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CHECK ((target_kind = 'global') = (target IS NULL)),
    CHECK (concurrency IS NOT NULL OR rate_limit IS NOT NULL),
    CHECK (starts_with(ref, pack || '.'))
);
CREATE INDEX policies_pack_idx ON policies (pack);
CREATE INDEX policies_target_idx ON policies (target_kind, target);
CREATE INDEX policies_enabled_idx ON policies (enabled);

-- The key datastore. scope is 'system' or 'pack:<name>'; value is stored as the service hands it over
-- (ciphertext for secrets). Expired keys stay until removed; readers compare expires_at with their clock.
CREATE TABLE keys (
    scope      TEXT COLLATE "C" NOT NULL CHECK (scope = 'system' OR scope ~ '^pack:[a-z][a-z0-9_]{0,63}$'),
    name       TEXT COLLATE "C" NOT NULL,
    value      TEXT        NOT NULL,
    secret     BOOLEAN     NOT NULL DEFAULT false,
    expires_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, name)
);
CREATE INDEX keys_name_idx ON keys (name);
CREATE INDEX keys_expires_at_idx ON keys (expires_at) WHERE expires_at IS NOT NULL;
