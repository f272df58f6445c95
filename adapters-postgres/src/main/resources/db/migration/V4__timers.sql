-- The firing state of each timer rule (core.intervaltimer, core.crontimer, core.datetimer), written by the timers'
-- leader only. fingerprint: the timer spec the state was planned for (a changed rule is re-planned); next_fire_at
-- NULL: the timer never fires again (a date timer that fired, or whose date had passed). Rows of removed or disabled
-- rules are deleted by the leader, hence no foreign key to rules (a pack reinstall replaces its rules).
CREATE TABLE timer_states (
    rule_ref      TEXT COLLATE "C" PRIMARY KEY,
    fingerprint   TEXT        NOT NULL,
    next_fire_at  timestamptz,
    last_fired_at timestamptz,
    updated_at    timestamptz NOT NULL DEFAULT now()
);
