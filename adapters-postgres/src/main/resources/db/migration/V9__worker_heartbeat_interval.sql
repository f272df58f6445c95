-- Each worker states how often it heartbeats: an executor judges it lost after a number of its own intervals, so
-- executors need not be configured with the heartbeat of every worker.
ALTER TABLE workers ADD COLUMN heartbeat_interval_ms BIGINT NOT NULL DEFAULT 10000 CHECK (heartbeat_interval_ms > 0);
