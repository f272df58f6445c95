package io.attune.adapters.http;

import static io.attune.adapters.http.ProblemAssert.assertProblem;
import static io.attune.adapters.http.ProblemAssert.fields;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.attune.adapters.http.fake.FakeCatalog;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@MicronautTest
class CatalogApiTest {

    @Inject
    EmbeddedServer server;

    @Inject
    FakeCatalog catalog;

    Http http;

    @BeforeEach
    void setUp() {
        catalog.reset();
        http = new Http(server.getURL());
    }

    @Test
    void listsComeInTheEnvelopeWithDefaultPaging() {
        Http.Reply reply = http.get("/api/v1/actions");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("application/json");
        JsonNode list = reply.json();
        assertThat(refs(list)).containsExactly("core.echo", "core.local", "demo.greet", "demo.report");
        assertThat(list.path("total").asLong()).isEqualTo(4);
        assertThat(list.path("limit").asInt()).isEqualTo(50);
        assertThat(list.path("offset").asInt()).isEqualTo(0);
    }

    @Test
    void limitAndOffsetSelectAPageWhileTotalCountsEverything() {
        JsonNode list = http.get("/api/v1/actions?limit=2&offset=1").json();

        assertThat(refs(list)).containsExactly("core.local", "demo.greet");
        assertThat(list.path("total").asLong()).isEqualTo(4);
        assertThat(list.path("limit").asInt()).isEqualTo(2);
        assertThat(list.path("offset").asInt()).isEqualTo(1);
    }

    @Test
    void anEmptyPageStillHasItsItemsArray() {
        JsonNode list = http.get("/api/v1/actions?offset=100").json();

        assertThat(list.path("items").isArray()).isTrue();
        assertThat(list.path("items")).isEmpty();
        assertThat(list.path("total").asLong()).isEqualTo(4);
    }

    @Test
    void limitOutOfRangeIsA400NamingTheParameter() {
        assertThat(fields(assertProblem(http.get("/api/v1/actions?limit=0"), 400, "invalid-parameter")))
                .containsExactly("limit");
        assertThat(fields(assertProblem(http.get("/api/v1/actions?limit=1001"), 400, "invalid-parameter")))
                .containsExactly("limit");
        assertThat(fields(assertProblem(http.get("/api/v1/actions?offset=-1"), 400, "invalid-parameter")))
                .containsExactly("offset");
    }

    @Test
    void aLimitThatIsNotANumberIsA400NamingTheParameter() {
        JsonNode problem = assertProblem(http.get("/api/v1/rules?limit=ten"), 400, "invalid-parameter");

        assertThat(fields(problem)).containsExactly("limit");
        assertThat(problem.path("detail").asText()).contains("limit", "integer");
    }

    @Test
    void actionsFilterByPackAndRunner() {
        assertThat(refs(http.get("/api/v1/actions?pack=demo").json())).containsExactly("demo.greet", "demo.report");
        assertThat(refs(http.get("/api/v1/actions?runner=shell").json())).containsExactly("core.local", "demo.greet");
        assertThat(refs(http.get("/api/v1/actions?pack=demo&runner=python").json())).containsExactly("demo.report");
    }

    @Test
    void anUnknownRunnerOrAnInvalidPackNameIsA400() {
        assertThat(fields(assertProblem(http.get("/api/v1/actions?runner=cobol"), 400, "invalid-parameter")))
                .containsExactly("runner");
        assertThat(fields(assertProblem(http.get("/api/v1/actions?pack=Not-A-Pack"), 400, "invalid-parameter")))
                .containsExactly("pack");
    }

    @Test
    void anActionShowsEveryField() {
        JsonNode action = http.get("/api/v1/actions/demo.greet").json();

        assertThat(action.path("ref").asText()).isEqualTo("demo.greet");
        assertThat(action.path("pack").asText()).isEqualTo("demo");
        assertThat(action.path("name").asText()).isEqualTo("greet");
        assertThat(action.path("description").asText()).isEqualTo("Greets someone");
        assertThat(action.path("runner").asText()).isEqualTo("shell");
        assertThat(action.path("entry_point").asText()).isEqualTo("greet.sh");
        assertThat(action.path("parameters").path("name").path("required").asBoolean()).isTrue();
        assertThat(action.path("parameters").path("token").path("secret").asBoolean()).isTrue();
        assertThat(action.path("output_format").asText()).isEqualTo("json");
        assertThat(action.path("timeout").asInt()).isEqualTo(30);
        assertThat(action.path("enabled").asBoolean()).isTrue();
    }

    @Test
    void absentOptionalFieldsAreNullAndEmptyOnesAreKept() {
        JsonNode action = http.get("/api/v1/actions/core.local").json();

        assertThat(action.has("entry_point")).isTrue();
        assertThat(action.path("entry_point").isNull()).isTrue();
        assertThat(action.path("parameters").isObject()).isTrue();
        assertThat(action.path("parameters")).isEmpty();
        assertThat(http.get("/api/v1/actions/demo.report").json().path("enabled").asBoolean()).isFalse();
    }

