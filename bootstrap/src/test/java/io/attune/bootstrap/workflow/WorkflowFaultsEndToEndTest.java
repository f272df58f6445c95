package io.attune.bootstrap.workflow;

import static io.attune.bootstrap.execution.ExecutionApiEndToEndTest.awaitTerminal;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.attune.bootstrap.support.Api;
import io.attune.bootstrap.support.TestApplication;
import io.attune.bootstrap.support.TestServices;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workflows under pause and cancel, and with bad input, on the whole platform (real PostgreSQL and RabbitMQ, tasks
 * run by the worker as subprocesses): a workflow paused then canceled while its tasks run ends canceled with its
 * children; a subworkflow pauses and resumes with its parent, and a cancel reaches the grandchild; an expression that
 * fails at run time (one that reads a context variable nothing defines is refused at install already) fails the
 * workflow naming it; bad input and an invalid workflow are refused naming the field.
 */
class WorkflowFaultsEndToEndTest {

    private static final String PACK = "wffault";
    private static final Duration BOUND = Duration.ofSeconds(20);
    private static Api api;

    @BeforeAll
    static void install(@TempDir Path dir) throws IOException {
        api = new Api(TestApplication.shared().url());
        Path root = dir.resolve(PACK);
        Files.createDirectories(root.resolve("actions/workflows"));
        Files.writeString(root.resolve("pack.yaml"), "ref: wffault\nversion: 1.0.0\n");
        workflowAction(root, "pair", "seconds: {type: integer, required: true}", """
                version: 1.0
                input:
                  - seconds
                tasks:
                  a:
                    action: core.local
                    input:
                      cmd: sleep <% ctx(seconds) %>
                    next:
                      - when: <% succeeded() %>
                        do: c
                  b:
                    action: core.local
                    input:
                      cmd: sleep <% ctx(seconds) %>
                  c:
                    action: core.echo
                    input:
                      message: after a
                """);
        workflowAction(root, "inner", "seconds: {type: integer, required: true}", """
                version: 1.0
                input:
                  - seconds
                tasks:
                  slow:
                    action: core.local
                    input:
                      cmd: sleep <% ctx(seconds) %>
                    next:
                      - when: <% succeeded() %>
                        do: then
                  then:
                    action: core.echo
                    input:
                      message: inner done
                """);
        workflowAction(root, "outer", "seconds: {type: integer, required: true}", """
                version: 1.0
                input:
                  - seconds
                tasks:
                  sub:
                    action: wffault.inner
                    input:
                      seconds: <% ctx(seconds) %>
                    next:
                      - when: <% succeeded() %>
                        do: done
                  done:
                    action: core.echo
                    input:
                      message: outer done
                """);
        workflowAction(root, "badexpr", "who: {type: string, required: true}", """
                version: 1.0
                input:
                  - who
                tasks:
                  greet:
                    action: core.echo
                    input:
                      message: <% ctx(who).missing %>
                """);
        Api.Response installed = api.post("/api/v1/packs/install", Api.json(Map.of("path", root.toString())));
        assertThat(installed.status()).as(installed.body()).isEqualTo(201);
    }

    @AfterAll
    static void uninstall() {
        api.delete("/api/v1/packs/" + PACK);
    }

    @Test
    void aWorkflowPausedThenCanceledWhileItsTasksRunEndsCanceledWithItsRunningChildren() {
        long id = start("wffault.pair", Map.of("seconds", 60));
        List<JsonNode> running = awaitChildren(id, 2, c -> c.path("status").asText().equals("running"));

        assertThat(api.post("/api/v1/executions/" + id + "/pause", "{}").json().path("status").asText())
                .isEqualTo("pausing");
        Api.Response canceled = api.post("/api/v1/executions/" + id + "/cancel", "{}");
        assertThat(canceled.status()).as(canceled.body()).isBetween(200, 202);

        JsonNode done = awaitTerminal(api, id, BOUND);
        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("canceled");
        for (JsonNode child : running) {
            JsonNode ended = awaitTerminal(api, child.path("id").asLong(), BOUND);
            assertThat(ended.path("status").asText()).as(ended.toString()).isEqualTo("canceled");
        }
        assertThat(children(id)).as("c never started").hasSize(2);
    }

    @Test
    void aTaskCanceledOnItsOwnCancelsItsWorkflowAndTheOtherRunningTask() {
        long id = start("wffault.pair", Map.of("seconds", 60));
        List<JsonNode> running = awaitChildren(id, 2, c -> c.path("status").asText().equals("running"));
        long a = running.stream().filter(c -> c.path("task").path("name").asText().equals("a")).findFirst()
                .orElseThrow().path("id").asLong();

        assertThat(api.post("/api/v1/executions/" + a + "/cancel", "{}").status()).isBetween(200, 202);

        JsonNode done = awaitTerminal(api, id, BOUND);
        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("canceled");
        for (JsonNode child : running) {
            assertThat(awaitTerminal(api, child.path("id").asLong(), BOUND).path("status").asText())
                    .isEqualTo("canceled");
        }
        assertThat(children(id)).as("c, which follows a, never started").hasSize(2);
    }

