package io.attune.bootstrap.security;

import static io.attune.bootstrap.execution.ExecutionApiEndToEndTest.awaitTerminal;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.attune.bootstrap.support.Api;
import io.attune.bootstrap.support.Logs;
import io.attune.bootstrap.support.TestApplication;
import io.attune.bootstrap.support.TestServices;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Secrets on the whole platform: a secret key signs webhooks and reaches an action through a rule, a secret parameter
 * reaches its action, and neither value appears in any response, the server's log, the event stream, or a row of the
 * database (all stored sealed).
 */
class SecretsEndToEndTest {

    private static final String PACK = "e2e_secrets";
    private static final String KEY_SECRET = "key-secret-7Q2x-never-shown";
    private static final String PARAM_SECRET = "param-secret-9Zk4-never-shown";
    private static final List<String> TABLES = List.of("keys", "events", "enforcements", "executions", "outbox",
            "admission_keys", "admission_queue", "audit_entries", "rules");

    private final List<String> responses = new ArrayList<>();
    private Api api;
    private String url;

    /** Every response body of the scenario is kept, to be searched for the secrets. */
    private Api.Response keep(Api.Response response) {
        responses.add(response.status() + " " + response.body());
        return response;
    }

    @Test
    void noSecretValueAppearsInResponsesLogsTheStreamOrTheDatabase() throws Exception {
        TestApplication app = TestApplication.shared();
        url = app.url().replaceAll("/$", "");
        api = new Api(url);
        Logs logs = Logs.capture();
        HttpClient http = HttpClient.newHttpClient();
        ConcurrentLinkedQueue<String> streamed = new ConcurrentLinkedQueue<>();
        CompletableFuture<HttpResponse<Stream<String>>> stream = http.sendAsync(HttpRequest.newBuilder(
                URI.create(app.url() + "/api/v1/stream"))
                .header("Authorization", Api.adminAuthorization(app.url())).build(), HttpResponse.BodyHandlers.ofLines());
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                stream.get().body().forEach(streamed::add);
            } catch (Exception e) {
                streamed.add("stream ended: " + e);
            }
        });
        String since = Instant.now().minusSeconds(1).toString();
        try {
            installPack();

            // a secret key: stored sealed, never shown, except to the one who asks for it decrypted
            assertThat(keep(api.put("/api/v1/keys/e2e_secret_token",
                    Api.json(Map.of("value", KEY_SECRET, "secret", true)))).status()).isEqualTo(200);
            assertThat(keep(api.get("/api/v1/keys/e2e_secret_token")).json().path("value").isNull()).isTrue();
            keep(api.get("/api/v1/keys?prefix=e2e_secret"));
            Api.Response decrypted = api.get("/api/v1/keys/e2e_secret_token?decrypt=true");
            assertThat(decrypted.json().path("value").asText()).isEqualTo(KEY_SECRET);

            // a webhook signed with the key, whose rule gives the key to a parameter the action declares secret
            rule("signed", Map.of("url", "e2e-secrets/signed", "hmac_secret_key", "e2e_secret_token"),
                    Map.of("who", "{{ trigger.body.who }}", "token", "{{ keys.e2e_secret_token }}"));
            String body = "{\"who\": \"ada\"}";
            assertThat(keep(webhook("e2e-secrets/signed", body, "sha256=0000")).status()).isEqualTo(401);
            Api.Response accepted = keep(webhook("e2e-secrets/signed", body, sign(KEY_SECRET, body)));
            assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
            long signedEvent = accepted.json().path("event").asLong();
            JsonNode fromRule = awaitExecutionOf(signedEvent);
            assertThat(fromRule.path("status").asText()).as(fromRule.toString()).isEqualTo("succeeded");
            assertThat(fromRule.path("stdout").asText().trim()).isEqualTo("ada " + sha256(KEY_SECRET) + " unset");
            assertThat(fromRule.path("parameters").path("token").asText()).isEqualTo("********");

            // a rule that would put the secret key into a parameter the action does not declare secret
            rule("leaky", Map.of("url", "e2e-secrets/leaky"), Map.of("who", "{{ keys.e2e_secret_token }}"));
            long leakyEvent = keep(webhook("e2e-secrets/leaky", "{}", null)).json().path("event").asLong();
            JsonNode leaky = awaitEnforcementOf(leakyEvent);
            assertThat(leaky.path("status").asText()).isEqualTo("failed");
            assertThat(leaky.path("failure").asText()).contains("parameter 'who'", "secret key 'e2e_secret_token'");

            // a template over the secret that fails to render
            rule("broken", Map.of("url", "e2e-secrets/broken"),
                    Map.of("token", "{{ keys.e2e_secret_token | no_such_filter }}"));
            long brokenEvent = keep(webhook("e2e-secrets/broken", "{}", null)).json().path("event").asLong();
            assertThat(awaitEnforcementOf(brokenEvent).path("status").asText()).isEqualTo("failed");
            keep(api.post("/api/v1/rules/" + PACK + ".signed/test", Api.json(Map.of("payload", Map.of("who", "bob")))));

            // an execution asked for through the API with a secret parameter, and its rerun
            Api.Response created = keep(api.post("/api/v1/executions", Api.json(Map.of("action", PACK + ".use_token",
                    "parameters", Map.of("who", "grace", "token", PARAM_SECRET)))));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            long direct = created.json().path("id").asLong();
            JsonNode ran = awaitTerminal(api, direct, Duration.ofSeconds(30));
            assertThat(ran.path("status").asText()).as(ran.toString()).isEqualTo("succeeded");
            assertThat(ran.path("stdout").asText().trim()).isEqualTo("grace " + sha256(PARAM_SECRET) + " unset");
            assertThat(ran.path("stderr").asText().trim()).isEqualTo("token=********");
            Api.Response rerun = keep(api.post("/api/v1/executions/" + direct + "/rerun", "{}"));
            assertThat(rerun.status()).as(rerun.body()).isEqualTo(201);
            JsonNode reran = awaitTerminal(api, rerun.json().path("id").asLong(), Duration.ofSeconds(30));
            assertThat(reran.path("stdout").asText().trim()).isEqualTo("grace " + sha256(PARAM_SECRET) + " unset");

            // everything the API shows of all that
            for (long event : List.of(signedEvent, leakyEvent, brokenEvent)) {
                keep(api.get("/api/v1/events/" + event + "/trace"));
            }
            keep(api.get("/api/v1/executions/" + direct));
            keep(api.get("/api/v1/executions?action=" + PACK + ".use_token&limit=100"));
            keep(api.get("/api/v1/enforcements?limit=100"));
            keep(api.get("/api/v1/events?limit=100"));
            keep(api.get("/api/v1/audit?since=" + since + "&limit=1000"));
            Thread.sleep(300); // the last status changes reach the stream
        } finally {
            logs.stop();
            reader.interrupt();
            stream.cancel(true);
        }

        for (String secret : List.of(KEY_SECRET, PARAM_SECRET)) {
            assertThat(responses).as("responses").noneMatch(r -> r.contains(secret));
            assertThat(logs.lines()).as("server log").isNotEmpty().noneMatch(l -> l.contains(secret));
            assertThat(streamed).as("event stream").noneMatch(l -> l.contains(secret));
            for (String table : TABLES) {
                assertThat(rows(table)).as("rows of " + table).noneMatch(r -> r.contains(secret));
            }
        }
        assertThat(streamed).anyMatch(l -> l.contains("succeeded"));
        assertThat(rows("keys")).anyMatch(r -> r.contains("e2e_secret_token") && r.contains("v1:"));
    }

    @Test
    void anotherEncryptionKeyIsAConflictNamingTheKeyAndClearSecretsOfEarlierVersionsAreSealedAtStart() throws Exception {
        Api shared = new Api(TestApplication.shared().url());
        assertThat(shared.put("/api/v1/keys/e2e_rotated", Api.json(Map.of("value", KEY_SECRET, "secret", true)))
                .status()).isEqualTo(200);
        try (Connection c = TestServices.get().connect(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO keys (scope, name, value, secret) VALUES ('system', 'e2e_legacy_clear', '"
                    + PARAM_SECRET + "', true) ON CONFLICT (scope, name) DO UPDATE SET value = EXCLUDED.value");
        }
        byte[] otherKey = new byte[32];
        new java.security.SecureRandom().nextBytes(otherKey);
        TestApplication other = TestApplication.start(Map.of("attune.roles", "api",
                "attune.packs.install-bundled", "false",
                "attune.encryption-key", java.util.Base64.getEncoder().encodeToString(otherKey)));
        try {
            Api rotated = new Api(other.url());

            Api.Response conflict = rotated.get("/api/v1/keys/e2e_rotated?decrypt=true");

            assertThat(conflict.status()).as(conflict.body()).isEqualTo(409);
            assertThat(conflict.contentType()).startsWith("application/problem+json");
            assertThat(conflict.json().path("detail").asText())
                    .contains("the secret key 'e2e_rotated' (system) cannot be decrypted", "another encryption key (id ")
                    .doesNotContain(KEY_SECRET);
            assertThat(rotated.get("/api/v1/keys/e2e_rotated").status()).isEqualTo(200);
            // the row an earlier version left in clear was sealed by the starting instance, with its key
            assertThat(rows("keys")).filteredOn(r -> r.contains("e2e_legacy_clear"))
                    .singleElement().satisfies(r -> assertThat(r).contains("v1:").doesNotContain(PARAM_SECRET));
            assertThat(rotated.get("/api/v1/keys/e2e_legacy_clear?decrypt=true").json().path("value").asText())
                    .isEqualTo(PARAM_SECRET);
        } finally {
            other.stop();
            shared.delete("/api/v1/keys/e2e_legacy_clear");
            shared.delete("/api/v1/keys/e2e_rotated");
        }
    }

    private void installPack() throws Exception {
        Path root = Files.createTempDirectory("e2e-secrets").resolve(PACK);
        Files.createDirectories(root.resolve("actions"));
        Files.writeString(root.resolve("pack.yaml"), "ref: " + PACK + "\nversion: 1.0.0\ndescription: e2e secrets\n");
        Files.writeString(root.resolve("actions/use_token.yaml"), """
                name: use_token
                runner: shell
                entry_point: use_token.sh
                timeout: 20
                parameters:
                  who: {type: string, default: nobody}
                  token: {type: string, secret: true}
                """);
        // the action proves it got the secret in clear (on stdin: a secret parameter is no environment variable, which
        // other processes of the action user could read) by printing its SHA-256, then prints the secret itself
        Files.writeString(root.resolve("actions/use_token.sh"),
                "#!/bin/sh\ntoken=$(python3 -c 'import json, sys; print(json.load(sys.stdin)[\"token\"], end=\"\")')\n"
                        + "printf '%s %s %s\\n' \"$ATTUNE_PARAM_WHO\" \"$(printf '%s' \"$token\" | sha256sum | cut -c1-64)\""
                        + " \"${ATTUNE_PARAM_TOKEN-unset}\"\n"
                        // as careless scripts do: the worker masks it before the output is stored
                        + "echo \"token=$token\" >&2\n");
        Api.Response installed = keep(api.post("/api/v1/packs/install", Api.json(Map.of("path", root.toString()))));
        assertThat(installed.status()).as(installed.body()).isEqualTo(201);
    }

    private void rule(String name, Map<String, Object> trigger, Map<String, Object> parameters) {
        api.delete("/api/v1/rules/" + PACK + "." + name);
        Api.Response created = keep(api.post("/api/v1/rules", Api.json(Map.of("ref", PACK + "." + name,
                "trigger", Map.of("type", "core.webhook", "parameters", trigger),
                "action", Map.of("ref", PACK + ".use_token", "parameters", parameters)))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    private Api.Response webhook(String url, String body, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.url + "/api/v1/webhooks/" + url))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header("X-Attune-Signature-256", signature);
        }
        return api.send(request);
    }

    private JsonNode awaitEnforcementOf(long event) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            JsonNode enforcements = keep(api.get("/api/v1/events/" + event + "/trace")).json().path("enforcements");
            if (enforcements.size() > 0) {
                return enforcements.get(0).path("enforcement");
            }
            Thread.sleep(100);
        }
        throw new AssertionError("event " + event + " was not enforced");
    }

    private JsonNode awaitExecutionOf(long event) throws InterruptedException {
        JsonNode enforcement = awaitEnforcementOf(event);
        assertThat(enforcement.path("status").asText()).as(enforcement.toString()).isEqualTo("succeeded");
        return awaitTerminal(api, enforcement.path("execution").asLong(), Duration.ofSeconds(30));
    }

    private static List<String> rows(String table) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = TestServices.get().connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT t::text FROM " + table + " t")) {
            while (r.next()) {
                rows.add(r.getString(1));
            }
        }
        return rows;
    }

    private static String sign(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
