package io.attune.adapters.http;

import static io.attune.adapters.http.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.attune.adapters.http.fake.FakeAudit;
import io.attune.adapters.http.fake.FakeCatalog;
import io.attune.adapters.http.fake.FakeRules;
import io.attune.domain.audit.AuditEntry;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The audit filter records changes and denials with their outcome, never bodies; the list endpoint shows them. */
@MicronautTest
class AuditApiTest {

    @Inject
    EmbeddedServer server;

    @Inject
    FakeAudit audit;

    @Inject
    FakeCatalog catalog;

    @Inject
    FakeRules rules;

    Http http;

    @BeforeEach
    void setUp() {
        audit.recorded().clear();
        catalog.reset();
        rules.reset();
        http = new Http(server.getURL());
    }

    @Test
    void aChangeIsRecordedWithItsOutcomeAndAReadIsNot() {
        http.get("/api/v1/rules");
        http.post("/api/v1/rules/demo.on_alert/disable", "{}");
        http.post("/api/v1/rules/demo.ghost/disable", "{}");

        assertThat(audit.recorded()).extracting(AuditEntry::action, AuditEntry::target, AuditEntry::outcome, AuditEntry::actor)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("rule.disable", "/api/v1/rules/demo.on_alert/disable",
                                AuditEntry.Outcome.SUCCEEDED, "anonymous"),
                        org.assertj.core.groups.Tuple.tuple("rule.disable", "/api/v1/rules/demo.ghost/disable",
                                AuditEntry.Outcome.FAILED, "anonymous"));
        assertThat(audit.recorded().get(1).details()).containsEntry("status", 404).containsEntry("method", "POST")
                .containsKey("address");
    }

    @Test
    void theTrailIsListedAndBadFiltersAreProblems() {
        http.post("/api/v1/rules/demo.on_alert/enable", "{}");

        assertThat(http.get("/api/v1/audit?action=rule.enable&outcome=succeeded").json().path("items").get(0)
                .path("target").asText()).isEqualTo("/api/v1/rules/demo.on_alert/enable");
        assertProblem(http.get("/api/v1/audit?outcome=maybe"), 400, "invalid-parameter");
    }
}
