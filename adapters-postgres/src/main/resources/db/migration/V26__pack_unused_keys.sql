-- The keys of a pack's files that its install read past without using (unknown, or StackStorm-only and ignored), so
-- the pack's API view keeps saying so after the install: a JSON array of {"file", "key", "message"}.
ALTER TABLE packs ADD COLUMN warnings JSONB NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(warnings) = 'array');
