package io.attune.bootstrap.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.attune.bootstrap.support.Api;
import io.attune.bootstrap.support.TestApplication;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The workflow, inquiry and rule pages over plain HTTP: role refusals (a viewer sees no button and its forced post is
 * refused; an inquiry for other users is refused), CSRF, the server's 422 field errors next to their fields, the
 * designer's validation errors against the lines of the YAML, simulation, the rule tester, and the security headers.
 */
class ConsolePagesEndToEndTest {

    private static final String PASSWORD = "console-pages-password";
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    private static final String VIEWER = "viewer-p" + SUFFIX;
    private static final String OPERATOR = "operator-p" + SUFFIX;
    private static String url;
    private static Api admin;

    @BeforeAll
    static void users() {
        url = TestApplication.shared().url();
        admin = new Api(url);
        ConsoleFixtures.user(admin, VIEWER, "viewer", PASSWORD);
        ConsoleFixtures.user(admin, OPERATOR, "operator", PASSWORD);
    }

    @Test
    void aViewerSeesNoRuleButtonsAndItsForcedPostsAreRefused() {
        String ref = ConsoleFixtures.rule(admin, "console_viewer_" + SUFFIX, Map.of(), "hi");
        ConsoleClient viewer = ConsoleClient.signedIn(url, VIEWER, PASSWORD);
        HttpResponse<String> page = viewer.get("/rules/" + ref);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"action-parameters\"").doesNotContain("id=\"disable-").doesNotContain("id=\"test\"");
        assertThat(viewer.get("/rules").body()).contains("id=\"rule-" + ref + "\"").doesNotContain("id=\"disable-");
        String token = ConsoleClient.csrfToken(page.body());

