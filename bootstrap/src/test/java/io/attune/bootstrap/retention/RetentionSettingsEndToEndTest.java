package io.attune.bootstrap.retention;

import static io.attune.bootstrap.execution.ExecutionApiEndToEndTest.awaitTerminal;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.attune.application.port.in.Retention;
import io.attune.bootstrap.support.Api;
import io.attune.bootstrap.support.TestApplication;
import io.attune.bootstrap.support.TestServices;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code PUT /api/v1/retention} end to end: a bad age is a 422 naming the field and changes nothing; ages set by an
 * admin are stored, shown by every instance over their configuration, used by the next sweep (which deletes an ended
 * execution with its answered inquiry, and events past the new age, and keeps what is younger) and audited; others
 * cannot set them.
 */
class RetentionSettingsEndToEndTest {

    @Test
    void agesSetThroughTheApiAreStoredForEveryInstanceUsedByTheSweepAndAudited() throws Exception {
        TestApplication app = TestApplication.shared();
        Api api = new Api(app.url());
        TestApplication other = TestApplication.start(Map.of("attune.roles", "api", "attune.retention.events", "90d"));
        try {
            Api.Response tooShort = api.put("/api/v1/retention", Api.json(Map.of("events", "30m", "audit", "2d")));
            assertThat(tooShort.status()).as(tooShort.body()).isEqualTo(422);
            assertThat(tooShort.contentType()).startsWith("application/problem+json");
            assertThat(tooShort.json().path("errors").get(0).path("field").asText()).isEqualTo("events");
            assertThat(tooShort.json().path("errors").get(0).path("message").asText()).contains("at least one hour");
            Api.Response unknown = api.put("/api/v1/retention", Api.json(Map.of("eventz", "2d")));
            assertThat(unknown.status()).as(unknown.body()).isEqualTo(400); // an unknown field, as everywhere
            assertThat(unknown.json().path("errors").get(0).path("field").asText()).isEqualTo("eventz");
            Api.Response unreadable = api.put("/api/v1/retention", Api.json(Map.of("audit", "soon")));
            assertThat(unreadable.status()).isEqualTo(422);
            JsonNode unchanged = api.get("/api/v1/retention").json();
            assertThat(unchanged.path("source").asText()).isEqualTo("configuration");
            assertThat(unchanged.path("audit").asText()).as("nothing stored by a refused request").isEqualTo("PT2160H");

            String viewer = "ret-put-" + UUID.randomUUID().toString().substring(0, 8);
            assertThat(api.post("/api/v1/users", Api.json(Map.of("username", viewer, "password", "e2e-user-password",
                    "role", "operator"))).status()).isEqualTo(201);
            assertThat(api.as(viewer, "e2e-user-password").put("/api/v1/retention", Api.json(Map.of("events", "2d")))
                    .status()).isEqualTo(403);

            Api.Response set = api.put("/api/v1/retention", Api.json(Map.of("events", "2d", "executions", "3d",
                    "audit", "off")));
            assertThat(set.status()).as(set.body()).isEqualTo(200);
            assertThat(set.json().path("events").asText()).isEqualTo("PT48H");
            assertThat(set.json().path("executions").asText()).isEqualTo("PT72H");
            assertThat(set.json().path("audit").isNull()).isTrue();
            assertThat(set.json().path("source").asText()).isEqualTo("api");
            assertThat(set.json().path("updated_by").asText()).isEqualTo("admin");
            JsonNode elsewhere = new Api(other.url()).get("/api/v1/retention").json();
            assertThat(elsewhere.path("events").asText()).as("another instance, configured with 90d").isEqualTo("PT48H");
            assertThat(elsewhere.path("source").asText()).isEqualTo("api");

            long run = api.post("/api/v1/executions", Api.json(Map.of("action", "core.noop"))).json().path("id")
                    .asLong();
            awaitTerminal(api, run, Duration.ofSeconds(30));
            long oldEvent;
            long youngEvent;
            long inquiry;
            long deadLetter;
            try (Connection db = TestServices.get().connect()) {
                oldEvent = id(db, "INSERT INTO events (trigger_ref, occurred_at, created_at, awaiting_rules) VALUES"
                        + " ('e2e_retput.t', now(), now() - interval '3 days', false) RETURNING id");
                youngEvent = id(db, "INSERT INTO events (trigger_ref, occurred_at, created_at, awaiting_rules) VALUES"
                        + " ('e2e_retput.t', now(), now() - interval '1 day', false) RETURNING id");
                update(db, "UPDATE executions SET finished_at = now() - interval '4 days' WHERE id = " + run);
                inquiry = id(db, "INSERT INTO inquiries (execution_id, status, schema, ttl_minutes, response,"
                        + " responded_by, responded_at, created_at) VALUES (" + run + ", 'responded', '{}', 0, '{}',"
                        + " 'admin', now() - interval '4 days', now() - interval '4 days') RETURNING id");
                deadLetter = id(db, "INSERT INTO dead_letters (delivery_key, queue, error, attempts, body, failed_at,"
                        + " created_at) VALUES (gen_random_uuid()::text, 'q', 'e', 1, '\\x00', now() - interval"
                        + " '5 days', now() - interval '5 days') RETURNING id");
            }

            Retention.Sweep sweep = app.context().getBean(Retention.class).sweep().orElseThrow();

            assertThat(sweep.events()).isGreaterThanOrEqualTo(1);
            try (Connection db = TestServices.get().connect()) {
                assertThat(exists(db, "events", oldEvent)).as("an event past the age set through the API").isFalse();
                assertThat(exists(db, "events", youngEvent)).as("a younger event").isTrue();
                assertThat(exists(db, "executions", run)).as("an execution that ended 4 days ago").isFalse();
                assertThat(exists(db, "inquiries", inquiry)).as("its answered inquiry").isFalse();
                assertThat(exists(db, "dead_letters", deadLetter)).as("a dead letter older than 3 days").isFalse();
            }

            Instant deadline = Instant.now().plusSeconds(10);
            JsonNode audit = api.get("/api/v1/audit?action=retention.update&limit=20").json();
            while (audit.path("items").size() < 2 && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
                audit = api.get("/api/v1/audit?action=retention.update&limit=20").json();
            }
            assertThat(audit.path("items").findValuesAsText("outcome")).contains("succeeded", "failed");
            assertThat(audit.path("items").findValuesAsText("actor")).contains("admin");
        } finally {
            other.stop();
            try (Connection db = TestServices.get().connect(); Statement s = db.createStatement()) {
                s.execute("DELETE FROM retention_settings"); // back to the configuration for the other tests
            }
        }
    }

    private static long id(Connection db, String sql) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(sql); ResultSet row = s.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private static void update(Connection db, String sql) throws SQLException {
        try (Statement s = db.createStatement()) {
            s.executeUpdate(sql);
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
}
