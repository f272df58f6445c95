package io.attune.bootstrap.sensor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.attune.application.port.in.PageRequest;
import io.attune.application.port.out.EventRepository;
import io.attune.application.port.in.EventQueries.EventFilter;
import io.attune.bootstrap.support.Api;
import io.attune.bootstrap.support.TestApplication;
import io.attune.domain.event.Event;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Custom sensors on the started application with real PostgreSQL: a crashing sensor is restarted and its events still
 * arrive, a malformed line is recorded without stopping it, and disabling or uninstalling its pack ends its process.
 */
class SensorsEndToEndTest {

    private static final String PACK = "e2e_sensors";
    private static final String SENSOR = PACK + ".ticker";
    private static final Duration WAIT = Duration.ofSeconds(40);

    private final TestApplication app = TestApplication.shared();
    private final Api api = new Api(app.url());

    /**
     * A python sensor that counts its runs in a file named by its config (read from stdin, and compared with
     * ATTUNE_SENSOR_CONFIG), emits two ticks around a malformed line, and crashes on its first run; later runs emit a
     * third tick and stay up.
     */
    private static Path writePack(Path dir, boolean enabled) throws IOException {
        Path root = dir.resolve(PACK);
        Files.createDirectories(root.resolve("triggers"));
        Files.createDirectories(root.resolve("sensors"));
        Files.writeString(root.resolve("pack.yaml"), "ref: " + PACK + "\nversion: 1.0.0\ndescription: e2e sensors\n");
        Files.writeString(root.resolve("triggers/tick.yaml"), """
                ref: e2e_sensors.tick
                payload_schema:
                  type: object
                  properties:
                    n: {type: integer}
                    run: {type: integer}
                  required: [n, run]
                """);
        Files.writeString(root.resolve("sensors/ticker.yaml"), """
                ref: e2e_sensors.ticker
                runner: python
                entry_point: ticker.py
                triggers: [e2e_sensors.tick]
                enabled: %s
                config:
                  runs_file: %s
                """.formatted(enabled, dir.resolve("runs").toAbsolutePath()));
        Files.writeString(root.resolve("sensors/ticker.py"), """
                import json, os, sys, time
                config = json.loads(sys.stdin.readline())
                if json.loads(os.environ["ATTUNE_SENSOR_CONFIG"]) != config:
                    sys.exit("the config on stdin and in ATTUNE_SENSOR_CONFIG differ")
                path = config["runs_file"]
                run = int(open(path).read()) + 1 if os.path.exists(path) else 1
                with open(path, "w") as f:
                    f.write(str(run))
                def tick(n):
                    print(json.dumps({"trigger": "e2e_sensors.tick", "payload": {"n": n, "run": run}}), flush=True)
                tick(1)
                print("this is not json", flush=True)
                print(json.dumps({"trigger": "e2e_sensors.tick", "payload": {"n": "not a number", "run": run}}), flush=True)
                tick(2)
                if run == 1:
                    time.sleep(0.5)
                    print("crashing on purpose", file=sys.stderr, flush=True)
                    sys.exit(3)
                tick(3)
                time.sleep(600)
                """);
        return root;
    }

    private void install(Path root) {
        Api.Response installed = api.post("/api/v1/packs/install", Api.json(Map.of("path", root.toString())));
        assertThat(installed.status()).as(installed.body()).isEqualTo(201);
    }

    private List<Event> sensorEvents() {
        EventRepository events = app.context().getBean(EventRepository.class);
        return events.list(new EventFilter(Optional.empty(), Optional.of("sensor:" + SENSOR), Optional.empty(),
                Optional.empty()), PageRequest.first(1000)).items();
    }

    private JsonNode sensor() {
        return api.get("/api/v1/sensors/" + SENSOR).json();
    }

    private static <T> T await(String what, Supplier<T> value, Predicate<T> done) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        T last = value.get();
        while (!done.test(last)) {
            assertThat(System.nanoTime() - deadline).as("waiting for %s; last seen: %s", what, last).isNegative();
            Thread.sleep(100);
            last = value.get();
        }
        return last;
    }

    private static boolean running(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    @Test
    void aCrashingSensorIsRestartedItsEventsStillArriveAndItStopsWithItsPack(@TempDir Path dir) throws Exception {
        Path root = writePack(dir, true);
        try {
            install(root);

            List<Event> events = await("a tick from the restarted sensor", this::sensorEvents,
                    list -> list.stream().anyMatch(e -> e.payload().equals(Map.of("n", 3, "run", 2))));
            assertThat(events).allSatisfy(e -> assertThat(e.trigger().toString()).isEqualTo("e2e_sensors.tick"));
            assertThat(events).extracting(Event::payload).contains(Map.of("n", 1, "run", 1), Map.of("n", 2, "run", 1),
                    Map.of("n", 1, "run", 2), Map.of("n", 2, "run", 2));
            assertThat(events).noneMatch(e -> e.payload().get("n").equals("not a number"));

            JsonNode state = await("the sensor's state to catch up", this::sensor,
                    s -> s.path("state").asText().equals("running") && s.path("events_emitted").asLong() >= 5
                            && s.path("errors").asLong() >= 4);
            assertThat(state.path("restarts").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(state.path("last_exit_code").asInt()).isEqualTo(3);
            assertThat(state.path("last_error").asText()).contains("exited with code 3").contains("crashing on purpose");
            long pid = state.path("pid").asLong();
            assertThat(running(pid)).isTrue();

            JsonNode errors = api.get("/api/v1/sensors/" + SENSOR + "/errors").json().path("items");
            assertThat(errors.findValuesAsText("line")).contains("this is not json");
            assertThat(errors.findValuesAsText("reason")).anySatisfy(r -> assertThat(r).startsWith("not JSON"))
                    .anySatisfy(r -> assertThat(r).contains("payload"));

            install(writePack(dir, false));
            await("the disabled sensor's process to end", () -> running(pid), alive -> !alive);
            assertThat(await("the disabled state", this::sensor, s -> s.path("state").asText().equals("disabled"))
                    .path("pid").isNull()).isTrue();

            install(writePack(dir, true));
            long again = await("the re-enabled sensor to run", this::sensor,
                    s -> s.path("state").asText().equals("running")).path("pid").asLong();
            assertThat(again).isNotEqualTo(pid);
            assertThat(running(again)).isTrue();

            assertThat(api.delete("/api/v1/packs/" + PACK).status()).isEqualTo(204);
            await("the uninstalled sensor's process to end", () -> running(again), alive -> !alive);
        } finally {
            api.delete("/api/v1/packs/" + PACK);
        }
    }
}
