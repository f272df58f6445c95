package io.attune.bootstrap.execution;

import static io.attune.bootstrap.execution.ExecutionApiEndToEndTest.awaitTerminal;
import static io.attune.bootstrap.execution.ExecutionApiEndToEndTest.sleep;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.attune.bootstrap.support.Api;
import io.attune.bootstrap.support.TestApplication;
import io.attune.bootstrap.support.WorkerDeathScene;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An action's {@code retry} on the whole platform: a failure is retried after its delay as a new execution linked to
 * it, as many times as it says, and the chain ends with the last attempt's outcome; a worker killed in the middle of an
 * action whose retry names {@code abandoned} turns into a retry that succeeds on the worker that is left.
 */
class RetriesEndToEndTest {

    @Test
    void aFailureIsRetriedAfterItsDelayAndTheChainEndsWithTheLastOutcome(@TempDir Path dir) throws IOException {
        Api api = new Api(TestApplication.shared().url());
        Path root = dir.resolve("e2e_retry");
        Files.createDirectories(root.resolve("actions"));
        Files.writeString(root.resolve("pack.yaml"), "ref: e2e_retry\nversion: 1.0.0\n");
        // fails until the counter in the file reaches `succeed_at` (never, for 0)
        Files.writeString(root.resolve("actions/flaky.sh"), """
                #!/bin/bash
                n=$(( $(cat "$ATTUNE_PARAM_COUNTER" 2>/dev/null || echo 0) + 1 ))
                echo "$n" > "$ATTUNE_PARAM_COUNTER"
                echo "attempt $n"
                [ "$ATTUNE_PARAM_SUCCEED_AT" -ne 0 ] && [ "$n" -ge "$ATTUNE_PARAM_SUCCEED_AT" ]
                """);
        Files.writeString(root.resolve("actions/flaky.yaml"), """
                name: flaky
                runner: shell
                entry_point: flaky.sh
                parameters:
                  counter: {type: string, required: true}
                  succeed_at: {type: integer, default: 0}
                retry: {on: [failed], count: 2, delay: 1}
                """);
        Api.Response installed = api.post("/api/v1/packs/install", Api.json(Map.of("path", root.toString())));
        assertThat(installed.status()).as(installed.body()).isEqualTo(201);
        assertThat(installed.json().path("warnings")).as("retry is a known key now").isEmpty();

        List<JsonNode> broken = chain(api, run(api, Map.of("counter", dir.resolve("broken").toString())));
        List<JsonNode> healed = chain(api, run(api, Map.of("counter", dir.resolve("healed").toString(), "succeed_at", 3)));

        assertThat(broken).extracting(e -> e.path("status").asText()).containsExactly("failed", "failed", "failed");
        assertThat(healed).extracting(e -> e.path("status").asText()).containsExactly("failed", "failed", "succeeded");
        for (List<JsonNode> chain : List.of(broken, healed)) {
            assertThat(chain).extracting(e -> e.path("attempt").asInt()).containsExactly(1, 2, 3);
            assertThat(chain.get(0).path("retry_of").isNull()).isTrue();
            assertThat(chain.get(2).path("retried_by").isNull()).as("count 2: the chain ends").isTrue();
            for (int i = 1; i < chain.size(); i++) {
                assertThat(chain.get(i).path("retry_of").asLong()).isEqualTo(chain.get(i - 1).path("id").asLong());
                Instant previousEnd = Instant.parse(chain.get(i - 1).path("finished_at").asText());
                Instant start = Instant.parse(chain.get(i).path("started_at").asText());
                assertThat(Duration.between(previousEnd, start)).as("the retry waits its delay")
                        .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
            }
        }
        assertThat(healed.get(2).path("stdout").asText()).isEqualTo("attempt 3\n");
    }

