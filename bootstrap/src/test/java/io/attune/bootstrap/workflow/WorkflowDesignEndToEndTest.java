package io.attune.bootstrap.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.attune.bootstrap.support.Api;
import io.attune.bootstrap.support.TestApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Workflow authoring through the API: validate reports every error at once with its path, simulate refuses what it
 * cannot rehearse with field-level problems, viewers may use both, and the event stream carries a workflow's task
 * status changes with the workflow's id and the task's name.
 */
public class WorkflowDesignEndToEndTest {

    private static Api api;

    @BeforeAll
    static void connect() {
        api = new Api(TestApplication.shared().url());
    }

    private static final String BROKEN = """
            version: 1.0
            input:
              - who
            tasks:
              first:
                action: core.echo message=<% ctx(whom) %>
                next:
                  - when: <% succeeded( %>
                    do: second, nowhere
              second:
                action: nosuch.action
              island:
                action: core.noop
                next:
                  - do: island
            """;

    @Test
    void validateReportsEveryErrorAtOnceWithItsPath() {
        Api.Response validated = api.post("/api/v1/workflows/validate", Api.json(Map.of("definition", BROKEN)));

        assertThat(validated.status()).as(validated.body()).isEqualTo(200);
        assertThat(validated.json().path("valid").asBoolean()).isFalse();
        JsonNode errors = validated.json().path("errors");
        assertThat(errors.findValuesAsText("field")).as(validated.body()).contains(
                "tasks.first.next[0].do", "tasks.first.next[0].when", "tasks.island", "tasks.second.action");
        assertThat(validated.body()).contains("nowhere").contains("whom").contains("nosuch.action");
    }

    @Test
    void aValidWorkflowAndAnInstalledOneValidate() {
        Api.Response byText = api.post("/api/v1/workflows/validate", Api.json(Map.of("definition", """
                version: 1.0
                tasks:
                  only:
                    action: core.noop
                """)));
        Api.Response byRef = api.post("/api/v1/workflows/validate", Api.json(Map.of("ref", "examples.parallel")));

        assertThat(byText.json().path("valid").asBoolean()).as(byText.body()).isTrue();
        assertThat(byText.json().path("errors")).isEmpty();
        assertThat(byRef.json().path("valid").asBoolean()).as(byRef.body()).isTrue();
    }

    @Test
    void validateWantsExactlyOneOfDefinitionAndRefAndKnowsNoUnknownRef() {
        Api.Response neither = api.post("/api/v1/workflows/validate", Api.json(Map.of()));
        Api.Response both = api.post("/api/v1/workflows/validate",
                Api.json(Map.of("definition", "version: 1.0", "ref", "examples.parallel")));
        Api.Response unknown = api.post("/api/v1/workflows/validate", Api.json(Map.of("ref", "examples.nosuch")));
        Api.Response misspelt = api.post("/api/v1/workflows/validate", Api.json(Map.of("defintion", "x")));

        assertThat(neither.status()).isEqualTo(422);
        assertThat(neither.json().path("errors").findValuesAsText("field")).containsExactly("definition");
        assertThat(both.status()).isEqualTo(422);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(misspelt.status()).isEqualTo(400);
    }

    @Test
    void simulateRefusesAnInvalidWorkflowABadInputAndABadMockNamingTheField() {
        Api.Response invalid = api.post("/api/v1/workflows/simulate", Api.json(Map.of("definition", BROKEN)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ref", "examples.sequence");
        body.put("input", Map.of("who", "ada", "whom", "bo"));
        body.put("mocks", List.of(Map.of("task", "greet", "status", "exploded"), Map.of("task", "nosuch")));
        Api.Response refused = api.post("/api/v1/workflows/simulate", Api.json(body));

        assertThat(invalid.status()).as(invalid.body()).isEqualTo(422);
        assertThat(invalid.json().path("errors").findValuesAsText("field")).contains("tasks.first.next[0].do");
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.json().path("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("input.whom", "mocks[0].status", "mocks[1].task");
    }

    @Test
    void anApprovalWorkflowIsDryRunWithTheAnswerOfItsCoreAskTask() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ref", "examples.approve_deploy");
        body.put("input", Map.of("version", "2.0.0"));
        body.put("mocks", List.of(Map.of("task", "ask", "response", Map.of("approved", false))));

        Api.Response simulated = api.post("/api/v1/workflows/simulate", Api.json(body));

        assertThat(simulated.status()).as(simulated.body()).isEqualTo(200);
        assertThat(simulated.json().path("tasks").toString()).isEqualTo("[\"ask\",\"skip\"]");
        assertThat(simulated.json().path("output").path("outcome").asText()).isEqualTo("skipped");
    }

    @Test
    void aViewerMaySimulateButNotRun() {
        String password = "viewer-password-1";
        api.post("/api/v1/users", Api.json(Map.of("username", "wfviewer", "password", password, "role", "viewer")));
        Api viewer = api.as("wfviewer", password);

        Api.Response simulated = viewer.post("/api/v1/workflows/simulate", Api.json(Map.of("ref", "examples.parallel",
                "mocks", List.of(Map.of("task", "disk", "result", Map.of("stdout", "90%")),
                        Map.of("task", "memory", "result", Map.of("stdout", "2G"))))));
        Api.Response run = viewer.post("/api/v1/executions", Api.json(Map.of("action", "examples.parallel")));

        assertThat(simulated.status()).as(simulated.body()).isEqualTo(200);
        assertThat(simulated.json().path("status").asText()).as(simulated.body()).isEqualTo("succeeded");
        assertThat(simulated.json().path("tasks").toString()).isEqualTo("[\"start\",\"disk\",\"memory\",\"report\"]");
        assertThat(simulated.json().path("output").path("disk").asText()).isEqualTo("90%");
        assertThat(run.status()).isEqualTo(403);
    }

    @Test
    void theStreamCarriesTaskStatusChangesWithTheirWorkflowAndTask() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        var response = http.sendAsync(HttpRequest.newBuilder(URI.create(TestApplication.shared().url() + "/api/v1/stream"))
                        .header("Authorization", Api.adminAuthorization(TestApplication.shared().url())).build(),
                HttpResponse.BodyHandlers.ofLines());
        var stream = response.get(10, TimeUnit.SECONDS);
        Thread reader = Thread.ofVirtual().start(() -> stream.body().forEach(lines::add));
        try {
            Thread.sleep(300);
            long id = api.post("/api/v1/executions", Api.json(Map.of("action", "examples.sequence",
                    "parameters", Map.of("who", "Ada")))).json().path("id").asLong();
            Map<String, String> taskEnds = new HashMap<>();
            boolean workflowEnded = false;
            Instant deadline = Instant.now().plusSeconds(30);
            ObjectMapper json = new ObjectMapper();
            while (!(workflowEnded && taskEnds.size() == 2) && Instant.now().isBefore(deadline)) {
                String line = lines.poll(500, TimeUnit.MILLISECONDS);
                if (line == null || !line.startsWith("data:")) {
                    continue;
                }
                JsonNode event = json.readTree(line.substring(5));
                if (event.path("parent").asLong() == id && event.path("status").asText().equals("succeeded")) {
                    taskEnds.put(event.path("task").asText(), event.path("action").asText());
                }
                if (event.path("execution").asLong() == id && event.path("status").asText().equals("succeeded")) {
                    workflowEnded = true;
                }
            }
            assertThat(taskEnds).containsEntry("greet", "core.echo").containsEntry("shout", "core.local");
            assertThat(workflowEnded).isTrue();
        } finally {
            reader.interrupt();
            response.cancel(true);
        }
    }
}
