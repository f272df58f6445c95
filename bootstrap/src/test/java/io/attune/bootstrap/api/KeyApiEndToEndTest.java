package io.attune.bootstrap.api;

import static io.attune.bootstrap.api.ApiTesting.assertProblem;
import static io.attune.bootstrap.api.ApiTesting.fields;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.attune.bootstrap.support.Api;
import io.attune.bootstrap.support.TestApplication;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The key datastore through the API of a started Attune: a secret value never comes back out. */
class KeyApiEndToEndTest {

    private static final String SECRET = "e2e-very-secret-value-4711";
    private static Api api;

    @BeforeAll
    static void start() {
        api = new Api(TestApplication.shared().url());
    }

    @Test
    void aSecretKeyIsStoredButItsValueIsNeverReturned() {
        Api.Response put = api.put("/api/v1/keys/e2e.db_password",
                "{\"value\": \"" + SECRET + "\", \"secret\": true, \"scope\": \"pack:core\"}");
        Api.Response get = api.get("/api/v1/keys/e2e.db_password?scope=pack:core");
        Api.Response list = api.get("/api/v1/keys?scope=pack:core&prefix=e2e.");

        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(get.status()).isEqualTo(200);
        for (Api.Response response : new Api.Response[] {put, get, list, api.get("/api/v1/keys?limit=1000")}) {
            assertThat(response.body()).doesNotContain(SECRET);
        }
        assertThat(get.json().path("secret").asBoolean()).isTrue();
        assertThat(get.json().path("value").isNull()).isTrue();
        assertThat(list.json().path("total").asLong()).isEqualTo(1);
    }

    @Test
    void aPlainKeyIsShownReplacedAndDeleted() {
        assertThat(api.put("/api/v1/keys/e2e.greeting", "{\"value\": \"hello\"}").status()).isEqualTo(200);
        assertThat(api.put("/api/v1/keys/e2e.greeting", "{\"value\": \"hi\", \"ttl\": 3600}").status()).isEqualTo(200);

        JsonNode key = api.get("/api/v1/keys/e2e.greeting").json();
        assertThat(key.path("value").asText()).isEqualTo("hi");
        assertThat(key.path("scope").asText()).isEqualTo("system");
        assertThat(key.path("expires_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

        assertThat(api.delete("/api/v1/keys/e2e.greeting").status()).isEqualTo(204);
        assertProblem(api.get("/api/v1/keys/e2e.greeting"), 404, "not-found");
    }

    @Test
    void badScopesNamesAndValuesAreRefusedNamingTheField() {
        assertThat(fields(assertProblem(api.get("/api/v1/keys/e2e.x?scope=everyone"), 400, "invalid-parameter")))
                .containsExactly("scope");
        assertThat(fields(assertProblem(api.put("/api/v1/keys/e2e.x", "{\"value\": \"v\", \"ttl\": -5}"), 422,
                "invalid-input"))).containsExactly("ttl");
        assertThat(fields(assertProblem(api.put("/api/v1/keys/e2e.x", "{}"), 422, "invalid-input")))
                .containsExactly("value");
    }
}
