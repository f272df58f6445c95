package io.attune.adapters.http;

import static io.attune.adapters.http.ProblemAssert.assertProblem;
import static io.attune.adapters.http.ProblemAssert.fields;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.attune.adapters.http.fake.FakeKeys;
import io.attune.domain.key.KeyScope;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@MicronautTest
class KeyApiTest {

    private static final String SECRET = "s3cr3t-value-that-must-not-leak";

    @Inject
    EmbeddedServer server;

    @Inject
    FakeKeys keys;

    Http http;

    @BeforeEach
    void setUp() {
        keys.reset();
        http = new Http(server.getURL());
    }

    @Test
    void aSecretValueIsNeverReturnedButIsStored() {
        Http.Reply put = http.put("/api/v1/keys/db.password",
                "{\"value\": \"" + SECRET + "\", \"secret\": true, \"scope\": \"pack:demo\"}");
        Http.Reply get = http.get("/api/v1/keys/db.password?scope=pack:demo");
        Http.Reply list = http.get("/api/v1/keys");
        Http.Reply scoped = http.get("/api/v1/keys?scope=pack:demo&prefix=db.");

        assertThat(put.status()).isEqualTo(200);
        for (Http.Reply reply : new Http.Reply[] {put, get, list, scoped}) {
            assertThat(reply.body()).doesNotContain(SECRET);
        }
        JsonNode key = get.json();
        assertThat(key.path("secret").asBoolean()).isTrue();
        assertThat(key.path("value").isNull()).isTrue();
        assertThat(key.path("scope").asText()).isEqualTo("pack:demo");
        assertThat(list.json().path("items").get(0).path("value").isNull()).isTrue();
        assertThat(scoped.json().path("total").asLong()).isEqualTo(1);
        assertThat(keys.stored("db.password", new KeyScope.Pack("demo")).orElseThrow().value()).isEqualTo(SECRET);
    }

    @Test
    void decryptTrueShowsTheSecretValueOfOneKey() {
        http.put("/api/v1/keys/db.password", "{\"value\": \"" + SECRET + "\", \"secret\": true}");

        JsonNode key = http.get("/api/v1/keys/db.password?decrypt=true").json();

        assertThat(key.path("value").asText()).isEqualTo(SECRET);
        assertThat(key.path("secret").asBoolean()).isTrue();
        assertThat(http.get("/api/v1/keys/db.password?decrypt=false").body()).doesNotContain(SECRET);
        assertThat(http.get("/api/v1/keys?decrypt=true").body()).doesNotContain(SECRET);
    }

    @Test
    void aSecretThatCannotBeDecryptedIsAConflictAndABadDecryptFlagIsRefused() {
        http.put("/api/v1/keys/unreadable", "{\"value\": \"" + SECRET + "\", \"secret\": true}");

        Http.Reply conflict = http.get("/api/v1/keys/unreadable?decrypt=true");
        Http.Reply invalid = http.get("/api/v1/keys/unreadable?decrypt=maybe");

        assertProblem(conflict, 409, "conflict");
        assertThat(conflict.json().path("detail").asText()).contains("another encryption key (id 0badc0de");
        assertThat(conflict.body()).doesNotContain(SECRET);
        assertThat(fields(assertProblem(invalid, 400, "invalid-parameter"))).contains("decrypt");
    }

    @Test
    void aPlainKeyShowsItsValueAndExpiry() {
        http.put("/api/v1/keys/greeting", "{\"value\": \"hello\", \"ttl\": 60}");

        JsonNode key = http.get("/api/v1/keys/greeting").json();

        assertThat(key.path("name").asText()).isEqualTo("greeting");
        assertThat(key.path("value").asText()).isEqualTo("hello");
        assertThat(key.path("secret").asBoolean()).isFalse();
        assertThat(key.path("scope").asText()).isEqualTo("system");
        assertThat(key.path("expires_at").asText()).isEqualTo("2030-01-02T03:05:05.678Z");
    }

    @Test
    void keysListFiltersByScopeAndPrefix() {
        http.put("/api/v1/keys/a.one", "{\"value\": \"1\"}");
        http.put("/api/v1/keys/a.two", "{\"value\": \"2\", \"scope\": \"pack:demo\"}");
        http.put("/api/v1/keys/b.one", "{\"value\": \"3\"}");

        assertThat(http.get("/api/v1/keys?prefix=a.").json().path("total").asLong()).isEqualTo(2);
        assertThat(http.get("/api/v1/keys?scope=system").json().path("total").asLong()).isEqualTo(2);
        assertThat(http.get("/api/v1/keys?scope=system&prefix=a.&limit=1").json().path("items").get(0)
                .path("name").asText()).isEqualTo("a.one");
    }

    @Test
    void anUnknownKeyIsA404AndTheScopeMatters() {
        http.put("/api/v1/keys/only.system", "{\"value\": \"x\"}");

        assertProblem(http.get("/api/v1/keys/only.system?scope=pack:demo"), 404, "not-found");
        assertProblem(http.get("/api/v1/keys/missing"), 404, "not-found");
    }

    @Test
    void anInvalidScopeOrNameIsA400NamingIt() {
        assertThat(fields(assertProblem(http.get("/api/v1/keys/x?scope=team:ops"), 400, "invalid-parameter")))
                .containsExactly("scope");
        assertThat(fields(assertProblem(http.get("/api/v1/keys?scope=pack:Bad-Pack"), 400, "invalid-parameter")))
                .containsExactly("scope");
        assertThat(fields(assertProblem(http.get("/api/v1/keys/%21bang"), 400, "invalid-parameter")))
                .containsExactly("name");
    }

    @Test
    void aPutWithoutValueOrWithABadScopeIsA422() {
        assertThat(fields(assertProblem(http.put("/api/v1/keys/k", "{\"secret\": true}"), 422, "invalid-input")))
                .containsExactly("value");
        assertThat(fields(assertProblem(http.put("/api/v1/keys/k", "{\"value\": \"v\", \"scope\": \"global\"}"),
                422, "invalid-input"))).containsExactly("scope");
        assertThat(fields(assertProblem(http.put("/api/v1/keys/k", "{\"value\": \"v\", \"ttl\": 0}"),
                422, "invalid-input"))).containsExactly("ttl");
    }

    @Test
    void aPutWithWrongTypesIsA400() {
        assertThat(fields(assertProblem(http.put("/api/v1/keys/k", "{\"value\": \"v\", \"ttl\": \"soon\"}"),
                400, "malformed-body"))).containsExactly("ttl");
        assertThat(fields(assertProblem(http.put("/api/v1/keys/k", "{\"value\": {\"nested\": 1}}"),
                400, "malformed-body"))).containsExactly("value");
    }

    @Test
    void deletingAnswers204ThenTheKeyIsGone() {
        http.put("/api/v1/keys/temp", "{\"value\": \"x\", \"scope\": \"pack:demo\"}");

        assertProblem(http.delete("/api/v1/keys/temp"), 404, "not-found");
        assertThat(http.delete("/api/v1/keys/temp?scope=pack:demo").status()).isEqualTo(204);
        assertThat(keys.stored("temp", new KeyScope.Pack("demo"))).isEmpty();
    }
}
