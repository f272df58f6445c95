package io.attune.adapters.http.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which requests the audit trail records by name. */
class AuditActionsTest {

    @Test
    void changesAreNamedAndReadsAreNot() {
        assertThat(AuditActions.of("POST", "/api/v1/executions", false)).contains("execution.run");
        assertThat(AuditActions.of("POST", "/api/v1/executions/42/cancel", false)).contains("execution.cancel");
        assertThat(AuditActions.of("POST", "/api/v1/executions/42/rerun", false)).contains("execution.rerun");
        assertThat(AuditActions.of("POST", "/api/v1/executions/42/pause", false)).contains("execution.pause");
        assertThat(AuditActions.of("POST", "/api/v1/executions/42/resume", false)).contains("execution.resume");
        assertThat(AuditActions.of("GET", "/api/v1/executions/42/tasks", false)).isEmpty();
        assertThat(AuditActions.of("POST", "/api/v1/inquiries/7/respond", false)).contains("inquiry.respond");
        assertThat(AuditActions.of("GET", "/api/v1/inquiries/7", false)).isEmpty();
        assertThat(AuditActions.of("POST", "/api/v1/packs/install", false)).contains("pack.install");
        assertThat(AuditActions.of("POST", "/api/v1/packs/upload", false)).contains("pack.install");
        assertThat(AuditActions.of("DELETE", "/api/v1/packs/examples", false)).contains("pack.uninstall");
        assertThat(AuditActions.of("POST", "/api/v1/rules/", false)).contains("rule.create");
        assertThat(AuditActions.of("PUT", "/api/v1/rules/demo.on_alert", false)).contains("rule.update");
        assertThat(AuditActions.of("POST", "/api/v1/rules/demo.on_alert/disable", false)).contains("rule.disable");
        assertThat(AuditActions.of("PUT", "/api/v1/keys/token", false)).contains("key.write");
        assertThat(AuditActions.of("DELETE", "/api/v1/keys/token", false)).contains("key.delete");
        assertThat(AuditActions.of("GET", "/api/v1/keys/token", true)).contains("key.read_secret");
        assertThat(AuditActions.of("POST", "/api/v1/auth/login", false)).contains("auth.login");

        assertThat(AuditActions.of("GET", "/api/v1/keys/token", false)).isEmpty();
        assertThat(AuditActions.of("GET", "/api/v1/executions", false)).isEmpty();
        assertThat(AuditActions.of("POST", "/api/v1/rules/demo.on_alert/test", false)).isEmpty();
        assertThat(AuditActions.of("POST", "/api/v1/events", false)).isEmpty();
        assertThat(AuditActions.of("POST", "/api/v1/webhooks/deploys", false)).isEmpty();
    }
}
