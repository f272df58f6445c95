package io.attune.adapters.http;

import static io.attune.adapters.http.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.attune.adapters.http.fake.FakeCatalog;
import io.attune.adapters.http.fake.FakeSensorQueries;
import io.attune.domain.common.Ref;
import io.attune.domain.sensor.SensorError;
import io.attune.domain.sensor.SensorState;
import io.attune.domain.sensor.SensorStatus;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@MicronautTest
class SensorApiTest {

    private static final Ref WATCH = Ref.parse("demo.watch");
    private static final Instant T0 = Instant.parse("2031-02-03T04:05:06.789Z");

    @Inject
    EmbeddedServer server;

    @Inject
    FakeCatalog catalog;

    @Inject
    FakeSensorQueries sensors;

    Http http;

    @BeforeEach
    void setUp() {
        catalog.reset();
        sensors.reset();
        http = new Http(server.getURL());
    }

    @Test
    void aSensorShowsItsRuntimeStateNextToItsCatalogData() {
        sensors.put(new SensorState(WATCH, SensorStatus.BACKOFF, Optional.of("host-1"), Optional.empty(),
                Optional.empty(), 2, Optional.of(3), Optional.of("exited with code 3: boom"), 12, 1, T0.plusSeconds(1)));

        JsonNode sensor = http.get("/api/v1/sensors/demo.watch").json();

        assertThat(sensor.path("runner").asText()).isEqualTo("python");
        assertThat(sensor.path("state").asText()).isEqualTo("backoff");
        assertThat(sensor.path("instance").asText()).isEqualTo("host-1");
        assertThat(sensor.path("pid").isNull()).isTrue();
        assertThat(sensor.path("started_at").isNull()).isTrue();
        assertThat(sensor.path("restarts").asInt()).isEqualTo(2);
        assertThat(sensor.path("last_exit_code").asInt()).isEqualTo(3);
        assertThat(sensor.path("last_error").asText()).isEqualTo("exited with code 3: boom");
        assertThat(sensor.path("events_emitted").asLong()).isEqualTo(12);
        assertThat(sensor.path("errors").asLong()).isEqualTo(1);
        assertThat(sensor.path("state_updated_at").asText()).isEqualTo("2031-02-03T04:05:07.789Z");
    }

    @Test
    void theListShowsEachSensorsStateAndNullForOneNotSupervisedYet() {
        JsonNode unsupervised = http.get("/api/v1/sensors").json().path("items").get(0);
        assertThat(unsupervised.path("ref").asText()).isEqualTo("demo.watch");
        assertThat(unsupervised.path("state").isNull()).isTrue();
        assertThat(unsupervised.path("restarts").asInt()).isZero();

        sensors.put(new SensorState(WATCH, SensorStatus.RUNNING, Optional.of("host-1"), Optional.of(4242L),
                Optional.of(T0), 0, Optional.empty(), Optional.empty(), 5, 0, T0));
        JsonNode running = http.get("/api/v1/sensors").json().path("items").get(0);

        assertThat(running.path("state").asText()).isEqualTo("running");
        assertThat(running.path("pid").asLong()).isEqualTo(4242);
        assertThat(running.path("started_at").asText()).isEqualTo("2031-02-03T04:05:06.789Z");
        assertThat(running.path("events_emitted").asLong()).isEqualTo(5);
    }

    @Test
    void errorsAreListedNewestFirstWithALimit() {
        sensors.error(WATCH, new SensorError(T0, "hello", "not JSON: Unrecognized token 'hello'"));
        sensors.error(WATCH, new SensorError(T0.plusSeconds(1), "{\"payload\": {}}", "no \"trigger\""));

        JsonNode all = http.get("/api/v1/sensors/demo.watch/errors").json();
        assertThat(all.path("items")).hasSize(2);
        assertThat(all.path("items").get(0).path("line").asText()).isEqualTo("{\"payload\": {}}");
        assertThat(all.path("items").get(0).path("occurred_at").asText()).isEqualTo("2031-02-03T04:05:07.789Z");
        assertThat(all.path("items").get(1).path("reason").asText()).startsWith("not JSON");
        assertThat(all.path("total").asLong()).isEqualTo(2);

        assertThat(http.get("/api/v1/sensors/demo.watch/errors?limit=1").json().path("items")).hasSize(1);
    }

    @Test
    void errorsOfAnUnknownSensorAreNotFoundAndABadLimitIsRefused() {
        assertProblem(http.get("/api/v1/sensors/demo.nothing/errors"), 404, "not-found");
        assertProblem(http.get("/api/v1/sensors/demo.watch/errors?limit=0"), 400, "invalid-parameter");
    }
}