    @Test
    void aSubworkflowPausesWithItsParentAndBothResumeToSuccess() {
        long outer = start("wffault.outer", Map.of("seconds", 3));
        long inner = awaitChildren(outer, 1, c -> true).get(0).path("id").asLong();
        awaitChildren(inner, 1, c -> c.path("status").asText().equals("running"));

        assertThat(api.post("/api/v1/executions/" + outer + "/pause", "{}").status()).isBetween(200, 202);
        assertThat(status(inner)).isIn("pausing", "paused");

        // the grandchild ends on its own; then the subworkflow is paused, and so is its parent, within the bound
        awaitStatus(inner, "paused");
        awaitStatus(outer, "paused");
        assertThat(children(inner)).as("nothing new starts in a paused subworkflow").hasSize(1);
        assertThat(children(outer)).hasSize(1);

        assertThat(api.post("/api/v1/executions/" + outer + "/resume", "{}").status()).isBetween(200, 202);
        JsonNode done = awaitTerminal(api, outer, BOUND);
        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("succeeded");
        assertThat(status(inner)).isEqualTo("succeeded");
        assertThat(children(inner)).extracting(c -> c.path("task").path("name").asText())
                .containsExactlyInAnyOrder("slow", "then");
        assertThat(children(outer)).extracting(c -> c.path("task").path("name").asText())
                .containsExactlyInAnyOrder("sub", "done");
    }

    @Test
    void aCancelOfTheParentReachesTheGrandchildAndEndsAllThreeCanceled() {
        long outer = start("wffault.outer", Map.of("seconds", 60));
        long inner = awaitChildren(outer, 1, c -> true).get(0).path("id").asLong();
        long grandchild = awaitChildren(inner, 1, c -> c.path("status").asText().equals("running")).get(0)
                .path("id").asLong();

        assertThat(api.post("/api/v1/executions/" + outer + "/cancel", "{}").status()).isBetween(200, 202);

        assertThat(awaitTerminal(api, grandchild, BOUND).path("status").asText()).isEqualTo("canceled");
        assertThat(awaitTerminal(api, inner, BOUND).path("status").asText()).isEqualTo("canceled");
        JsonNode done = awaitTerminal(api, outer, BOUND);
        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("canceled");
        assertThat(children(inner)).hasSize(1);
        assertThat(children(outer)).hasSize(1);
    }

    @Test
    void aWorkflowsDispatchDeliveredAgainWhileItRunsAndAfterItEndedStartsNothingTwice() throws Exception {
        long id = start("wffault.pair", Map.of("seconds", 1));
        awaitChildren(id, 2, c -> true);

        publishDispatch(id);
        publishDispatch(id);
        JsonNode done = awaitTerminal(api, id, BOUND);
        publishDispatch(id);
        sleep(1000);

        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("succeeded");
        assertThat(status(id)).isEqualTo("succeeded");
        assertThat(children(id)).extracting(c -> c.path("task").path("name").asText())
                .containsExactlyInAnyOrder("a", "b", "c");
    }

    @Test
    void anExpressionThatFailsAtRunTimeFailsTheWorkflowNamingIt() {
        long id = start("wffault.badexpr", Map.of("who", "ann"));

        JsonNode done = awaitTerminal(api, id, BOUND);

        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("failed");
        assertThat(done.path("errors").findValuesAsText("message")).as(done.toString())
                .anySatisfy(m -> assertThat(m).contains("ctx(who).missing").contains("not a map"));
        assertThat(done.path("errors").findValuesAsText("task_id")).contains("greet");
        assertThat(children(id)).as("the task's action never ran").isEmpty();
    }

    @Test
    void anInputTheWorkflowDoesNotDeclareOrARequiredOneMissingIsRefusedNamingIt() {
        Api.Response undeclared = api.post("/api/v1/executions", Api.json(Map.of("action", "wffault.badexpr",
                "parameters", Map.of("who", "ann", "whom", "bo"))));
        assertThat(undeclared.status()).as(undeclared.body()).isEqualTo(422);
        assertThat(undeclared.json().path("errors").findValuesAsText("field")).contains("parameters.whom");

        Api.Response missing = api.post("/api/v1/executions", Api.json(Map.of("action", "wffault.badexpr",
                "parameters", Map.of())));
        assertThat(missing.status()).as(missing.body()).isEqualTo(422);
        assertThat(missing.json().path("errors").findValuesAsText("field")).contains("parameters.who");
    }

