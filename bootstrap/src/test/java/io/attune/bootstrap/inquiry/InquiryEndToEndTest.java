package io.attune.bootstrap.inquiry;

import static io.attune.bootstrap.execution.ExecutionApiEndToEndTest.awaitTerminal;
import static io.attune.bootstrap.execution.ExecutionApiEndToEndTest.sleep;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.attune.bootstrap.support.Api;
import io.attune.bootstrap.support.TestApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * core.ask on the whole platform: run through the API, started by the executor from its dispatch, it waits pending
 * with its inquiry listed and a core.inquiry event recorded; an answer is checked against the schema (422) and the
 * inquiry's users (403), accepted once (then 409) and becomes the execution's result; a ttl ends it as timeout, a
 * cancel cancels its inquiry, and secret answer fields are masked.
 */
public class InquiryEndToEndTest {

    private static final String PASSWORD = "e2e-user-password";
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    private static final String ALICE = "alice-" + SUFFIX;
    private static final String BOB = "bob-" + SUFFIX;
    private static final String VIEWER = "watcher-" + SUFFIX;
    private static final String PACK = "inqe2e";
    private static Api admin;
    private static Api alice;
    private static Api bob;
    private static Api viewer;

    @BeforeAll
    static void users(@TempDir Path dir) throws IOException {
        admin = new Api(TestApplication.shared().url());
        for (String[] user : List.of(new String[] {ALICE, "operator"}, new String[] {BOB, "operator"},
                new String[] {VIEWER, "viewer"})) {
            Api.Response created = admin.post("/api/v1/users",
                    Api.json(Map.of("username", user[0], "password", PASSWORD, "role", user[1])));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
        }
        alice = admin.anonymous().as(ALICE, PASSWORD);
        bob = admin.anonymous().as(BOB, PASSWORD);
        viewer = admin.anonymous().as(VIEWER, PASSWORD);

        Path root = dir.resolve(PACK);
        Files.createDirectories(root.resolve("actions/workflows"));
        Files.writeString(root.resolve("pack.yaml"), """
                ref: inqe2e
                label: Inquiries end to end
                version: 1.0.0
                description: a workflow that asks
                """);
        Files.writeString(root.resolve("actions/approve.yaml"), """
                ref: inqe2e.approve
                description: asks whether to go on, then says what was answered
                runner: workflow
                entry_point: workflows/approve.yaml
                """);
        Files.writeString(root.resolve("actions/workflows/approve.yaml"), """
                version: 1.0
                tasks:
                  ask:
                    action: core.ask
                    input:
                      route: inqe2e
                    next:
                      - when: <% succeeded() %>
                        publish:
                          - answer: <% result() %>
                output:
                  - answer: <% ctx(answer) %>
                """);
        Api.Response installed = admin.post("/api/v1/packs/install", Api.json(Map.of("path", root.toString())));
        assertThat(installed.status()).as(installed.body()).isEqualTo(201);
    }

    @AfterAll
    static void uninstall() {
        admin.delete("/api/v1/packs/" + PACK);
    }