        assertThat(viewer.post("/rules/" + ref + "/disable", Map.of("_csrf", token), null).statusCode()).isEqualTo(403);
        assertThat(viewer.post("/rules/" + ref + "/test", Map.of("_csrf", token, "payload", "{}"), null).statusCode())
                .isEqualTo(403);
        assertThat(admin.get("/api/v1/rules/" + ref).json().path("enabled").asBoolean()).isTrue();
    }

    @Test
    void disablingARuleNeedsTheSessionsCsrfToken() {
        String ref = ConsoleFixtures.rule(admin, "console_csrf_" + SUFFIX, Map.of(), "hi");
        ConsoleClient operator = ConsoleClient.signedIn(url, OPERATOR, PASSWORD);
        String token = ConsoleClient.csrfToken(operator.get("/rules/" + ref).body());

        assertThat(operator.post("/rules/" + ref + "/disable", Map.of(), null).statusCode()).isEqualTo(403);
        assertThat(operator.post("/rules/" + ref + "/disable", Map.of("_csrf", token), "http://evil.example")
                .statusCode()).isEqualTo(403);
        assertThat(admin.get("/api/v1/rules/" + ref).json().path("enabled").asBoolean()).isTrue();

        HttpResponse<String> disabled = operator.post("/rules/" + ref + "/disable", Map.of("_csrf", token), null);
        assertThat(disabled.statusCode()).isEqualTo(303);
        assertThat(disabled.headers().firstValue("Location")).hasValue("/rules/" + ref);
        assertThat(admin.get("/api/v1/rules/" + ref).json().path("enabled").asBoolean()).isFalse();
        assertThat(operator.get("/rules/" + ref).body()).contains("id=\"enable-" + ref + "\"");
    }

    @Test
    void theRuleTesterSaysWhichCriterionFailedAndRefusesAPayloadThatIsNotJson() {
        String ref = ConsoleFixtures.rule(admin, "console_test_" + SUFFIX,
                Map.of("trigger.body.level", Map.of("type", "eq", "pattern", "high")), "level {{ trigger.body.level }}");
        ConsoleClient operator = ConsoleClient.signedIn(url, OPERATOR, PASSWORD);
        String token = ConsoleClient.csrfToken(operator.get("/rules/" + ref).body());

        HttpResponse<String> broken = operator.post("/rules/" + ref + "/test", Map.of("_csrf", token, "payload", "{oops"), null);
        assertThat(broken.statusCode()).isEqualTo(422);
        assertThat(broken.body()).contains("id=\"payload-error\"").contains("{oops");

        HttpResponse<String> missed = operator.post("/rules/" + ref + "/test",
                Map.of("_csrf", token, "payload", "{\"body\": {\"level\": \"low\"}}"), null);
        assertThat(missed.statusCode()).isEqualTo(200);
        assertThat(missed.body()).contains("data-matched=\"false\"").contains("id=\"failed-criterion\"")
                .contains("trigger.body.level");

        HttpResponse<String> matched = operator.post("/rules/" + ref + "/test",
                Map.of("_csrf", token, "payload", "{\"body\": {\"level\": \"high\"}}"), null);
        assertThat(matched.body()).contains("data-matched=\"true\"").contains("level high");
    }

    @Test
    void anInquiryShowsTheSchemasFieldErrorsRefusesOthersAndAcceptsAnAnswer() {
        long ask = startAsk(Map.of("route", "console-" + SUFFIX, "users", List.of("admin"),
                "schema", Map.of("type", "object", "required", List.of("count"), "properties",
                        Map.of("count", Map.of("type", "integer", "minimum", 5, "description", "How <b>many</b>?")))));
        long inquiry = ConsoleFixtures.inquiryOf(admin, ask);
        ConsoleClient operator = ConsoleClient.signedIn(url, OPERATOR, PASSWORD);
        ConsoleClient viewer = ConsoleClient.signedIn(url, VIEWER, PASSWORD);
        ConsoleClient root = ConsoleClient.signedIn(url, "admin", TestApplication.ADMIN_PASSWORD);

        HttpResponse<String> listed = viewer.get("/inquiries");
        assertThat(listed.body()).contains("id=\"inquiry-" + inquiry + "\"");
        HttpResponse<String> asViewer = viewer.get("/inquiries/" + inquiry);
        assertThat(asViewer.body()).doesNotContain("id=\"respond\"").contains("not for you")
                .contains("How &lt;b&gt;many&lt;/b&gt;?");
        String viewerToken = ConsoleClient.csrfToken(asViewer.body());
        assertThat(viewer.post("/inquiries/" + inquiry + "/respond", Map.of("_csrf", viewerToken, "p.count", "9"), null)
                .statusCode()).isEqualTo(403);
        String operatorToken = ConsoleClient.csrfToken(operator.get("/inquiries/" + inquiry).body());
        HttpResponse<String> notFor = operator.post("/inquiries/" + inquiry + "/respond",
                Map.of("_csrf", operatorToken, "p.count", "9"), null);
        assertThat(notFor.statusCode()).isEqualTo(403);

        String token = ConsoleClient.csrfToken(root.get("/inquiries/" + inquiry).body());
        HttpResponse<String> notANumber = root.post("/inquiries/" + inquiry + "/respond",
                Map.of("_csrf", token, "p.count", "many"), null);
        assertThat(notANumber.statusCode()).isEqualTo(422);
        assertThat(notANumber.body()).contains("id=\"param-count-error\"").contains("a whole number");
        HttpResponse<String> tooFew = root.post("/inquiries/" + inquiry + "/respond",
                Map.of("_csrf", token, "p.count", "2"), null);
        assertThat(tooFew.statusCode()).isEqualTo(422);
        assertThat(tooFew.body()).contains("id=\"param-count-error\"").contains("value=\"2\"");
        assertThat(admin.get("/api/v1/executions/" + ask).json().path("status").asText()).isEqualTo("pending");

        HttpResponse<String> answered = root.post("/inquiries/" + inquiry + "/respond",
                Map.of("_csrf", token, "p.count", "7"), null);
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(303);
        assertThat(ConsoleFixtures.awaitStatus(admin, ask, "succeeded").path("result").path("count").asInt())
                .isEqualTo(7);
        assertThat(root.get("/inquiries/" + inquiry).body()).contains("id=\"responded-by\"")
                .doesNotContain("id=\"respond\"");
    }

    @Test
    void theDesignerShowsValidationErrorsAgainstTheLinesOfTheYaml() {
        ConsoleClient viewer = ConsoleClient.signedIn(url, VIEWER, PASSWORD);
        String token = ConsoleClient.csrfToken(viewer.get("/workflows").body());
        String yaml = """
                version: 1.0
                tasks:
                  first:
                    action: core.noop
                    next:
                      - do: nowhere
                  second:
                    action: core.<script>x</script>
                """;

        HttpResponse<String> invalid = viewer.post("/workflows/design", Map.of("_csrf", token, "definition", yaml,
                "input", "{}", "mocks", "[]", "do", "validate"), null);

        assertThat(invalid.statusCode()).isEqualTo(422);
        assertThat(invalid.body()).contains("id=\"validation-errors\"")
                .containsPattern("href=\"#yaml-line-6\">line 6</a> <code>tasks\\.first\\.next\\[0]\\.do</code>")
                .contains("<li id=\"yaml-line-6\" class=\"yaml-error\">")
                .contains("core.&lt;script&gt;x&lt;/script&gt;").doesNotContain("<script>x");
    }

    @Test
    void theDesignerSimulatesAWorkflowWithMocksAndReportsBadJsonByField() {
        ConsoleClient viewer = ConsoleClient.signedIn(url, VIEWER, PASSWORD);
        String token = ConsoleClient.csrfToken(viewer.get("/workflows").body());

        HttpResponse<String> ok = viewer.post("/workflows/design", Map.of("_csrf", token, "ref", "examples.sequence",
                "input", "{\"who\": \"console\"}", "mocks", "[{\"task\": \"greet\", \"status\": \"succeeded\","
                + " \"result\": {\"message\": \"Hello, console\"}}, {\"task\": \"shout\", \"status\": \"succeeded\","
                + " \"result\": {\"stdout\": \"HELLO, CONSOLE!\"}}]", "do", "simulate"), null);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(ok.body()).contains("id=\"simulation\" data-status=\"succeeded\"")
                .containsPattern("(?s)<ol class=\"sequence\" id=\"sequence\">\\s*<li>greet</li><li>shout</li>");

        HttpResponse<String> failed = viewer.post("/workflows/design", Map.of("_csrf", token, "ref", "examples.sequence",
                "input", "{\"who\": \"x\"}", "mocks", "[{\"task\": \"greet\", \"status\": \"failed\"}]", "do", "simulate"), null);
        assertThat(failed.body()).contains("data-status=\"failed\"").doesNotContain("<li>shout</li>");

        HttpResponse<String> missingInput = viewer.post("/workflows/design", Map.of("_csrf", token,
                "ref", "examples.sequence", "input", "{}", "mocks", "[]", "do", "simulate"), null);
        assertThat(missingInput.statusCode()).isEqualTo(422);
        assertThat(missingInput.body()).contains("<code>input.who</code>: is required");

        HttpResponse<String> bad = viewer.post("/workflows/design", Map.of("_csrf", token, "ref", "examples.sequence",
                "input", "[1]", "mocks", "{nope", "do", "simulate"), null);
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body()).contains("id=\"wf-input-error\"").contains("id=\"wf-mocks-error\"");

        HttpResponse<String> noCsrf = viewer.post("/workflows/design", Map.of("ref", "examples.sequence"), null);
        assertThat(noCsrf.statusCode()).isEqualTo(403);
    }

    @Test
    void aWorkflowsGraphPageDrawsItsTasksAndTransitions() {
        long workflow = ConsoleFixtures.approvalWaiting(admin, "6.0." + SUFFIX);
        ConsoleClient viewer = ConsoleClient.signedIn(url, VIEWER, PASSWORD);

        HttpResponse<String> page = viewer.get("/workflows/executions/" + workflow);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"task-ask\" class=\"node node-running\"")
                .contains("id=\"task-deploy\" class=\"node node-not-started\"")
                .contains("<title>ask → deploy when").contains("id=\"timeline\"");
        assertThat(viewer.get("/workflows/open?id=" + workflow).headers().firstValue("Location"))
                .hasValue("/workflows/executions/" + workflow);
        HttpResponse<String> notAWorkflow = viewer.get("/workflows/executions/"
                + admin.get("/api/v1/executions?parent=" + workflow).json().path("items").get(0).path("id").asLong());
        assertThat(notAWorkflow.statusCode()).isEqualTo(409);
        admin.post("/api/v1/executions/" + workflow + "/cancel", "");
    }

    @Test
    void thePagesCarryTheSecurityHeadersAndNoInlineScript() {
        ConsoleClient client = ConsoleClient.signedIn(url, VIEWER, PASSWORD);
        for (String path : new String[] {"/workflows", "/inquiries", "/inquiries?status=any", "/rules",
                "/sensors", "/sensors/examples.watch_file", "/triggers", "/keys"}) {
            HttpResponse<String> page = client.get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            assertThat(page.headers().firstValue("Cache-Control")).as(path).hasValue("no-store");
            assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).as(path)
                    .contains("script-src 'self'").doesNotContain("unsafe-inline");
            assertThat(page.body()).as(path).doesNotContainPattern("(?i)<script(?![^>]*\\bsrc=)")
                    .doesNotContainPattern("(?i)\\son[a-z]+=");
        }
    }

    @Test
    void sensorsAndTriggersAreListedForAViewer() {
        ConsoleClient viewer = ConsoleClient.signedIn(url, VIEWER, PASSWORD);

        assertThat(viewer.get("/sensors").body()).contains("id=\"sensor-examples.watch_file\"");
        assertThat(viewer.get("/sensors/examples.watch_file").body()).contains("Recent malformed lines")
                .contains("<dt>Runner</dt>");
        assertThat(viewer.get("/sensors/examples.nothing_here").statusCode()).isEqualTo(404);
        assertThat(viewer.get("/triggers").body()).contains("id=\"trigger-core.webhook\"");
        assertThat(viewer.get("/packs").body()).contains("id=\"pack-examples\"");
        assertThat(viewer.get("/packs/examples").body()).contains("href=\"/actions/examples.sequence\"")
                .contains("href=\"/sensors/examples.watch_file\"");
    }

    @Test
    void keysAreSetAndDeletedWithoutTheirSecretValuesEverReachingThePage() {
        String name = "console_key_" + SUFFIX;
        String secret = "s3cr3t-" + SUFFIX + "-<b>";
        ConsoleClient viewer = ConsoleClient.signedIn(url, VIEWER, PASSWORD);
        ConsoleClient operator = ConsoleClient.signedIn(url, OPERATOR, PASSWORD);
        String viewerToken = ConsoleClient.csrfToken(viewer.get("/keys").body());
        assertThat(viewer.get("/keys").body()).doesNotContain("id=\"set-key\"");
        assertThat(viewer.post("/keys/set", Map.of("_csrf", viewerToken, "name", name, "scope", "system",
                "value", "x"), null).statusCode()).isEqualTo(403);
        String token = ConsoleClient.csrfToken(operator.get("/keys").body());

        HttpResponse<String> badScope = operator.post("/keys/set", Map.of("_csrf", token, "name", name,
                "scope", "galaxy", "value", secret, "secret", "true"), null);
        assertThat(badScope.statusCode()).isEqualTo(422);
        assertThat(badScope.body()).contains("id=\"key-scope-error\"").doesNotContain(secret);
        assertThat(operator.post("/keys/set", Map.of("_csrf", token, "name", name, "scope", "system",
                "value", secret, "secret", "true"), null).statusCode()).isEqualTo(303);

        HttpResponse<String> listed = viewer.get("/keys?limit=1000");
        assertThat(listed.body()).contains("id=\"key-system-" + name + "\"").doesNotContain("s3cr3t-" + SUFFIX);
        assertThat(admin.get("/api/v1/keys/" + name).status()).isEqualTo(200);
        assertThat(operator.post("/keys/delete", Map.of("_csrf", token, "name", name, "scope", "system"), null)
                .statusCode()).isEqualTo(303);
        assertThat(admin.get("/api/v1/keys/" + name).status()).isEqualTo(404);
    }

    @Test
    void theAuditTrailIsForAdminsOnly() {
        ConsoleClient operator = ConsoleClient.signedIn(url, OPERATOR, PASSWORD);
        ConsoleClient root = ConsoleClient.signedIn(url, "admin", TestApplication.ADMIN_PASSWORD);

        assertThat(operator.get("/audit").statusCode()).isEqualTo(403);
        assertThat(operator.get("/").body()).doesNotContain("href=\"/audit\"");
        HttpResponse<String> trail = root.get("/audit?actor=admin");
        assertThat(trail.statusCode()).isEqualTo(200);
        assertThat(trail.body()).contains("href=\"/audit\"").containsPattern("<tr id=\"audit-\\d+\">");
    }

    @Test
    void adminsAddAndDeleteUsersOthersAreRefused() {
        String name = "console-u" + SUFFIX;
        ConsoleClient operator = ConsoleClient.signedIn(url, OPERATOR, PASSWORD);
        ConsoleClient root = ConsoleClient.signedIn(url, "admin", TestApplication.ADMIN_PASSWORD);
        assertThat(operator.get("/users").statusCode()).isEqualTo(403);
        String token = ConsoleClient.csrfToken(root.get("/users").body());
        String operatorToken = ConsoleClient.csrfToken(operator.get("/").body());
        assertThat(operator.post("/users/create", Map.of("_csrf", operatorToken, "username", name,
                "password", "a-long-password", "role", "admin"), null).statusCode()).isEqualTo(403);

        HttpResponse<String> badRole = root.post("/users/create", Map.of("_csrf", token, "username", name,
                "password", "a-long-password", "role", "king"), null);
        assertThat(badRole.statusCode()).isEqualTo(422);
        assertThat(badRole.body()).contains("id=\"user-role-error\"").doesNotContain("a-long-password");
        assertThat(root.post("/users/create", Map.of("_csrf", token, "username", name,
                "password", "a-long-password", "role", "viewer"), null).statusCode()).isEqualTo(303);
        assertThat(root.get("/users").body()).contains("id=\"user-" + name + "\"");
        assertThat(root.post("/users/delete", Map.of("_csrf", token, "username", name), null).statusCode())
                .isEqualTo(303);
        assertThat(root.get("/users").body()).doesNotContain("id=\"user-" + name + "\"");
    }

    private static long startAsk(Map<String, Object> parameters) {
        Api.Response created = admin.post("/api/v1/executions",
                Api.json(Map.of("action", "core.ask", "parameters", parameters)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().path("id").asLong();
        ConsoleFixtures.awaitStatus(admin, id, "pending");
        return id;
    }
}