    @Test
    void aPackWithAnInvalidWorkflowIsRefusedNamingFileTaskAndFieldAndNothingIsInstalled(@TempDir Path dir)
            throws IOException {
        Path root = dir.resolve("wfbroken");
        Files.createDirectories(root.resolve("actions/workflows"));
        Files.writeString(root.resolve("pack.yaml"), "ref: wfbroken\nversion: 1.0.0\n");
        Files.writeString(root.resolve("actions/fine.yaml"), "name: fine\nrunner: shell\nentry_point: fine.sh\n");
        Files.writeString(root.resolve("actions/fine.sh"), "#!/bin/bash\ntrue\n");
        workflowAction(root, "flow", "", """
                version: 1.0
                tasks:
                  first:
                    action: core.echo
                    input:
                      message: hi
                    next:
                      - do: nowhere
                  second:
                    action: core.echo
                    input:
                      message: <% ctx(missing) %>
                """);

        Api.Response refused = api.post("/api/v1/packs/install", Api.json(Map.of("path", root.toString())));

        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.body()).contains("actions/workflows/flow.yaml").contains("tasks.first.next")
                .contains("nowhere").contains("tasks.second.input.message").contains("'missing'");
        assertThat(api.get("/api/v1/packs/wfbroken").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/actions/wfbroken.fine").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/actions/wfbroken.flow").status()).isEqualTo(404);
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    private static void workflowAction(Path root, String name, String parameter, String workflow) throws IOException {
        Files.writeString(root.resolve("actions/" + name + ".yaml"), "name: " + name + "\nrunner: workflow\n"
                + "entry_point: workflows/" + name + ".yaml\n"
                + (parameter.isEmpty() ? "" : "parameters:\n  " + parameter + "\n"));
        Files.writeString(root.resolve("actions/workflows/" + name + ".yaml"), workflow);
    }

    private static long start(String action, Map<String, Object> parameters) {
        Api.Response created = api.post("/api/v1/executions",
                Api.json(Map.of("action", action, "parameters", parameters)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("id").asLong();
    }

    static List<JsonNode> children(long parent) {
        List<JsonNode> all = new ArrayList<>();
        api.get("/api/v1/executions?parent=" + parent + "&limit=1000").json().path("items").forEach(all::add);
        return all;
    }

    private static String status(long id) {
        return api.get("/api/v1/executions/" + id).json().path("status").asText();
    }

    /** Waits until the execution has {@code count} children that all match. */
    private static List<JsonNode> awaitChildren(long parent, int count, Predicate<JsonNode> matching) {
        Instant deadline = Instant.now().plus(BOUND);
        List<JsonNode> found = children(parent);
        while (!(found.size() == count && found.stream().allMatch(matching)) && Instant.now().isBefore(deadline)) {
            sleep(50);
            found = children(parent);
        }
        assertThat(found).as("children of %s", parent).hasSize(count).allMatch(matching);
        return found;
    }

    private static void awaitStatus(long id, String expected) {
        Instant deadline = Instant.now().plus(BOUND);
        JsonNode execution = api.get("/api/v1/executions/" + id).json();
        while (!execution.path("status").asText().equals(expected) && Instant.now().isBefore(deadline)) {
            sleep(50);
            execution = api.get("/api/v1/executions/" + id).json();
        }
        assertThat(execution.path("status").asText()).as(execution.toString()).isEqualTo(expected);
    }

    /** What a redelivery of the workflow's dispatch looks like to the executor's workflow queue. */
    private static void publishDispatch(long id) throws Exception {
        com.rabbitmq.client.ConnectionFactory factory = new com.rabbitmq.client.ConnectionFactory();
        factory.setUri(String.valueOf(TestServices.get().properties().get("rabbitmq.uri")));
        try (com.rabbitmq.client.Connection connection = factory.newConnection();
             com.rabbitmq.client.Channel channel = connection.createChannel()) {
            String body = "{\"id\": \"" + UUID.randomUUID() + "\", \"type\": \"execution.dispatch\", \"occurredAt\": \""
                    + Instant.now() + "\", \"correlationId\": \"" + id + "\", \"payload\": {\"execution\": " + id + "}}";
            channel.basicPublish(TestApplication.NAMESPACE, "execution.dispatch.workflow",
                    com.rabbitmq.client.MessageProperties.PERSISTENT_TEXT_PLAIN, body.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void sleep(long ms) {
        io.attune.bootstrap.execution.ExecutionApiEndToEndTest.sleep(ms);
    }
}
