package io.attune.bootstrap.retention;

import static io.attune.bootstrap.execution.ExecutionApiEndToEndTest.awaitTerminal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.attune.application.port.in.Retention;
import io.attune.bootstrap.support.Api;
import io.attune.bootstrap.support.TestApplication;
import io.attune.bootstrap.support.TestServices;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Retention on the whole platform: a sweep deletes the history past its age (executions run through the API and
 * backdated, settled events and enforcements, old audit entries and outbox leftovers) and nothing else: a running old
 * execution keeps its enforcement and event, recent rows stay, and the API shows the ages and the sweep to admins only.
 */
class RetentionEndToEndTest {

    @Test
    void aSweepDeletesOldHistoryAndKeepsWhatIsRecentOrStillReferencedByALiveExecution() throws SQLException {
        TestApplication app = TestApplication.shared();
        Api api = new Api(app.url());
        long oldRun = api.post("/api/v1/executions", Api.json(Map.of("action", "core.noop"))).json().path("id").asLong();
        long recentRun = api.post("/api/v1/executions", Api.json(Map.of("action", "core.noop"))).json().path("id").asLong();
        awaitTerminal(api, oldRun, Duration.ofSeconds(30));
        awaitTerminal(api, recentRun, Duration.ofSeconds(30));
        String tag = UUID.randomUUID().toString().substring(0, 8);

        long oldEvent;
        long oldEnforcement;
        long oldParent;
        long oldChild;
        long liveEvent;
        long liveEnforcement;
        long liveExecution;
        long recentEvent;
        long oldAudit;
        long keptAudit;
        long oldOutbox;
        long recentOutbox;
        try (Connection db = TestServices.get().connect()) {
            update(db, "UPDATE executions SET created_at = now() - interval '41 days', finished_at = now() - interval"
                    + " '40 days' WHERE id = ?", oldRun);
            oldEvent = id(db, "INSERT INTO events (trigger_ref, occurred_at, created_at, awaiting_rules)"
                    + " VALUES ('e2e_ret.t', now() - interval '40 days', now() - interval '40 days', false) RETURNING id");
            oldEnforcement = id(db, "INSERT INTO enforcements (rule_ref, event_id, status, created_at) VALUES"
                    + " ('e2e_ret.r', " + oldEvent + ", 'succeeded', now() - interval '40 days') RETURNING id");
            oldParent = id(db, "INSERT INTO executions (action_ref, status, enforcement_id, created_at, finished_at)"
                    + " VALUES ('e2e_ret.a', 'failed', " + oldEnforcement + ", now() - interval '40 days', now() -"
                    + " interval '39 days') RETURNING id");
            oldChild = id(db, "INSERT INTO executions (action_ref, status, parent_id, created_at, finished_at) VALUES"
                    + " ('e2e_ret.a', 'succeeded', " + oldParent + ", now() - interval '40 days', now() - interval"
                    + " '39 days') RETURNING id");
            liveEvent = id(db, "INSERT INTO events (trigger_ref, occurred_at, created_at, awaiting_rules)"
                    + " VALUES ('e2e_ret.t', now() - interval '50 days', now() - interval '50 days', false) RETURNING id");
            liveEnforcement = id(db, "INSERT INTO enforcements (rule_ref, event_id, status, created_at) VALUES"
                    + " ('e2e_ret.r', " + liveEvent + ", 'succeeded', now() - interval '50 days') RETURNING id");
            liveExecution = id(db, "INSERT INTO executions (action_ref, status, enforcement_id, created_at) VALUES"
                    + " ('e2e_ret.a', 'running', " + liveEnforcement + ", now() - interval '50 days') RETURNING id");
            recentEvent = id(db, "INSERT INTO events (trigger_ref, occurred_at, awaiting_rules) VALUES ('e2e_ret.t', now(),"
                    + " false) RETURNING id");
            oldAudit = id(db, "INSERT INTO audit_entries (at, actor, action, outcome) VALUES (now() - interval"
                    + " '100 days', 'e2e', 'e2e.retention', 'succeeded') RETURNING id");
            keptAudit = id(db, "INSERT INTO audit_entries (at, actor, action, outcome) VALUES (now() - interval"
                    + " '60 days', 'e2e', 'e2e.retention', 'succeeded') RETURNING id");
            // due far ahead, so the relay leaves them alone and only retention can remove them
            oldOutbox = id(db, "INSERT INTO outbox (message_id, routing_key, type, payload, created_at,"
                    + " next_attempt_at) VALUES ('e2e-ret-old-" + tag + "', 'nowhere', 'e2e.retention', '{}', now() -"
                    + " interval '40 days', now() + interval '1 day') RETURNING id");
            recentOutbox = id(db, "INSERT INTO outbox (message_id, routing_key, type, payload, next_attempt_at)"
                    + " VALUES ('e2e-ret-new-" + tag + "', 'nowhere', 'e2e.retention', '{}', now() + interval '1 day')"
                    + " RETURNING id");
        }

        Retention.Sweep sweep = app.context().getBean(Retention.class).sweep().orElseThrow();

        try (Connection db = TestServices.get().connect()) {
            assertThat(exists(db, "executions", oldRun)).as("old execution run through the API").isFalse();
            assertThat(exists(db, "executions", oldChild)).as("old child").isFalse();
            assertThat(exists(db, "executions", oldParent)).as("old parent").isFalse();
            assertThat(exists(db, "enforcements", oldEnforcement)).as("old settled enforcement").isFalse();
            assertThat(exists(db, "events", oldEvent)).as("old event").isFalse();
            assertThat(exists(db, "audit_entries", oldAudit)).as("audit entry of 100 days").isFalse();
            assertThat(exists(db, "outbox", oldOutbox)).as("outbox leftover").isFalse();

            assertThat(exists(db, "executions", recentRun)).as("recent execution").isTrue();
            assertThat(exists(db, "executions", liveExecution)).as("running old execution").isTrue();
            assertThat(exists(db, "enforcements", liveEnforcement)).as("its enforcement").isTrue();
            assertThat(exists(db, "events", liveEvent)).as("its event").isTrue();
            assertThat(exists(db, "events", recentEvent)).as("recent event").isTrue();
            assertThat(exists(db, "audit_entries", keptAudit)).as("audit entry of 60 days").isTrue();
            assertThat(exists(db, "outbox", recentOutbox)).as("recent outbox message").isTrue();
            update(db, "DELETE FROM outbox WHERE id = ?", recentOutbox);
            update(db, "UPDATE executions SET status = 'canceled', finished_at = now() WHERE id = ?", liveExecution);
        }
        assertThat(sweep.executions()).isGreaterThanOrEqualTo(3);
        assertThat(sweep.enforcements()).isGreaterThanOrEqualTo(1);
        assertThat(sweep.events()).isGreaterThanOrEqualTo(1);
        assertThat(sweep.audit()).isGreaterThanOrEqualTo(1);
        assertThat(sweep.outbox()).isGreaterThanOrEqualTo(1);

        Api.Response shown = api.get("/api/v1/retention");
        assertThat(shown.status()).as(shown.body()).isEqualTo(200);
        JsonNode json = shown.json();
        assertThat(json.path("events").asText()).isEqualTo("PT720H");
        assertThat(json.path("executions").asText()).isEqualTo("PT720H");
        assertThat(json.path("audit").asText()).isEqualTo("PT2160H");
        JsonNode last = json.path("lastSweep");
        // this sweep, or a scheduled one after it
        assertThat(Instant.parse(last.path("at").asText())).isAfterOrEqualTo(sweep.at().truncatedTo(ChronoUnit.MILLIS));
        assertThat(last.path("outbox").isNumber()).isTrue();

        String viewer = "ret-viewer-" + tag;
        assertThat(api.post("/api/v1/users", Api.json(Map.of("username", viewer, "password", "e2e-user-password",
                "role", "viewer"))).status()).isEqualTo(201);
        assertThat(api.as(viewer, "e2e-user-password").get("/api/v1/retention").status()).isEqualTo(403);
    }