    @Test
    void anUnknownRefIsA404() {
        JsonNode problem = assertProblem(http.get("/api/v1/actions/demo.nothing"), 404, "not-found");

        assertThat(problem.path("detail").asText()).contains("demo.nothing");
        assertThat(problem.path("instance").asText()).isEqualTo("/api/v1/actions/demo.nothing");
    }

    @Test
    void aMalformedRefIsA400NamingIt() {
        JsonNode problem = assertProblem(http.get("/api/v1/actions/NoDot"), 400, "invalid-parameter");

        assertThat(fields(problem)).containsExactly("ref");
        assertThat(problem.path("detail").asText()).contains("pack.name");
    }

    @Test
    void triggersShowTheirSchemas() {
        assertThat(refs(http.get("/api/v1/triggers?pack=core").json())).containsExactly("core.intervaltimer");
        JsonNode trigger = http.get("/api/v1/triggers/demo.alert").json();

        assertThat(trigger.path("pack").asText()).isEqualTo("demo");
        assertThat(trigger.path("description").asText()).isEqualTo("An alert");
        assertThat(trigger.path("payload_schema").path("properties").path("severity").path("type").asText())
                .isEqualTo("string");
        assertThat(trigger.path("parameters_schema").isObject()).isTrue();
    }

    @Test
    void sensorsShowRunnerTriggersAndConfig() {
        JsonNode sensor = http.get("/api/v1/sensors/demo.watch").json();

        assertThat(sensor.path("runner").asText()).isEqualTo("python");
        assertThat(sensor.path("entry_point").asText()).isEqualTo("watch.py");
        assertThat(sensor.path("triggers").get(0).asText()).isEqualTo("demo.alert");
        assertThat(sensor.path("enabled").asBoolean()).isTrue();
        assertThat(sensor.path("config").path("interval").asInt()).isEqualTo(5);
        assertThat(refs(http.get("/api/v1/sensors?runner=node").json())).isEmpty();
    }

    @Test
    void policiesShowTargetConcurrencyAndRateLimit() {
        JsonNode policy = http.get("/api/v1/policies/demo.greet_limit").json();

        assertThat(policy.path("target").path("action").asText()).isEqualTo("demo.greet");
        assertThat(policy.path("concurrency").path("limit").asInt()).isEqualTo(2);
        assertThat(policy.path("concurrency").path("behavior").asText()).isEqualTo("delay");
        assertThat(policy.path("concurrency").path("attributes").get(0).asText()).isEqualTo("name");
        assertThat(policy.path("rate_limit").path("max").asInt()).isEqualTo(100);
        assertThat(policy.path("rate_limit").path("window_seconds").asInt()).isEqualTo(60);
        assertThat(policy.path("rate_limit").path("behavior").asText()).isEqualTo("delay");
        assertThat(policy.path("enabled").asBoolean()).isTrue();

        JsonNode global = http.get("/api/v1/policies/core.global_rate").json();
        assertThat(global.path("target").path("global").asBoolean()).isTrue();
        assertThat(global.has("concurrency")).isTrue();
        assertThat(global.path("concurrency").isNull()).isTrue();
        assertThat(global.path("rate_limit").path("behavior").asText()).isEqualTo("reject");
        assertThat(http.get("/api/v1/policies/demo.pack_cap").json().path("target").path("pack").asText())
                .isEqualTo("demo");
    }

    @Test
    void policiesFilterByPackAndByTheActionTheyApplyTo() {
        assertThat(refs(http.get("/api/v1/policies?pack=core").json())).containsExactly("core.global_rate");
        assertThat(refs(http.get("/api/v1/policies?action=demo.greet").json()))
                .containsExactly("core.global_rate", "demo.greet_limit", "demo.pack_cap");
        assertThat(fields(assertProblem(http.get("/api/v1/policies?action=greet"), 400, "invalid-parameter")))
                .containsExactly("action");
    }

    @Test
    void packsListAndShow() {
        JsonNode list = http.get("/api/v1/packs").json();
        assertThat(refs(list)).containsExactly("core", "demo");

        JsonNode pack = http.get("/api/v1/packs/demo").json();
        assertThat(pack.path("name").asText()).isEqualTo("Demo");
        assertThat(pack.path("version").asText()).isEqualTo("0.1.0");
        assertThat(pack.path("path").asText()).isEqualTo("/opt/attune/packs/demo");
        assertProblem(http.get("/api/v1/packs/nothing"), 404, "not-found");
        assertThat(fields(assertProblem(http.get("/api/v1/packs/Bad.Name"), 400, "invalid-parameter")))
                .containsExactly("ref");
    }

    static List<String> refs(JsonNode list) {
        List<String> refs = new ArrayList<>();
        list.path("items").forEach(item -> refs.add(item.path("ref").asText()));
        return refs;
    }
}
