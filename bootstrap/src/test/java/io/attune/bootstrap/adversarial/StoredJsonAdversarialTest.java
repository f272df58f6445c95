package io.attune.bootstrap.adversarial;

import static io.attune.bootstrap.adversarial.IntakeTesting.nested;
import static org.assertj.core.api.Assertions.assertThat;

import io.attune.bootstrap.support.Api;
import io.attune.bootstrap.support.TestApplication;
import io.attune.bootstrap.support.TestServices;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * JSON already stored nested deeper than any response can carry (written before intake had a limit, or by another
 * writer) is shown cut at a fixed depth with a marker: every read path answers 200, never a 500.
 */
@Tag("adversarial")
class StoredJsonAdversarialTest {

    private static final String MARKER = "nested deeper than";

    @Test
    void deeplyNestedStoredJsonIsShownTruncatedOnEveryReadPath() throws SQLException {
        Api api = new Api(TestApplication.shared().url());
        long event;
        long enforcement;
        long execution;
        try (Connection db = TestServices.get().connect()) {
            event = insert(db, "INSERT INTO events (trigger_ref, payload, source, occurred_at, awaiting_rules)"
                    + " VALUES ('adv_stored.deep', ?::jsonb, 'api', now(), false) RETURNING id", nested(999));
            enforcement = insert(db, "INSERT INTO enforcements (rule_ref, event_id, status, rendered_parameters)"
                    + " VALUES ('adv_stored.rule', " + event + ", 'succeeded', ?::jsonb) RETURNING id", nested(3000));
            execution = insert(db, "INSERT INTO executions (action_ref, status, parameters, result, enforcement_id,"
                    + " finished_at) VALUES ('adv_stored.act', 'succeeded', ?::jsonb, ?::jsonb, " + enforcement
                    + ", now()) RETURNING id", nested(1500), "[" + nested(999) + "]");
            try (PreparedStatement link = db.prepareStatement("UPDATE enforcements SET execution_id = ? WHERE id = ?")) {
                link.setLong(1, execution);
                link.setLong(2, enforcement);
                link.executeUpdate();
            }
        }

        for (String path : List.of("/api/v1/events/" + event, "/api/v1/events?trigger=adv_stored.deep", "/api/v1/events",
                "/api/v1/events/" + event + "/trace", "/api/v1/enforcements/" + enforcement,
                "/api/v1/enforcements?rule=adv_stored.rule", "/api/v1/enforcements",
                "/api/v1/executions/" + execution, "/api/v1/executions?action=adv_stored.act", "/api/v1/executions")) {
            Api.Response response = api.get(path);
            assertThat(response.status()).as(path + " → " + response.body()).isEqualTo(200);
            assertThat(response.body()).as(path).contains(MARKER);
        }
        Api.Response shown = api.get("/api/v1/executions/" + execution);
        assertThat(shown.json().path("result").isArray()).isTrue();
        assertThat(shown.json().path("parameters").path("a").path("a").isObject()).isTrue();
    }

    private static long insert(Connection db, String sql, String... json) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement(sql)) {
            for (int i = 0; i < json.length; i++) {
                insert.setString(i + 1, json[i]);
            }
            try (ResultSet key = insert.executeQuery()) {
                key.next();
                return key.getLong(1);
            }
        }
    }
}
