-- What each worker found of its runtimes at start ({"python": {"version": "3.11.2", "path": "/usr/bin/python3"}, ...};
-- the runtimes column keeps their names) and the labels it advertises (ATTUNE_WORKER_LABELS).
ALTER TABLE workers ADD COLUMN runtime_details JSONB NOT NULL DEFAULT '{}';
ALTER TABLE workers ADD COLUMN labels JSONB NOT NULL DEFAULT '{}';
-- The labels a worker must have to run an action (worker_labels in its YAML); {} = any worker serving its runtime.
ALTER TABLE actions ADD COLUMN worker_labels JSONB NOT NULL DEFAULT '{}';
