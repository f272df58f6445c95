package io.attune.bootstrap.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.attune.bootstrap.execution.ExecutionApiEndToEndTest;
import io.attune.bootstrap.support.Api;
import io.attune.bootstrap.support.TestApplication;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The conformance suite (src/test/resources/workflows/conformance): each case's workflow, input and mocks must give the
 * expected status, task sequence, output and errors, once through the simulation API and once through the real engine
 * on PostgreSQL and RabbitMQ, where the tasks run real actions.
 */
public class WorkflowConformanceTest {

    private static final String PACK = "conformance";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Api api;
    private static List<Case> cases;

    /** One case file. */
    record Case(String name, Map<String, Object> input, String workflow, List<Object> mocks, Map<String, Object> expect,
                boolean takesRun) {
    }

    @BeforeAll
    static void install(@TempDir Path dir) throws IOException, URISyntaxException {
        api = new Api(TestApplication.shared().url());
        cases = readCases();
        Path root = dir.resolve(PACK);
        Files.createDirectories(root.resolve("actions/workflows"));
        Files.writeString(root.resolve("pack.yaml"), """
                ref: conformance
                label: Workflow conformance
                version: 1.0.0
                description: the conformance cases as workflow actions
                """);
        for (Case c : cases) {
            String name = actionName(c);
            Files.writeString(root.resolve("actions/" + name + ".yaml"), "ref: conformance." + name
                    + "\ndescription: conformance case " + c.name() + "\nrunner: workflow\nentry_point: workflows/" + name + ".yaml\n");
            Files.writeString(root.resolve("actions/workflows/" + name + ".yaml"), c.workflow());
        }
        Api.Response installed = api.post("/api/v1/packs/install", Api.json(Map.of("path", root.toString())));
        assertThat(installed.status()).as(installed.body()).isEqualTo(201);
    }

    @AfterAll
    static void uninstall() {
        api.delete("/api/v1/packs/" + PACK);
    }

    @TestFactory
    Stream<DynamicTest> eachCaseSimulated() {
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name() + " (simulated)", () -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("definition", c.workflow());
            body.put("input", c.input());
            body.put("mocks", c.mocks());
            Api.Response simulated = api.post("/api/v1/workflows/simulate", Api.json(body));
            assertThat(simulated.status()).as(simulated.body()).isEqualTo(200);
            JsonNode outcome = simulated.json();
            assertThat(outcome.path("status").asText()).as(simulated.body()).isEqualTo(c.expect().get("status"));
            assertThat(JSON.convertValue(outcome.path("tasks"), List.class)).as(simulated.body())
                    .isEqualTo(c.expect().get("tasks"));
            expectOutputAndErrors(c, outcome.path("output"), outcome.path("errors"), simulated.body());
        }));
    }

    @TestFactory
    Stream<DynamicTest> eachCaseOnTheRealEngine() {
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name() + " (real engine)", () -> {
            Map<String, Object> input = new LinkedHashMap<>(c.input());
            if (c.takesRun()) {
                input.put("run", UUID.randomUUID().toString());
            }
            Api.Response created = api.post("/api/v1/executions",
                    Api.json(Map.of("action", "conformance." + actionName(c), "parameters", input)));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            long id = created.json().path("id").asLong();
            JsonNode done = ExecutionApiEndToEndTest.awaitTerminal(api, id, Duration.ofSeconds(60));
            assertThat(done.path("status").asText()).as(done.toString()).isEqualTo(c.expect().get("status"));
            JsonNode runs = api.get("/api/v1/executions/" + id + "/tasks").json();
            List<String> sequence = new ArrayList<>();
            for (JsonNode run : runs) {
                for (int attempt = 0; attempt <= run.path("attempt").asInt(); attempt++) {
                    sequence.add(run.path("task").asText());
                }
            }
            assertThat(sequence).as(runs.toString()).isEqualTo(c.expect().get("tasks"));
            expectOutputAndErrors(c, done.path("result"), done.path("errors"), done.toString());
        }));
    }

    private static void expectOutputAndErrors(Case c, JsonNode output, JsonNode errors, String context) {
        if (c.expect().containsKey("output")) {
            assertThat(JSON.convertValue(output, Map.class)).as(context)
                    .isEqualTo(JSON.convertValue(c.expect().get("output"), Map.class));
        }
        if (c.expect().get("errors") instanceof List<?> expected) {
            assertThat(errors.size()).as(context).isEqualTo(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                JsonNode actual = errors.get(i);
                ((Map<?, ?>) expected.get(i)).forEach((k, v) ->
                        assertThat(actual.path(String.valueOf(k)).asText()).as(context).isEqualTo(String.valueOf(v)));
            }
        }
    }

    private static String actionName(Case c) {
        return c.name().replace('-', '_');
    }

    @SuppressWarnings("unchecked")
    private static List<Case> readCases() throws IOException, URISyntaxException {
        Path folder = Path.of(WorkflowConformanceTest.class.getResource("/workflows/conformance").toURI());
        List<Case> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                Map<String, Object> doc;
                try (InputStream in = Files.newInputStream(file)) {
                    doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
                }
                String name = file.getFileName().toString().replace(".yaml", "");
                String workflow = (String) doc.get("workflow");
                found.add(new Case(name, doc.get("input") == null ? Map.of() : (Map<String, Object>) doc.get("input"),
                        workflow, doc.get("mocks") == null ? List.of() : (List<Object>) doc.get("mocks"),
                        (Map<String, Object>) doc.get("expect"), workflow.contains("- run:")));
            }
        }
        assertThat(found).isNotEmpty();
        return found;
    }
}
