-- A login's refresh tokens form one session: a refresh passes the session on to the token it issues, so whether a
-- session is still on (not signed out, not revoked, its user not deleted) is one indexed lookup, from any instance.
-- Tokens issued before this version have none; their next refresh starts a session.
ALTER TABLE refresh_tokens ADD COLUMN session TEXT;
CREATE INDEX refresh_tokens_session_idx ON refresh_tokens (session) WHERE used_at IS NULL;