    @Test
    void aStackStormRetryPolicyRetriesTheActionItNames(@TempDir Path dir) throws IOException {
        Api api = new Api(TestApplication.shared().url());
        Path root = dir.resolve("e2e_pretry");
        Files.createDirectories(root.resolve("actions"));
        Files.createDirectories(root.resolve("policies"));
        Files.writeString(root.resolve("pack.yaml"), "ref: e2e_pretry\nversion: 1.0.0\n");
        Files.writeString(root.resolve("actions/fail.yaml"), "name: fail\nrunner: shell\nentry_point: fail.sh\n");
        Files.writeString(root.resolve("actions/fail.sh"), "#!/bin/bash\nexit 1\n");
        Files.writeString(root.resolve("policies/retry.yaml"), """
                name: retry
                resource_ref: e2e_pretry.fail
                policy_type: action.retry
                parameters: {retry_on: failure, max_retry_count: 1, delay: 0}
                """);
        Api.Response installed = api.post("/api/v1/packs/install", Api.json(Map.of("path", root.toString())));
        assertThat(installed.status()).as(installed.body()).isEqualTo(201);
        Api.Response created = api.post("/api/v1/executions", Api.json(Map.of("action", "e2e_pretry.fail")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);

        List<JsonNode> chain = chain(api, created.json().path("id").asLong());

        assertThat(chain).extracting(e -> e.path("status").asText()).containsExactly("failed", "failed");
        JsonNode policy = api.get("/api/v1/policies/e2e_pretry.retry").json();
        assertThat(policy.path("retry").path("on").toString()).isEqualTo("[\"failed\"]");
        assertThat(policy.path("retry").path("count").asInt()).isEqualTo(1);
    }

    @Test
    void aWorkerKilledMidActionBecomesARetryOnTheWorkerThatIsLeft(@TempDir Path dir) throws Exception {
        try (WorkerDeathScene scene = WorkerDeathScene.start()) {
            Api api = scene.api();
            installHang(api, dir);
            scene.awaitWorker();
            Path mark = dir.resolve("hang.started");
            Api.Response created = api.post("/api/v1/executions",
                    Api.json(Map.of("action", "e2e_crash.hang", "parameters", Map.of("mark", mark.toString()))));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            long first = created.json().path("id").asLong();
            awaitFile(mark);
            String deadWorker = api.get("/api/v1/executions/" + first).json().path("worker").asText();

            scene.killWorkerAndStartAnother();

            List<JsonNode> chain = chain(api, first);
            assertThat(chain).extracting(e -> e.path("status").asText()).containsExactly("abandoned", "succeeded");
            assertThat(chain.get(0).path("failure").asText()).contains("is gone");
            assertThat(chain.get(1).path("retry_of").asLong()).isEqualTo(first);
            assertThat(chain.get(1).path("worker").asText()).isNotEqualTo(deadWorker);
        }
    }

    private static long run(Api api, Map<String, Object> parameters) {
        Api.Response created = api.post("/api/v1/executions",
                Api.json(Map.of("action", "e2e_retry.flaky", "parameters", parameters)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("id").asLong();
    }

    /** The executions of a retry chain from its first, each once it ended, following retried_by. */
    private static List<JsonNode> chain(Api api, long first) {
        List<JsonNode> chain = new ArrayList<>();
        long next = first;
        while (next != 0) {
            JsonNode ended = awaitTerminal(api, next, Duration.ofSeconds(40));
            // a retry is made in the end's transaction: once ended, retried_by is final
            chain.add(ended);
            next = ended.path("retried_by").asLong(0);
            assertThat(chain).as("a chain of at most count + 1").hasSizeLessThanOrEqualTo(3);
        }
        return chain;
    }

    /** A shell action that, the first time for a mark, writes the mark and hangs; later it ends at once. */
    private static void installHang(Api api, Path dir) throws IOException {
        Path root = dir.resolve("e2e_crash");
        Files.createDirectories(root.resolve("actions"));
        Files.writeString(root.resolve("pack.yaml"), "ref: e2e_crash\nversion: 1.0.0\n");
        Files.writeString(root.resolve("actions/hang.yaml"), """
                name: hang
                runner: shell
                entry_point: hang.sh
                parameters:
                  mark: {type: string, required: true}
                retry: {on: [abandoned], count: 1}
                """);
        Files.writeString(root.resolve("actions/hang.sh"), """
                #!/bin/bash
                if [ ! -e "$ATTUNE_PARAM_MARK" ]; then
                  touch "$ATTUNE_PARAM_MARK"
                  sleep 60
                fi
                """);
        Api.Response installed = api.post("/api/v1/packs/install", Api.json(Map.of("path", root.toString())));
        assertThat(installed.status()).as(installed.body()).isEqualTo(201);
    }

    private static void awaitFile(Path file) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (!Files.exists(file) && Instant.now().isBefore(deadline)) {
            sleep(50);
        }
        assertThat(file).exists();
    }
}
