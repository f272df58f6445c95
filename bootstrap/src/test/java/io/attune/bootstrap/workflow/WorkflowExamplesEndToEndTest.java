package io.attune.bootstrap.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.attune.bootstrap.execution.ExecutionApiEndToEndTest;
import io.attune.bootstrap.support.Api;
import io.attune.bootstrap.support.TestApplication;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The examples pack's workflows, as the README tells a newcomer to run them, succeed with the output it shows. */
public class WorkflowExamplesEndToEndTest {

    private static Api api;

    @BeforeAll
    static void connect() {
        api = new Api(TestApplication.shared().url());
    }

    private static JsonNode run(String action, Map<String, Object> parameters) {
        Api.Response created = api.post("/api/v1/executions", Api.json(Map.of("action", action, "parameters", parameters)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode done = ExecutionApiEndToEndTest.awaitTerminal(api, created.json().path("id").asLong(), Duration.ofSeconds(60));
        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("succeeded");
        return done;
    }

    @Test
    void sequencePublishesFromOneTaskToTheNext() {
        JsonNode done = run("examples.sequence", Map.of("who", "Ada"));
        assertThat(done.path("result").path("greeting").asText()).isEqualTo("Hello, Ada");
        assertThat(done.path("result").path("shouted").asText()).isEqualTo("HELLO, ADA!\n");
    }

    @Test
    void parallelJoinsBothBranches() {
        JsonNode done = run("examples.parallel", Map.of());
        assertThat(done.path("result").path("disk").asText()).isNotBlank();
        assertThat(done.path("result").path("memory").asText()).isNotBlank();
        JsonNode tasks = api.get("/api/v1/executions/" + done.path("id").asLong() + "/tasks").json();
        assertThat(tasks.findValuesAsText("task")).containsExactly("start", "disk", "memory", "report");
    }

    @Test
    void eachHostRunsOneChildPerHostAndKeepsHostOrder() {
        JsonNode done = run("examples.each_host", Map.of("hosts", List.of("a", "b", "c")));
        JsonNode replies = done.path("result").path("replies");
        assertThat(replies).hasSize(3);
        assertThat(replies.findValuesAsText("stdout")).containsExactly("pong from a\n", "pong from b\n", "pong from c\n");
        assertThat(api.get("/api/v1/executions?parent=" + done.path("id").asLong()).json().path("total").asInt()).isEqualTo(3);
    }

    @Test
    void flakyRetrySucceedsOnItsSecondAttempt() {
        JsonNode done = run("examples.flaky_retry", Map.of());
        JsonNode tasks = api.get("/api/v1/executions/" + done.path("id").asLong() + "/tasks").json();
        JsonNode flaky = tasks.get(1);
        assertThat(flaky.path("task").asText()).isEqualTo("flaky");
        assertThat(flaky.path("attempt").asInt()).isEqualTo(1);
        assertThat(flaky.path("status").asText()).isEqualTo("succeeded");
    }

    @Test
    void parentRunsTheSequenceAsASubworkflowAndReadsItsOutput() {
        JsonNode done = run("examples.parent", Map.of("who", "Grace"));
        assertThat(done.path("result").path("said").asText()).isEqualTo("HELLO, GRACE!\n");
        JsonNode children = api.get("/api/v1/executions?parent=" + done.path("id").asLong()).json().path("items");
        assertThat(children.findValuesAsText("action")).containsExactlyInAnyOrder("examples.sequence", "core.echo");
    }
}
