-- The runtime state of sensors, written by the instance that leads the 'sensors' duty (SensorSupervisor), and the
-- recent lines of each sensor that did not become events. Keyed by the sensor's ref, deliberately not a foreign key:
-- the supervisor forgets the state of a sensor that left the catalog, and a state write racing an uninstall must not
-- fail the supervisor's round.
CREATE TABLE sensor_states (
    sensor          TEXT COLLATE "C" PRIMARY KEY,
    status          TEXT        NOT NULL CHECK (status IN ('running', 'backoff', 'failed', 'stopped', 'disabled')),
    instance        TEXT,
    pid             BIGINT,
    started_at      timestamptz,
    restarts        INTEGER     NOT NULL DEFAULT 0 CHECK (restarts >= 0),
    last_exit_code  INTEGER,
    last_error      TEXT,
    events_emitted  BIGINT      NOT NULL DEFAULT 0 CHECK (events_emitted >= 0),
    errors          BIGINT      NOT NULL DEFAULT 0 CHECK (errors >= 0),
    updated_at      timestamptz NOT NULL
);

-- Malformed lines per sensor; SensorStateRepository.recordError keeps the newest N of each sensor.
CREATE TABLE sensor_errors (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sensor      TEXT COLLATE "C" NOT NULL,
    occurred_at timestamptz NOT NULL,
    line        TEXT        NOT NULL,
    reason      TEXT        NOT NULL
);
CREATE INDEX sensor_errors_sensor_idx ON sensor_errors (sensor, id DESC);