    /** Runs core.ask and waits until it is pending; returns the execution's id. */
    private static long ask(Map<String, Object> parameters) {
        Api.Response created = admin.post("/api/v1/executions",
                Api.json(Map.of("action", "core.ask", "parameters", parameters)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().path("id").asLong();
        assertThat(awaitStatus(id, "pending").path("status").asText()).isEqualTo("pending");
        return id;
    }

    private static JsonNode awaitStatus(long execution, String status) {
        Instant deadline = Instant.now().plusSeconds(20);
        JsonNode seen = admin.get("/api/v1/executions/" + execution).json();
        while (!seen.path("status").asText().equals(status) && Instant.now().isBefore(deadline)) {
            sleep(50);
            seen = admin.get("/api/v1/executions/" + execution).json();
        }
        return seen;
    }

    /** The inquiry of an execution, as the list shows it. */
    private static JsonNode inquiryOf(long execution, String route) {
        JsonNode items = admin.get("/api/v1/inquiries?route=" + route + "&limit=1000").json().path("items");
        for (JsonNode item : items) {
            if (item.path("execution").asLong() == execution) {
                return item;
            }
        }
        throw new AssertionError("no inquiry of execution " + execution + " at route " + route + ": " + items);
    }

    private static Api.Response respond(Api as, long inquiry, Object response) {
        return as.post("/api/v1/inquiries/" + inquiry + "/respond", Api.json(Map.of("response", response)));
    }

    @Test
    void coreAskWaitsPendingUntilAnAnswerThatMatchesItsSchemaEndsItSucceededWithTheAnswer() {
        String route = "e2e-" + SUFFIX;
        String since = Instant.now().minusSeconds(1).toString();
        long id = ask(Map.of("route", route));

        JsonNode inquiry = inquiryOf(id, route);
        assertThat(inquiry.path("status").asText()).isEqualTo("pending");
        assertThat(inquiry.path("schema").path("required").get(0).asText()).isEqualTo("continue");
        assertThat(inquiry.path("ttl").asInt()).isEqualTo(1440);
        assertThat(inquiry.path("expires_at").asText()).isNotBlank();
        assertThat(inquiry.path("response").isNull()).isTrue();
        long inquiryId = inquiry.path("id").asLong();
        assertThat(admin.get("/api/v1/inquiries?status=pending&route=" + route).json().path("total").asLong())
                .isEqualTo(1);
        assertThat(viewer.get("/api/v1/inquiries/" + inquiryId).status()).as("every role reads").isEqualTo(200);
        JsonNode events = admin.get("/api/v1/events?trigger=core.inquiry&limit=1000").json().path("items");
        assertThat(events).anySatisfy(event -> {
            assertThat(event.path("payload").path("id").asLong()).isEqualTo(inquiryId);
            assertThat(event.path("payload").path("execution").asLong()).isEqualTo(id);
            assertThat(event.path("payload").path("route").asText()).isEqualTo(route);
        });

        Api.Response wrong = respond(alice, inquiryId, Map.of("continue", "yes"));
        assertThat(wrong.status()).as(wrong.body()).isEqualTo(422);
        assertThat(wrong.contentType()).startsWith("application/problem+json");
        assertThat(wrong.json().path("errors").findValuesAsText("field")).contains("response.continue");
        assertThat(admin.get("/api/v1/inquiries/" + inquiryId).json().path("status").asText()).isEqualTo("pending");
        assertThat(respond(viewer, inquiryId, Map.of("continue", true)).status()).isEqualTo(403);
        assertThat(admin.get("/api/v1/executions/" + id).json().path("status").asText()).isEqualTo("pending");

        Api.Response answered = respond(alice, inquiryId, Map.of("continue", true));
        assertThat(answered.status()).as(answered.body()).isEqualTo(200);
        assertThat(answered.json().path("status").asText()).isEqualTo("responded");
        assertThat(answered.json().path("responded_by").asText()).isEqualTo(ALICE);
        assertThat(answered.json().path("response").path("continue").asBoolean()).isTrue();

        JsonNode done = awaitTerminal(admin, id, Duration.ofSeconds(20));
        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("succeeded");
        assertThat(done.path("result")).isEqualTo(answered.json().path("response"));

        Api.Response again = respond(bob, inquiryId, Map.of("continue", false));
        assertThat(again.status()).as(again.body()).isEqualTo(409);
        assertThat(respond(alice, 987_654_321L, Map.of("continue", true)).status()).isEqualTo(404);

        JsonNode audit = admin.get("/api/v1/audit?action=inquiry.respond&since=" + since + "&limit=1000").json();
        assertThat(audit.path("items")).anySatisfy(entry -> {
            assertThat(entry.path("actor").asText()).isEqualTo(ALICE);
            assertThat(entry.path("target").asText()).isEqualTo("/api/v1/inquiries/" + inquiryId + "/respond");
            assertThat(entry.path("outcome").asText()).isEqualTo("succeeded");
        });
    }

    @Test
    void onlyTheUsersAnInquiryNamesMayAnswerIt() {
        String route = "users-" + SUFFIX;
        long id = ask(Map.of("route", route, "users", List.of(BOB)));
        long inquiryId = inquiryOf(id, route).path("id").asLong();

        Api.Response refused = respond(alice, inquiryId, Map.of("continue", true));
        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(respond(bob, inquiryId, Map.of("continue", false)).status()).isEqualTo(200);
        assertThat(awaitTerminal(admin, id, Duration.ofSeconds(20)).path("result").path("continue").asBoolean())
                .isFalse();
    }

    @Test
    void anInquiryNotAnsweredWithinItsTtlEndsItsExecutionAsTimeout() {
        String route = "ttl-" + SUFFIX;
        // 0.02 minutes: 1.2 seconds; the executors sweep every attune.inquiries.sweep-interval (5 s by default)
        long id = ask(Map.of("route", route, "ttl", 0.02));
        long inquiryId = inquiryOf(id, route).path("id").asLong();

        JsonNode done = awaitTerminal(admin, id, Duration.ofSeconds(30));

        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("timeout");
        assertThat(done.path("failure").asText()).contains("ttl");
        assertThat(admin.get("/api/v1/inquiries/" + inquiryId).json().path("status").asText()).isEqualTo("timeout");
        assertThat(respond(alice, inquiryId, Map.of("continue", true)).status()).isEqualTo(409);
    }

    @Test
    void cancelingAWaitingExecutionCancelsItsInquiry() {
        String route = "cancel-" + SUFFIX;
        long id = ask(Map.of("route", route));
        long inquiryId = inquiryOf(id, route).path("id").asLong();

        Api.Response canceled = admin.post("/api/v1/executions/" + id + "/cancel", "{}");
        assertThat(canceled.status()).as(canceled.body()).isEqualTo(200);
        assertThat(canceled.json().path("status").asText()).isEqualTo("canceled");

        assertThat(admin.get("/api/v1/inquiries/" + inquiryId).json().path("status").asText()).isEqualTo("canceled");
        assertThat(respond(alice, inquiryId, Map.of("continue", true)).status()).isEqualTo(409);
    }

    @Test
    void anAnswerAndACancelSentTogetherGiveExactlyOneOutcome() throws Exception {
        String route = "race-" + SUFFIX;
        for (int round = 0; round < 5; round++) {
            long id = ask(Map.of("route", route));
            long inquiryId = inquiryOf(id, route).path("id").asLong();
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CompletableFuture<Api.Response> answer = java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> {
                        awaitLatch(go);
                        return respond(alice, inquiryId, Map.of("continue", true));
                    });
            java.util.concurrent.CompletableFuture<Api.Response> cancel = java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> {
                        awaitLatch(go);
                        return admin.post("/api/v1/executions/" + id + "/cancel", "{}");
                    });
            go.countDown();
            int answered = answer.get().status();
            int canceled = cancel.get().status();

            assertThat(List.of(answered, canceled)).as(answer.get().body() + " / " + cancel.get().body())
                    .containsExactlyInAnyOrder(200, 409);
            String execution = awaitTerminal(admin, id, Duration.ofSeconds(20)).path("status").asText();
            String inquiry = admin.get("/api/v1/inquiries/" + inquiryId).json().path("status").asText();
            if (answered == 200) {
                assertThat(List.of(execution, inquiry)).containsExactly("succeeded", "responded");
            } else {
                assertThat(List.of(execution, inquiry)).containsExactly("canceled", "canceled");
            }
        }
    }