    private static long id(Connection db, String sql) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(sql); ResultSet row = s.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private static void update(Connection db, String sql, long id) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(sql)) {
            s.setLong(1, id);
            s.executeUpdate();
        }
    }

    private static boolean exists(Connection db, String table, long id) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("SELECT 1 FROM " + table + " WHERE id = ?")) {
            s.setLong(1, id);
            try (ResultSet row = s.executeQuery()) {
                return row.next();
            }
        }
    }

    @Test
    void agesComeFromTheConfigurationOffKeepsAKindForEverAndAnAgeUnderAnHourStopsStartup() {
        TestApplication custom = TestApplication.start(Map.of("attune.roles", "api",
                "attune.retention.events", "off", "attune.retention.executions", "12h"));
        try {
            JsonNode json = new Api(custom.url()).get("/api/v1/retention").json();
            assertThat(json.path("events").isNull()).as(json.toString()).isTrue();
            assertThat(json.path("executions").asText()).isEqualTo("PT12H");
            assertThat(json.path("audit").asText()).isEqualTo("PT2160H");
            assertThat(json.path("lastSweep").isNull()).isTrue();
        } finally {
            custom.stop();
        }

        assertThatThrownBy(() -> TestApplication.start(Map.of("attune.roles", "api", "attune.retention.audit", "30m")))
                .hasStackTraceContaining("ATTUNE_RETENTION_AUDIT").hasStackTraceContaining("at least one hour");
    }
}
