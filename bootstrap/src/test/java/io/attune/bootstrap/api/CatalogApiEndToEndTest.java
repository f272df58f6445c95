package io.attune.bootstrap.api;

import static io.attune.bootstrap.api.ApiTesting.assertProblem;
import static io.attune.bootstrap.api.ApiTesting.fields;
import static io.attune.bootstrap.api.ApiTesting.refs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.attune.bootstrap.support.Api;
import io.attune.bootstrap.support.TestApplication;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The catalog of a started Attune (the bundled core and examples packs) as the API lists and shows it. */
class CatalogApiEndToEndTest {

    private static Api api;

    @BeforeAll
    static void start() {
        api = new Api(TestApplication.shared().url());
    }

    @Test
    void pagesOfACatalogListAddUpToTheWholeList() {
        JsonNode all = api.get("/api/v1/actions?pack=core&limit=1000").json();
        long total = all.path("total").asLong();
        assertThat(total).isGreaterThanOrEqualTo(3);

        List<String> paged = new ArrayList<>();
        for (int offset = 0; offset < total; offset += 2) {
            JsonNode page = api.get("/api/v1/actions?pack=core&limit=2&offset=" + offset).json();
            assertThat(page.path("limit").asInt()).isEqualTo(2);
            assertThat(page.path("offset").asInt()).isEqualTo(offset);
            assertThat(page.path("total").asLong()).isEqualTo(total);
            paged.addAll(refs(page));
        }

        assertThat(paged).isEqualTo(refs(all)).isSorted();
        assertThat(api.get("/api/v1/actions").json().path("limit").asInt()).isEqualTo(50);
    }

    @Test
    void anActionShowsItsRunnerParametersAndFormat() {
        JsonNode echo = api.get("/api/v1/actions/core.echo").json();

        assertThat(echo.path("pack").asText()).isEqualTo("core");
        assertThat(echo.path("name").asText()).isEqualTo("echo");
        assertThat(echo.path("runner").asText()).isEqualTo("internal");
        assertThat(echo.path("parameters").path("message").path("required").asBoolean()).isTrue();
        assertThat(echo.path("output_format").asText()).isIn("text", "json");
        assertThat(echo.has("entry_point")).isTrue();
        assertThat(echo.has("timeout")).isTrue();
        assertThat(echo.path("enabled").asBoolean()).isTrue();
    }

    @Test
    void triggersSensorsRulesAndPoliciesOfTheExamplesPackAreServed() {
        JsonNode webhook = api.get("/api/v1/triggers/core.webhook").json();
        assertThat(webhook.path("parameters_schema").path("required").get(0).asText()).isEqualTo("url");
        assertThat(webhook.path("payload_schema").isObject()).isTrue();

        assertThat(refs(api.get("/api/v1/sensors?pack=examples").json())).isNotEmpty();
        JsonNode sensor = api.get("/api/v1/sensors/" + refs(api.get("/api/v1/sensors?pack=examples").json()).get(0)).json();
        assertThat(sensor.path("runner").asText()).isEqualTo("python");
        assertThat(sensor.path("triggers").isArray()).isTrue();

        JsonNode rule = api.get("/api/v1/rules/examples.on_critical_alert").json();
        assertThat(rule.path("origin").asText()).isEqualTo("pack");
        assertThat(rule.path("criteria").path("trigger.severity").path("type").asText()).isEqualTo("equals");

        JsonNode policy = api.get("/api/v1/policies/examples.greet_limit").json();
        assertThat(policy.path("target").path("action").asText()).isEqualTo("examples.greet");
        assertThat(policy.path("concurrency").path("limit").asInt()).isEqualTo(2);
        assertThat(policy.path("concurrency").path("attributes").get(0).asText()).isEqualTo("name");
        assertThat(refs(api.get("/api/v1/policies?action=examples.greet").json())).contains("examples.greet_limit");
    }

    @Test
    void badListParametersAre400NamingTheParameter() {
        assertThat(fields(assertProblem(api.get("/api/v1/actions?limit=0"), 400, "invalid-parameter")))
                .containsExactly("limit");
        assertThat(fields(assertProblem(api.get("/api/v1/actions?limit=5000"), 400, "invalid-parameter")))
                .containsExactly("limit");
        assertThat(fields(assertProblem(api.get("/api/v1/rules?offset=-3"), 400, "invalid-parameter")))
                .containsExactly("offset");
        assertThat(fields(assertProblem(api.get("/api/v1/triggers?limit=many"), 400, "invalid-parameter")))
                .containsExactly("limit");
        assertThat(fields(assertProblem(api.get("/api/v1/rules?trigger=not-a-ref"), 400, "invalid-parameter")))
                .containsExactly("trigger");
    }

    @Test
    void unknownAndMalformedRefsAre404And400() {
        assertProblem(api.get("/api/v1/actions/core.nothing"), 404, "not-found");
        assertProblem(api.get("/api/v1/policies/examples.nothing"), 404, "not-found");
        assertThat(fields(assertProblem(api.get("/api/v1/sensors/NOT_A_REF"), 400, "invalid-parameter")))
                .containsExactly("ref");
    }
}
