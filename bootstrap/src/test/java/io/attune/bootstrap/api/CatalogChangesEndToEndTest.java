package io.attune.bootstrap.api;

import static io.attune.bootstrap.api.ApiTesting.packFiles;
import static io.attune.bootstrap.api.ApiTesting.writeFiles;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.attune.bootstrap.support.Api;
import io.attune.bootstrap.support.TestApplication;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances on one database, each with the catalog cached: a rule disabled, a pack reinstalled (an action
 * disabled, a policy added) through instance A is seen by instance B at its very next request or enforcement, with no
 * wait in between and whatever B looked up before.
 */
class CatalogChangesEndToEndTest {

    private static final String PACK = "e2e_catalog";
    private static final String URL = "e2e-catalog-changes";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static TestApplication first;
    private static TestApplication second;
    private static Api a;
    private static Api b;

    @BeforeAll
    static void twoInstances() {
        first = TestApplication.shared();
        second = TestApplication.start(Map.of());
        a = new Api(first.url());
        b = new Api(second.url());
    }

    @AfterAll
    static void stopSecond() {
        second.stop();
    }

    private static void install(Path dir, boolean actionEnabled, boolean rateLimited) {
        Map<String, String> files = new LinkedHashMap<>(packFiles(PACK));
        if (!actionEnabled) {
            files.put("actions/hello.yaml", files.get("actions/hello.yaml") + "enabled: false\n");
        }
        if (rateLimited) {
            files.put("policies/once.yaml", "ref: " + PACK + ".once\naction: " + PACK + ".hello\n"
                    + "rate_limit: {max: 1, window_seconds: 3600, behavior: reject}\n");
        }
        Api.Response installed = a.post("/api/v1/packs/install", Api.json(Map.of("path",
                writeFiles(dir.resolve("v" + System.nanoTime()), files).toString())));
        assertThat(installed.status()).as(installed.body()).isEqualTo(201);
    }

    private static Api.Response request(Api api) {
        return api.post("/api/v1/executions", Api.json(Map.of("action", PACK + ".hello", "parameters", Map.of())));
    }

    private static void rule(String name) {
        a.delete("/api/v1/rules/" + PACK + "." + name);
        Api.Response created = a.post("/api/v1/rules", Api.json(Map.of("ref", PACK + "." + name,
                "trigger", Map.of("type", "core.webhook", "parameters", Map.of("url", URL)),
                "action", Map.of("ref", "core.noop"))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    private static Api.Response webhook(TestApplication app) {
        return b.send(HttpRequest.newBuilder(URI.create(app.url() + "/api/v1/webhooks/" + URL))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")));
    }

    /** The rules that enforced an event, once every enforcement the event will get is there. */
    private static List<String> enforcedBy(long event, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            JsonNode items = a.get("/api/v1/enforcements?event=" + event).json().path("items");
            if (items.size() >= expected) {
                Thread.sleep(300); // more than expected would show up now
                List<String> rules = new ArrayList<>();
                a.get("/api/v1/enforcements?event=" + event).json().path("items")
                        .forEach(e -> rules.add(e.path("rule").asText()));
                return rules.stream().sorted().toList();
            }
            assertThat(System.nanoTime()).as("enforcements of event %s", event).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @Test
    void aPackReinstalledThroughOneInstanceIsSeenByTheOtherAtItsNextRequest(@TempDir Path dir) {
        install(dir, true, false);
        assertThat(request(b).status()).as("B looks the action up and keeps it").isEqualTo(201);
        assertThat(request(b).json().path("status").asText()).isNotEqualTo("failed");

        install(dir, false, false);
        Api.Response disabled = request(b);
        assertThat(disabled.status()).as(disabled.body()).isEqualTo(422);
        assertThat(disabled.body()).contains("disabled");

        install(dir, true, true);
        Api.Response admitted = request(b);
        Api.Response rejected = request(b);
        assertThat(admitted.status()).as(admitted.body()).isEqualTo(201);
        assertThat(admitted.json().path("status").asText()).isNotEqualTo("failed");
        assertThat(rejected.status()).as(rejected.body()).isEqualTo(201);
        assertThat(rejected.json().path("status").asText()).as(rejected.body()).isEqualTo("failed");

        install(dir, true, false);
        Api.Response unlimited = request(b);
        assertThat(unlimited.json().path("status").asText()).as(unlimited.body()).isNotEqualTo("failed");
    }

    @Test
    void aRuleDisabledThroughOneInstanceNoLongerFiresAtTheOther(@TempDir Path dir) throws Exception {
        install(dir, true, false);
        rule("first");
        rule("second");
        Api.Response both = webhook(second);
        assertThat(both.status()).as(both.body()).isEqualTo(202);
        assertThat(enforcedBy(both.json().path("event").asLong(), 2))
                .containsExactly(PACK + ".first", PACK + ".second");

        assertThat(a.post("/api/v1/rules/" + PACK + ".second/disable", "{}").status()).isEqualTo(200);
        Api.Response one = webhook(second);
        assertThat(one.status()).as(one.body()).isEqualTo(202);
        assertThat(enforcedBy(one.json().path("event").asLong(), 1)).containsExactly(PACK + ".first");

        assertThat(a.post("/api/v1/rules/" + PACK + ".first/disable", "{}").status()).isEqualTo(200);
        assertThat(webhook(second).status()).as("no rule listens at the url any more").isEqualTo(404);

        assertThat(a.post("/api/v1/rules/" + PACK + ".second/enable", "{}").status()).isEqualTo(200);
        Api.Response again = webhook(second);
        assertThat(again.status()).as(again.body()).isEqualTo(202);
        assertThat(enforcedBy(again.json().path("event").asLong(), 1)).containsExactly(PACK + ".second");
    }
}
