-- Users, API keys and refresh tokens. Passwords are bcrypt hashes; API keys and refresh tokens, being long random
-- strings, are kept as their SHA-256 (hex). Nothing here can be turned back into a credential.
CREATE TABLE users (
    username      TEXT        PRIMARY KEY,
    password_hash TEXT        NOT NULL,
    role          TEXT        NOT NULL CHECK (role IN ('admin', 'operator', 'viewer')),
    created_at    timestamptz NOT NULL
);

CREATE TABLE api_keys (
    prefix     TEXT        PRIMARY KEY,
    name       TEXT        NOT NULL,
    hash       TEXT        NOT NULL,
    role       TEXT        NOT NULL CHECK (role IN ('admin', 'operator', 'viewer')),
    owner      TEXT        NOT NULL,
    created_at timestamptz NOT NULL,
    revoked_at timestamptz
);

CREATE TABLE refresh_tokens (
    hash       TEXT        PRIMARY KEY,
    username   TEXT        NOT NULL REFERENCES users (username) ON DELETE CASCADE,
    expires_at timestamptz NOT NULL,
    used_at    timestamptz
);
CREATE INDEX refresh_tokens_username_idx ON refresh_tokens (username);
