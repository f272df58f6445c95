package io.attune.bootstrap.inquiry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.attune.bootstrap.execution.ExecutionApiEndToEndTest;
import io.attune.bootstrap.support.Api;
import io.attune.bootstrap.support.TestApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inquiries inside workflows never strand them: an answer while the workflow is still pausing, two inquiries in
 * parallel branches, inquiries inside with-items and inside a subworkflow, a canceled workflow (its inquiry canceled),
 * a ttl that runs out (the workflow follows its failed() path), and the examples pack's approval workflow both ways.
 */
public class InquiryWorkflowEndToEndTest {

    private static final String PACK = "inqwf";
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static Api api;

    @BeforeAll
    static void install(@TempDir Path dir) throws IOException {
        api = new Api(TestApplication.shared().url());
        Path root = dir.resolve(PACK);
        Files.createDirectories(root.resolve("actions/workflows"));
        Files.writeString(root.resolve("pack.yaml"), """
                ref: inqwf
                label: Inquiries in workflows
                version: 1.0.0
                description: workflows that ask
                """);
        workflow(root, "pausing", """
                version: 1.0
                input: [route]
                tasks:
                  split:
                    next:
                      - do: ask, slow
                  ask:
                    action: core.ask
                    input: {route: <% ctx(route) %>}
                    next:
                      - when: <% succeeded() %>
                        do: after_ask
                  slow:
                    action: core.local cmd="sleep 3"
                    next:
                      - do: after_slow
                  after_ask:
                    action: core.noop
                  after_slow:
                    action: core.noop
                """);
        workflow(root, "two", """
                version: 1.0
                input: [route]
                tasks:
                  split:
                    next:
                      - do: ask1, ask2
                  ask1:
                    action: core.ask
                    input: {route: <% ctx(route) %>}
                    next:
                      - publish: first=<% result().continue %>
                        do: done1
                  ask2:
                    action: core.ask
                    input: {route: <% ctx(route) %>}
                    next:
                      - publish: second=<% result().continue %>
                        do: done2
                  done1:
                    action: core.noop
                  done2:
                    action: core.noop
                output:
                  - first: <% ctx(first) %>
                  - second: <% ctx(second) %>
                """);
        workflow(root, "items", """
                version: 1.0
                input: [route]
                tasks:
                  each:
                    with:
                      items: <% list(1, 2, 3) %>
                      concurrency: 2
                    action: core.ask
                    input: {route: <% ctx(route) %>}
                    next:
                      - when: <% succeeded() %>
                        publish: answers=<% result() %>
                output:
                  - answers: <% ctx(answers) %>
                """);
        workflow(root, "asker", """
                version: 1.0
                input: [route]
                tasks:
                  ask:
                    action: core.ask
                    input: {route: <% ctx(route) %>}
                    next:
                      - publish: answer=<% result().continue %>
                output:
                  - answer: <% ctx(answer) %>
                """);
        workflow(root, "parent", """
                version: 1.0
                input: [route]
                tasks:
                  sub:
                    action: inqwf.asker
                    input: {route: <% ctx(route) %>}
                    next:
                      - when: <% succeeded() %>
                        publish: said=<% result().answer %>
                output:
                  - said: <% ctx(said) %>
                """);
        workflow(root, "expiring", """
                version: 1.0
                input: [route]
                tasks:
                  ask:
                    action: core.ask
                    input: {route: <% ctx(route) %>, ttl: 0.02}
                    next:
                      - when: <% succeeded() %>
                        publish: outcome=answered
                      - when: <% failed() %>
                        publish: outcome=<% task_status(ask) %>
                output:
                  - outcome: <% ctx(outcome) %>
                """);
        Api.Response installed = api.post("/api/v1/packs/install", Api.json(Map.of("path", root.toString())));
        assertThat(installed.status()).as(installed.body()).isEqualTo(201);
    }

