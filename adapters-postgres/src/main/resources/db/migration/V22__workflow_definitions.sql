-- The Orquesta YAML of each workflow action, written with its pack: replaced when the pack is installed again,
-- removed with its action (ON DELETE CASCADE, so uninstalling the pack removes it too). Keyed by the action's id,
-- the key every table uses for its rows; lookups by ref go through actions' unique ref.
CREATE TABLE workflow_definitions (
    action_id  BIGINT      PRIMARY KEY REFERENCES actions (id) ON DELETE CASCADE,
    file       TEXT        NOT NULL,
    source     TEXT        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
