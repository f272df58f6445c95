package io.attune.adapters.http;

import static io.attune.adapters.http.ProblemAssert.assertProblem;
import static io.attune.adapters.http.ProblemAssert.fields;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.attune.adapters.http.fake.FakeEvents;
import io.attune.domain.common.Ref;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The events, enforcements and rule dry-run endpoints over in-memory use cases. */
@MicronautTest
class EventApiTest {

    @Inject
    EmbeddedServer server;

    @Inject
    FakeEvents events;

    Http http;

    @BeforeEach
    void setUp() {
        events.reset();
        http = new Http(server.getURL());
    }

    @Test
    void recordingAnEventAnswers201WithItsLocationAndTheApiSource() {
        Http.Reply reply = http.post("/api/v1/events", "{\"trigger\": \"demo.alert\", \"payload\": {\"host\": \"web-1\"}}");

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.location()).endsWith("/api/v1/events/1");
        JsonNode event = reply.json();
        assertThat(event.path("trigger").asText()).isEqualTo("demo.alert");
        assertThat(event.path("payload").path("host").asText()).isEqualTo("web-1");
        assertThat(event.path("source").asText()).isEqualTo("api");
        assertThat(event.path("occurred_at").asText()).isEqualTo("2026-01-02T03:04:05.678Z");
        assertThat(http.get("/api/v1/events/1").json().path("id").asLong()).isEqualTo(1);
    }

    @Test
    void badEventsAreProblemsNamingTheField() {
        assertThat(fields(assertProblem(http.post("/api/v1/events", "{\"payload\": {}}"), 422, "invalid-input")))
                .containsExactly("trigger");
        assertProblem(http.post("/api/v1/events", "{\"trigger\": \"demo.ghost\"}"), 404, "not-found");
        assertThat(fields(assertProblem(http.post("/api/v1/events", "{\"trigger\": \"demo.alert\", \"payload\": {\"bad\": 1}}"),
                422, "invalid-input"))).containsExactly("payload.bad");
        assertProblem(http.get("/api/v1/events/99"), 404, "not-found");
        assertThat(fields(assertProblem(http.post("/api/v1/events",
                "{\"trigger\": \"demo.alert\", \"payload\": {\"host\": [\"ok\", \"a\\u0000b\"]}}"), 422, "invalid-input")))
                .containsExactly("payload.host[1]");
        assertThat(events.filters()).isEmpty();
    }

    @Test
    void listsFilterAndRefuseBadFilters() {
        http.post("/api/v1/events", "{\"trigger\": \"demo.alert\"}");

        JsonNode list = http.get("/api/v1/events?trigger=demo.alert&source=api&since=2026-01-01T00:00:00Z").json();

        assertThat(list.path("total").asLong()).isEqualTo(1);
        assertThat(events.filters().get(0).trigger()).contains(Ref.parse("demo.alert"));
        assertThat(events.filters().get(0).source()).isEqualTo(Optional.of("api"));
        assertThat(fields(assertProblem(http.get("/api/v1/events?since=yesterday"), 400, "invalid-parameter")))
                .containsExactly("since");
        assertThat(fields(assertProblem(http.get("/api/v1/enforcements?status=maybe"), 400, "invalid-parameter")))
                .containsExactly("status");
    }

    @Test
    void enforcementsAndTracesShowWhatCameOfAnEvent() {
        http.post("/api/v1/events", "{\"trigger\": \"demo.alert\"}");

        JsonNode enforcement = http.get("/api/v1/enforcements?event=1").json().path("items").get(0);
        assertThat(enforcement.path("rule").asText()).isEqualTo("demo.on_alert");
        assertThat(enforcement.path("status").asText()).isEqualTo("failed");
        assertThat(enforcement.path("failure").asText()).isEqualTo("cannot render");
        assertThat(enforcement.path("rendered_parameters").path("token").asText()).isEqualTo("********");
        assertThat(enforcement.path("execution").isNull()).isTrue();

        JsonNode trace = http.get("/api/v1/events/1/trace").json();
        assertThat(trace.path("event").path("id").asLong()).isEqualTo(1);
        assertThat(trace.path("enforcements").get(0).path("enforcement").path("rule").asText()).isEqualTo("demo.on_alert");
        assertThat(trace.path("enforcements").get(0).path("execution").isNull()).isTrue();
        assertProblem(http.get("/api/v1/events/7/trace"), 404, "not-found");
        assertProblem(http.get("/api/v1/enforcements/7"), 404, "not-found");
    }

    @Test
    void aRuleDryRunSaysWhichCriterionFailedAndWhatWouldBeRendered() {
        JsonNode test = http.post("/api/v1/rules/demo.on_alert/test", "{\"payload\": {\"host\": \"web-1\"}}").json();

        assertThat(test.path("matched").asBoolean()).isFalse();
        assertThat(test.path("failed_criterion").path("path").asText()).isEqualTo("trigger.severity");
        assertThat(test.path("failed_criterion").path("reason").asText()).contains("critical");
        assertThat(test.path("parameters").path("name").asText()).isEqualTo("web-1");
        assertThat(test.path("parameter_errors").isArray()).isTrue();
        assertProblem(http.post("/api/v1/rules/demo.ghost/test", "{}"), 404, "not-found");
        assertProblem(http.post("/api/v1/rules/not-a-ref/test", "{}"), 400, "invalid-parameter");
    }
}