    private static void workflow(Path root, String name, String yaml) throws IOException {
        Files.writeString(root.resolve("actions/" + name + ".yaml"), "ref: inqwf." + name + "\ndescription: " + name
                + "\nrunner: workflow\nentry_point: workflows/" + name + ".yaml\n");
        Files.writeString(root.resolve("actions/workflows/" + name + ".yaml"), yaml);
    }

    @AfterAll
    static void uninstall() {
        api.delete("/api/v1/packs/" + PACK);
    }

    private static long start(String action, String route) {
        Api.Response created = api.post("/api/v1/executions", Api.json(Map.of("action", action,
                "parameters", Map.of("route", route))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("id").asLong();
    }

    private static JsonNode awaitStatus(long execution, String status) {
        Instant deadline = Instant.now().plusSeconds(30);
        JsonNode seen = api.get("/api/v1/executions/" + execution).json();
        while (!seen.path("status").asText().equals(status) && Instant.now().isBefore(deadline)) {
            ExecutionApiEndToEndTest.sleep(50);
            seen = api.get("/api/v1/executions/" + execution).json();
        }
        assertThat(seen.path("status").asText()).as(seen.toString()).isEqualTo(status);
        return seen;
    }

    /** The pending inquiries of a route, oldest first, once there are {@code count} of them. */
    private static List<JsonNode> pending(String route, int count) {
        Instant deadline = Instant.now().plusSeconds(30);
        List<JsonNode> found = new ArrayList<>();
        while (Instant.now().isBefore(deadline)) {
            found.clear();
            api.get("/api/v1/inquiries?status=pending&route=" + route + "&limit=100").json().path("items")
                    .forEach(found::add);
            if (found.size() >= count) {
                break;
            }
            ExecutionApiEndToEndTest.sleep(50);
        }
        assertThat(found).as("pending inquiries of " + route).hasSize(count);
        return found.reversed();
    }

    private static void answer(JsonNode inquiry, boolean go) {
        Api.Response answered = api.post("/api/v1/inquiries/" + inquiry.path("id").asLong() + "/respond",
                Api.json(Map.of("response", Map.of("continue", go))));
        assertThat(answered.status()).as(answered.body()).isEqualTo(200);
    }

    private static JsonNode done(long workflow, String status) {
        JsonNode done = ExecutionApiEndToEndTest.awaitTerminal(api, workflow, Duration.ofSeconds(60));
        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo(status);
        return done;
    }

    private static List<String> tasks(long workflow) {
        return api.get("/api/v1/executions/" + workflow + "/tasks").json().findValuesAsText("task");
    }

    @Test
    void anAnswerWhileTheWorkflowIsStillPausingResumesIt() {
        String route = "pausing-" + RUN;
        long workflow = start("inqwf.pausing", route);
        JsonNode inquiry = pending(route, 1).get(0);
        awaitStatus(workflow, "pausing"); // the slow branch still runs

        answer(inquiry, true);

        done(workflow, "succeeded");
        assertThat(tasks(workflow)).contains("after_ask", "after_slow");
    }

    @Test
    void twoInquiriesInParallelBranchesKeepItPausedUntilBothAreAnswered() {
        String route = "two-" + RUN;
        long workflow = start("inqwf.two", route);
        List<JsonNode> inquiries = pending(route, 2);
        awaitStatus(workflow, "paused");

        answer(inquiries.get(0), true);
        ExecutionApiEndToEndTest.sleep(500);
        assertThat(api.get("/api/v1/executions/" + workflow).json().path("status").asText()).isEqualTo("paused");
        answer(inquiries.get(1), false);

        JsonNode result = done(workflow, "succeeded").path("result");
        assertThat(List.of(result.path("first").asBoolean(), result.path("second").asBoolean()))
                .containsExactlyInAnyOrder(true, false);
    }

    @Test
    void inquiriesInsideWithItemsAreEachAnsweredOnceAndTheirAnswersAreTheTaskResult() {
        String route = "items-" + RUN;
        long workflow = start("inqwf.items", route);
        List<JsonNode> firstTwo = pending(route, 2); // concurrency 2
        awaitStatus(workflow, "paused");
        firstTwo.forEach(i -> answer(i, true));
        answer(pending(route, 1).get(0), false);

        JsonNode answers = done(workflow, "succeeded").path("result").path("answers");
        assertThat(answers).hasSize(3);
        assertThat(answers.findValuesAsText("continue")).containsExactly("true", "true", "false");
    }

    @Test
    void anInquiryInsideASubworkflowPausesBothAndTheAnswerResumesBoth() {
        String route = "sub-" + RUN;
        long parent = start("inqwf.parent", route);
        JsonNode inquiry = pending(route, 1).get(0);
        awaitStatus(parent, "paused");
        long sub = api.get("/api/v1/executions?parent=" + parent).json().path("items").get(0).path("id").asLong();
        awaitStatus(sub, "paused");

        answer(inquiry, true);

        assertThat(done(parent, "succeeded").path("result").path("said").asBoolean()).isTrue();
        assertThat(api.get("/api/v1/executions/" + sub).json().path("status").asText()).isEqualTo("succeeded");
    }

    @Test
    void cancelingAWorkflowThatAsksCancelsItsInquiry() {
        String route = "cancel-" + RUN;
        long workflow = start("inqwf.asker", route);
        JsonNode inquiry = pending(route, 1).get(0);
        awaitStatus(workflow, "paused");

        assertThat(api.post("/api/v1/executions/" + workflow + "/cancel", "").status()).isEqualTo(200);

        done(workflow, "canceled");
        assertThat(api.get("/api/v1/inquiries/" + inquiry.path("id").asLong()).json().path("status").asText())
                .isEqualTo("canceled");
        assertThat(api.post("/api/v1/inquiries/" + inquiry.path("id").asLong() + "/respond",
                Api.json(Map.of("response", Map.of("continue", true)))).status()).isEqualTo(409);
    }

    @Test
    void anInquiryThatTimesOutSendsTheWorkflowDownItsFailedPath() {
        String route = "expiring-" + RUN;
        long workflow = start("inqwf.expiring", route);

        JsonNode done = done(workflow, "succeeded");

        assertThat(done.path("result").path("outcome").asText()).isEqualTo("failed");
        JsonNode ask = api.get("/api/v1/executions?parent=" + workflow).json().path("items").get(0);
        assertThat(ask.path("status").asText()).isEqualTo("timeout");
    }

    @Test
    void theApprovalExampleDeploysOnYesAndSkipsOnNo() {
        for (boolean approved : new boolean[] {true, false}) {
            Api.Response created = api.post("/api/v1/executions", Api.json(Map.of("action", "examples.approve_deploy",
                    "parameters", Map.of("version", "9.9." + (approved ? 1 : 0)))));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            long workflow = created.json().path("id").asLong();
            awaitStatus(workflow, "paused");
            long ask = api.get("/api/v1/executions?parent=" + workflow).json().path("items").get(0).path("id").asLong();
            JsonNode inquiry = null;
            for (JsonNode i : api.get("/api/v1/inquiries?status=pending&route=deploys&limit=100").json().path("items")) {
                if (i.path("execution").asLong() == ask) {
                    inquiry = i;
                }
            }
            assertThat(inquiry).isNotNull();
            assertThat(inquiry.path("schema").path("properties").path("approved").path("description").asText())
                    .isEqualTo("Deploy 9.9." + (approved ? 1 : 0) + "?");
            Api.Response answered = api.post("/api/v1/inquiries/" + inquiry.path("id").asLong() + "/respond",
                    Api.json(Map.of("response", Map.of("approved", approved))));
            assertThat(answered.status()).as(answered.body()).isEqualTo(200);

            JsonNode done = done(workflow, "succeeded");
            assertThat(done.path("result").path("outcome").asText()).isEqualTo(approved ? "deployed" : "skipped");
        }
    }
}
