package io.attune.bootstrap.event;

import static io.attune.bootstrap.execution.ExecutionApiEndToEndTest.awaitTerminal;
import static io.attune.bootstrap.execution.ExecutionApiEndToEndTest.sleep;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.MessageProperties;
import io.attune.bootstrap.support.Api;
import io.attune.bootstrap.support.TestApplication;
import io.attune.bootstrap.support.TestServices;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Events through rules to executions on the whole platform, with their lineage; redelivery and restarts. */
class EventsEndToEndTest {

    private static Api api;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        api = new Api(TestApplication.shared().url());
        install(api, dir, "e2e_events");
    }

    /** A pack with one trigger, {@code <pack>.ping} (host, severity, n), and nothing else. */
    static void install(Api api, Path dir, String pack) throws Exception {
        Path root = dir.resolve(pack);
        Files.createDirectories(root.resolve("triggers"));
        Files.writeString(root.resolve("pack.yaml"), "ref: " + pack + "\nversion: 1.0.0\n");
        Files.writeString(root.resolve("triggers/ping.yaml"), """
                ref: %s.ping
                payload_schema:
                  type: object
                  properties:
                    host: {type: string}
                    severity: {type: string}
                    n: {type: integer}
                  required: [host]
                """.formatted(pack));
        Api.Response installed = api.post("/api/v1/packs/install", Api.json(Map.of("path", root.toString())));
        assertThat(installed.status()).as(installed.body()).isBetween(200, 201);
    }

    static void rule(Api api, String ref, String trigger, Map<String, Object> criteria, String action,
                     Map<String, Object> parameters) {
        Api.Response created = api.post("/api/v1/rules", Api.json(Map.of("ref", ref, "trigger", Map.of("type", trigger),
                "criteria", criteria, "action", Map.of("ref", action, "parameters", parameters))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    static long event(Api api, String trigger, Map<String, Object> payload) {
        Api.Response created = api.post("/api/v1/events", Api.json(Map.of("trigger", trigger, "payload", payload)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("id").asLong();
    }

    static JsonNode await(Api api, String path, Predicate<JsonNode> done, Duration within) {
        Instant deadline = Instant.now().plus(within);
        JsonNode node = api.get(path).json();
        while (!done.test(node) && Instant.now().isBefore(deadline)) {
            sleep(50);
            node = api.get(path).json();
        }
        return node;
    }

    @Test
    void aMatchingEventRunsTheRulesActionAndTheTraceShowsEveryStep() {
        rule(api, "e2e_events.on_critical", "e2e_events.ping",
                Map.of("trigger.severity", Map.of("type", "equals", "pattern", "critical")),
                "core.echo", Map.of("message", "{{ trigger.host }} is {{ trigger.severity }} (event {{ event.id }})"));

        long quiet = event(api, "e2e_events.ping", Map.of("host", "web-0", "severity", "info"));
        long loud = event(api, "e2e_events.ping", Map.of("host", "web-1", "severity", "critical"));

        JsonNode enforcements = await(api, "/api/v1/enforcements?rule=e2e_events.on_critical",
                n -> n.path("total").asLong() >= 1 && !n.path("items").get(0).path("execution").isNull(), Duration.ofSeconds(20));
        JsonNode enforcement = enforcements.path("items").get(0);
        assertThat(enforcement.path("event").asLong()).isEqualTo(loud);
        assertThat(enforcement.path("status").asText()).isEqualTo("succeeded");
        JsonNode execution = awaitTerminal(api, enforcement.path("execution").asLong(), Duration.ofSeconds(20));
        assertThat(execution.path("status").asText()).as(execution.toString()).isEqualTo("succeeded");
        assertThat(execution.path("result").path("message").asText()).isEqualTo("web-1 is critical (event " + loud + ")");
        assertThat(execution.path("enforcement").asLong()).isEqualTo(enforcement.path("id").asLong());

        JsonNode trace = api.get("/api/v1/events/" + loud + "/trace").json();
        assertThat(trace.path("event").path("payload").path("host").asText()).isEqualTo("web-1");
        assertThat(trace.path("enforcements")).hasSize(1);
        assertThat(trace.path("enforcements").get(0).path("execution").path("execution").path("status").asText())
                .isEqualTo("succeeded");
        assertThat(api.get("/api/v1/events/" + quiet + "/trace").json().path("enforcements")).isEmpty();
        assertThat(api.get("/api/v1/events?trigger=e2e_events.ping&source=api").json().path("total").asLong())
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void aTemplateThatFailsRecordsAFailedEnforcementAndNoExecution() {
        rule(api, "e2e_events.broken", "e2e_events.ping", Map.of("trigger.host", Map.of("type", "equals", "pattern", "broken-1")),
                "core.echo", Map.of("message", "{{ trigger.missing_field }}"));

        long id = event(api, "e2e_events.ping", Map.of("host", "broken-1"));

        JsonNode enforcements = await(api, "/api/v1/enforcements?event=" + id,
                n -> n.path("total").asLong() >= 1, Duration.ofSeconds(20));
        JsonNode enforcement = enforcements.path("items").get(0);
        assertThat(enforcement.path("status").asText()).isEqualTo("failed");
        assertThat(enforcement.path("failure").asText()).contains("parameters.message").contains("missing_field");
        assertThat(enforcement.path("execution").isNull()).isTrue();
    }

    @Test
    void anEventTheTriggerRefusesIsA422AndNothingIsStored() {
        long before = api.get("/api/v1/events?trigger=e2e_events.ping").json().path("total").asLong();

        Api.Response refused = api.post("/api/v1/events", Api.json(Map.of("trigger", "e2e_events.ping",
                "payload", Map.of("n", "not a number"))));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("payload.host").contains("payload.n");
        assertThat(api.post("/api/v1/events", Api.json(Map.of("trigger", "e2e_events.nope"))).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/events?trigger=e2e_events.ping").json().path("total").asLong()).isEqualTo(before);
    }

    @Test
    void aRuleDryRunRendersWithJinjaAndCreatesNothing() {
        rule(api, "e2e_events.dry", "e2e_events.ping", Map.of("trigger.severity", Map.of("type", "equals", "pattern", "critical")),
                "core.echo", Map.of("message", "{{ trigger.host | upper }}"));
        // a dry run needs no enabled rule, and a disabled one enforces nothing for the other tests' events
        assertThat(api.post("/api/v1/rules/e2e_events.dry/disable", "{}").status()).isEqualTo(200);

        JsonNode miss = api.post("/api/v1/rules/e2e_events.dry/test",
                Api.json(Map.of("payload", Map.of("host", "db-1", "severity", "info")))).json();
        JsonNode hit = api.post("/api/v1/rules/e2e_events.dry/test",
                Api.json(Map.of("payload", Map.of("host", "db-1", "severity", "critical")))).json();

        assertThat(miss.path("matched").asBoolean()).isFalse();
        assertThat(miss.path("failed_criterion").path("path").asText()).isEqualTo("trigger.severity");
        assertThat(hit.path("matched").asBoolean()).isTrue();
        assertThat(hit.path("parameters").path("message").asText()).isEqualTo("DB-1");
        assertThat(api.get("/api/v1/enforcements?rule=e2e_events.dry").json().path("total").asLong()).isZero();
    }

    @Test
    void anEventDeliveredTwiceIsEnforcedOnce() throws Exception {
        rule(api, "e2e_events.twice", "e2e_events.ping", Map.of("trigger.host", Map.of("type", "equals", "pattern", "twice-1")),
                "core.noop", Map.of());
        long id = event(api, "e2e_events.ping", Map.of("host", "twice-1"));
        await(api, "/api/v1/enforcements?rule=e2e_events.twice", n -> n.path("total").asLong() >= 1, Duration.ofSeconds(20));

        publishEventCreated(TestApplication.NAMESPACE, id);
        publishEventCreated(TestApplication.NAMESPACE, id);
        sleep(1500);

        JsonNode enforcements = api.get("/api/v1/enforcements?rule=e2e_events.twice").json();
        assertThat(enforcements.path("total").asLong()).isEqualTo(1);
        assertThat(api.get("/api/v1/events/" + id + "/trace").json().path("enforcements")).hasSize(1);
    }

    @Test
    void aThousandWebhookEventsMakeExactlyAThousandExecutionsThoughTheRulesConsumerRestartsHalfway(@TempDir Path dir)
            throws Exception {
        String ns = "attune-e2e-rules-" + ProcessHandle.current().pid();
        Map<String, Object> common = Map.of("attune.amqp.namespace", ns, "attune.packs.install-bundled", "false");
        TestApplication front = TestApplication.start(merge(common, Map.of("attune.roles", "api")));
        TestApplication rules = TestApplication.start(merge(common, Map.of("attune.roles", "executor,worker")));
        ExecutorService senders = Executors.newFixedThreadPool(4);
        try {
            Api a = new Api(front.url());
            install(a, dir, "e2e_thousand");
            Api.Response created = a.post("/api/v1/rules", Api.json(Map.of("ref", "e2e_thousand.each",
                    "trigger", Map.of("type", "core.webhook", "parameters", Map.of("url", "thousand")),
                    "action", Map.of("ref", "core.noop"))));
            assertThat(created.status()).as(created.body()).isEqualTo(201);

            List<Future<Long>> sent = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                int n = i;
                sent.add(senders.submit(() -> {
                    Api.Response accepted = a.post("/api/v1/webhooks/thousand", Api.json(Map.of("n", n)));
                    assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
                    return accepted.json().path("event").asLong();
                }));
                if (i == 500) {
                    rules.stop(); // the rules consumer goes away mid-stream, with events in flight
                    rules = TestApplication.start(merge(common, Map.of("attune.roles", "executor,worker")));
                }
            }
            Set<Long> events = new HashSet<>();
            for (Future<Long> f : sent) {
                events.add(f.get());
            }
            assertThat(events).hasSize(1000);

            JsonNode done = await(a, "/api/v1/enforcements?rule=e2e_thousand.each&status=succeeded&limit=1",
                    n -> n.path("total").asLong() >= 1000, Duration.ofSeconds(180));
            sleep(1000); // anything doubled would show by now
            assertThat(done.path("total").asLong()).isEqualTo(1000);
            assertThat(a.get("/api/v1/enforcements?rule=e2e_thousand.each&limit=1").json().path("total").asLong())
                    .isEqualTo(1000);
            Set<Long> executions = new HashSet<>();
            Set<Long> enforcedEvents = new HashSet<>();
            for (int offset = 0; offset < 1000; offset += 500) {
                for (JsonNode e : a.get("/api/v1/enforcements?rule=e2e_thousand.each&limit=500&offset=" + offset).json()
                        .path("items")) {
                    executions.add(e.path("execution").asLong());
                    enforcedEvents.add(e.path("event").asLong());
                }
            }
            assertThat(executions).hasSize(1000);
            assertThat(enforcedEvents).isEqualTo(events);
        } finally {
            senders.shutdownNow();
            rules.stop();
            front.stop();
            TestServices.get().deleteNamespace(ns);
        }
    }

    @Test
    void aWebhookRunsItsRulesAndASignedOneRefusesABadSignatureRecordingNothing() throws Exception {
        String secret = "e2e-hmac-secret-4711";
        assertThat(api.put("/api/v1/keys/e2e_hook_secret", Api.json(Map.of("value", secret, "secret", true))).status())
                .isBetween(200, 201);
        for (Map.Entry<String, Map<String, Object>> r : Map.of(
                "e2e_events.hook_open", Map.<String, Object>of("url", "e2e/open"),
                "e2e_events.hook_signed", Map.<String, Object>of("url", "e2e/signed", "hmac_secret_key", "e2e_hook_secret"))
                .entrySet()) {
            Api.Response created = api.post("/api/v1/rules", Api.json(Map.of("ref", r.getKey(),
                    "trigger", Map.of("type", "core.webhook", "parameters", r.getValue()),
                    "action", Map.of("ref", "core.echo", "parameters", Map.of("message", "{{ trigger.body.ref }}")))));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
        }
        String body = "{\"ref\": \"refs/heads/main\"}";

        Api.Response open = api.post("/api/v1/webhooks/e2e/open", body);
        assertThat(open.status()).as(open.body()).isEqualTo(202);
        long openEvent = open.json().path("event").asLong();
        JsonNode trace = await(api, "/api/v1/events/" + openEvent + "/trace",
                n -> n.path("enforcements").size() == 1 && !n.path("enforcements").get(0).path("execution").isNull(),
                Duration.ofSeconds(20));
        long execution = trace.path("enforcements").get(0).path("execution").path("execution").path("id").asLong();
        assertThat(awaitTerminal(api, execution, Duration.ofSeconds(20)).path("result").path("message").asText())
                .isEqualTo("refs/heads/main");
        assertThat(trace.path("event").path("source").asText()).isEqualTo("webhook:e2e/open");

        long before = api.get("/api/v1/events?source=webhook:e2e/signed").json().path("total").asLong();
        Api.Response unsigned = api.post("/api/v1/webhooks/e2e/signed", body);
        Api.Response forged = api.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(TestApplication.shared().url() + "/api/v1/webhooks/e2e/signed"))
                .header("Content-Type", "application/json").header("X-Hub-Signature-256", "sha256=" + "0".repeat(64))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)));
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = "sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        Api.Response signed = api.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(TestApplication.shared().url() + "/api/v1/webhooks/e2e/signed"))
                .header("Content-Type", "application/json").header("X-Hub-Signature-256", signature)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)));

        assertThat(unsigned.status()).isEqualTo(401);
        assertThat(forged.status()).isEqualTo(401);
        assertThat(unsigned.body() + forged.body()).doesNotContain(secret);
        assertThat(signed.status()).as(signed.body()).isEqualTo(202);
        assertThat(api.get("/api/v1/events?source=webhook:e2e/signed").json().path("total").asLong()).isEqualTo(before + 1);
        assertThat(api.post("/api/v1/webhooks/e2e/nobody", body).status()).isEqualTo(404);
        JsonNode stored = api.get("/api/v1/events/" + signed.json().path("event").asLong()).json();
        assertThat(stored.path("payload").path("headers").has("x-hub-signature-256")).isFalse();
    }

    private static Map<String, Object> merge(Map<String, Object> a, Map<String, Object> b) {
        Map<String, Object> all = new java.util.LinkedHashMap<>(a);
        all.putAll(b);
        return all;
    }

    private static void publishEventCreated(String exchange, long id) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(String.valueOf(TestServices.get().properties().get("rabbitmq.uri")));
        try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
            String body = "{\"id\": \"" + UUID.randomUUID() + "\", \"type\": \"event.created\", \"occurredAt\": \""
                    + Instant.now() + "\", \"correlationId\": \"event-" + id + "\", \"payload\": {\"event\": " + id + "}}";
            channel.basicPublish(exchange, "event.created", MessageProperties.PERSISTENT_TEXT_PLAIN,
                    body.getBytes(StandardCharsets.UTF_8));
        }
    }
}