    private static void awaitLatch(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void secretAnswerFieldsAreShownMaskedOnTheInquiryAndTheExecution() {
        String route = "secret-" + SUFFIX;
        long id = ask(Map.of("route", route, "schema", Map.of("type", "object", "properties", Map.of(
                "continue", Map.of("type", "boolean"), "token", Map.of("type", "string", "secret", true)))));
        long inquiryId = inquiryOf(id, route).path("id").asLong();

        Api.Response answered = respond(alice, inquiryId, Map.of("continue", true, "token", "s3cr3t-" + SUFFIX));
        assertThat(answered.status()).as(answered.body()).isEqualTo(200);

        assertThat(answered.body()).doesNotContain("s3cr3t-" + SUFFIX);
        assertThat(admin.get("/api/v1/inquiries/" + inquiryId).json().path("response").path("token").asText())
                .isEqualTo("********");
        JsonNode done = awaitTerminal(admin, id, Duration.ofSeconds(20));
        assertThat(done.path("status").asText()).isEqualTo("succeeded");
        assertThat(done.path("result").path("token").asText()).isEqualTo("********");
        assertThat(done.path("result").path("continue").asBoolean()).isTrue();
    }

    @Test
    void cancelingAWorkflowWhoseTaskAsksCancelsTheTaskAndItsInquiry() {
        Api.Response created = admin.post("/api/v1/executions", Api.json(Map.of("action", "inqe2e.approve")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long workflow = created.json().path("id").asLong();
        long child = pendingChild(workflow);
        long inquiryId = inquiryOf(child, "inqe2e").path("id").asLong();
        assertThat(inquiryOf(child, "inqe2e").path("parent").asLong()).isEqualTo(workflow);

        Api.Response canceled = admin.post("/api/v1/executions/" + workflow + "/cancel", "{}");
        assertThat(canceled.status()).as(canceled.body()).isEqualTo(200);

        assertThat(awaitTerminal(admin, workflow, Duration.ofSeconds(20)).path("status").asText()).isEqualTo("canceled");
        assertThat(admin.get("/api/v1/executions/" + child).json().path("status").asText()).isEqualTo("canceled");
        assertThat(admin.get("/api/v1/inquiries/" + inquiryId).json().path("status").asText()).isEqualTo("canceled");
    }

    /** The id of the workflow's task execution once it waits for its answer. */
    private static long pendingChild(long workflow) {
        Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            for (JsonNode c : admin.get("/api/v1/executions?parent=" + workflow).json().path("items")) {
                if (c.path("status").asText().equals("pending")) {
                    return c.path("id").asLong();
                }
            }
            sleep(50);
        }
        throw new AssertionError("no task of workflow " + workflow + " waits for an answer");
    }

    @Test
    void aWorkflowThatAsksResumesWithTheAnswerAsTheTaskResult() {
        Api.Response created = admin.post("/api/v1/executions", Api.json(Map.of("action", "inqe2e.approve")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long workflow = created.json().path("id").asLong();
        long child = pendingChild(workflow);
        assertThat(awaitStatus(workflow, "paused").path("status").asText()).isEqualTo("paused");
        JsonNode inquiry = inquiryOf(child, "inqe2e");
        assertThat(inquiry.path("parent").asLong()).isEqualTo(workflow);

        assertThat(respond(alice, inquiry.path("id").asLong(), Map.of("continue", true)).status()).isEqualTo(200);

        JsonNode done = awaitTerminal(admin, workflow, Duration.ofSeconds(30));
        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("succeeded");
        assertThat(done.path("result").path("answer").path("continue").asBoolean()).isTrue();
    }
}
