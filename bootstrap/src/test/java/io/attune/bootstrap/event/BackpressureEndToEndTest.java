package io.attune.bootstrap.event;

import static io.attune.bootstrap.event.EventsEndToEndTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.attune.bootstrap.support.Api;
import io.attune.bootstrap.support.TestApplication;
import io.attune.bootstrap.support.TestServices;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backpressure end to end, with a bound of 3: an api instance with no rules stage running accepts three events, then
 * (once the sampler has seen them) answers webhooks and {@code POST /events} with 429, {@code Retry-After} and a
 * problem document, storing nothing; the lag shows in {@code GET /api/v1/lag} and {@code /prometheus}. An executor
 * started on the same namespace drains the backlog, and intake accepts again. The same for {@code POST /executions}
 * against the executions waiting for a worker.
 */
class BackpressureEndToEndTest {

    @Test
    void pastTheBacklogIntakeAnswers429WithRetryAfterStoresNothingAndAcceptsAgainOnceTheBacklogDrains(
            @TempDir Path dir) throws Exception {
        String ns = TestApplication.NAMESPACE + "-backpressure";
        Map<String, Object> common = Map.of("attune.amqp.namespace", ns, "attune.packs.install-bundled", "false",
                "attune.intake.max-backlog", "3", "attune.intake.sample-interval", "100ms");
        TestApplication front = TestApplication.start(merge(common, Map.of("attune.roles", "api")));
        TestApplication back = null;
        try {
            Api api = new Api(front.url());
            EventsEndToEndTest.install(api, dir, "e2e_backpressure");
            long before = total(api);
            for (int i = 0; i < 3; i++) {
                EventsEndToEndTest.event(api, "e2e_backpressure.ping", Map.of("host", "h" + i));
            }
            JsonNode lag = await(api, "/api/v1/lag", l -> !l.path("intake").path("refusing_events").isNull(),
                    Duration.ofSeconds(20));
            assertThat(lag.path("events").path("count").asLong()).isGreaterThanOrEqualTo(3);
            assertThat(lag.path("events").path("oldest_age_ms").asLong()).isGreaterThanOrEqualTo(0);
            assertThat(lag.path("intake").path("max_backlog").asLong()).isEqualTo(3);
            assertThat(lag.path("intake").path("max_lag").asText()).isEqualTo("PT1M");

            Api.Response refused = api.post("/api/v1/events", Api.json(Map.of("trigger", "e2e_backpressure.ping",
                    "payload", Map.of("host", "too-many"))));
            assertThat(refused.status()).as(refused.body()).isEqualTo(429);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(Long.parseLong(refused.header("Retry-After").orElseThrow())).isBetween(1L, 60L);
            assertThat(refused.json().path("detail").asText()).contains("waiting").contains("GET /api/v1/lag");
            Api.Response hook = api.anonymous().post("/api/v1/webhooks/anything", Api.json(Map.of("a", 1)));
            assertThat(hook.status()).as(hook.body()).isEqualTo(429);
            assertThat(hook.header("Retry-After")).isPresent();
            assertThat(total(api)).as("a refused event is not stored").isEqualTo(before + 3);

            String metrics = api.anonymous().get("/prometheus").body();
            assertThat(metrics).contains("attune_intake_events_waiting").contains("attune_intake_events_oldest_age_seconds")
                    .contains("attune_outbox_waiting").contains("attune_events_stored_total")
                    .contains("attune_enforcements_stored_total").contains("attune_executions_started_total")
                    .contains("attune_intake_refused_total{intake=\"events\"}")
                    .contains("attune_queue_messages{kind=\"rules\",queue=\"" + ns + ".rules\"}");
            assertThat(metrics).containsPattern("attune_intake_refusing\\{intake=\"events\"} 1\\.0");

            // the rules stage arrives: the backlog drains and intake accepts again
            back = TestApplication.start(merge(common, Map.of("attune.roles", "executor")));
            await(api, "/api/v1/lag", l -> l.path("intake").path("refusing_events").isNull(), Duration.ofSeconds(30));
            EventsEndToEndTest.event(api, "e2e_backpressure.ping", Map.of("host", "again"));
            assertThat(api.get("/api/v1/lag").json().path("intake").path("refused_events").asLong())
                    .isGreaterThanOrEqualTo(2);
            // counted, not audited: a burst of refusals must not flood the audit trail (written within a second)
            assertThat(api.get("/api/v1/audit?action=request&limit=500").json().path("items")
                    .findValuesAsText("target")).doesNotContain("/api/v1/webhooks/anything");
        } finally {
            if (back != null) {
                back.stop();
            }
            front.stop();
            TestServices.get().deleteNamespace(ns);
        }
    }

    @Test
    void pastTheBacklogOfExecutionsWaitingForAWorkerTheApiRefusesNewOnesUntilAWorkerTakesThem() {
        String ns = TestApplication.NAMESPACE + "-backpressure-x";
        Map<String, Object> common = Map.of("attune.amqp.namespace", ns, "attune.intake.max-backlog", "3",
                "attune.intake.sample-interval", "100ms");
        TestApplication front = TestApplication.start(merge(common, Map.of("attune.roles", "api,executor")));
        TestApplication worker = null;
        try {
            Api api = new Api(front.url());
            for (int i = 0; i < 3; i++) {
                Api.Response run = api.post("/api/v1/executions", Api.json(Map.of("action", "core.noop")));
                assertThat(run.status()).as(run.body()).isEqualTo(201);
            }
            await(api, "/api/v1/lag", l -> !l.path("intake").path("refusing_executions").isNull(),
                    Duration.ofSeconds(20));
            assertThat(api.get("/api/v1/lag").json().path("executions_waiting").asLong()).isGreaterThanOrEqualTo(3);
            Api.Response refused = api.post("/api/v1/executions", Api.json(Map.of("action", "core.noop")));
            assertThat(refused.status()).as(refused.body()).isEqualTo(429);
            assertThat(refused.header("Retry-After")).isPresent();

            worker = TestApplication.start(merge(common, Map.of("attune.roles", "worker")));
            await(api, "/api/v1/lag", l -> l.path("intake").path("refusing_executions").isNull(),
                    Duration.ofSeconds(30));
            Api.Response accepted = api.post("/api/v1/executions", Api.json(Map.of("action", "core.noop")));
            assertThat(accepted.status()).as(accepted.body()).isEqualTo(201);
        } finally {
            if (worker != null) {
                worker.stop();
            }
            front.stop();
            TestServices.get().deleteNamespace(ns);
        }
    }

    private static long total(Api api) {
        return api.get("/api/v1/events?trigger=e2e_backpressure.ping&limit=1").json().path("total").asLong();
    }

    private static Map<String, Object> merge(Map<String, Object> a, Map<String, Object> b) {
        Map<String, Object> all = new LinkedHashMap<>(a);
        all.putAll(b);
        return all;
    }
}
