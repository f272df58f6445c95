package io.attune.bootstrap.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.attune.bootstrap.support.Api;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** What the adversarial tests share: a test pack on disk, webhook rules, signed webhooks and awaiting enforcements. */
final class WebhookRules {

    private WebhookRules() {
    }

    /** A pack {@code name} on disk: its pack.yaml and {@code files} (path in the pack → content). */
    static Path pack(String name, Map<String, String> files) throws Exception {
        Path root = Files.createTempDirectory(name).resolve(name);
        Files.createDirectories(root.resolve("actions"));
        Files.createDirectories(root.resolve("rules"));
        Files.writeString(root.resolve("pack.yaml"), "ref: " + name + "\nversion: 1.0.0\ndescription: adversarial\n");
        for (Map.Entry<String, String> file : files.entrySet()) {
            Files.writeString(root.resolve(file.getKey()), file.getValue());
        }
        return root;
    }

    /** Creates (or replaces) the rule {@code ref} on the webhook trigger with {@code trigger} parameters. */
    static void rule(Api api, String ref, Map<String, Object> trigger, Map<String, Object> criteria, String action,
                     Map<String, Object> parameters) {
        api.delete("/api/v1/rules/" + ref);
        Api.Response created = api.post("/api/v1/rules", Api.json(Map.of("ref", ref,
                "trigger", Map.of("type", "core.webhook", "parameters", trigger), "criteria", criteria,
                "action", Map.of("ref", action, "parameters", parameters))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    /** Posts {@code body} to the webhook {@code hook}, signed when {@code secret} is not null. */
    static Api.Response post(Api api, String url, String hook, String body, String secret) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + "/api/v1/webhooks/" + hook))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (secret != null) {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            request.header("X-Attune-Signature-256",
                    "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8))));
        }
        return api.send(request);
    }

    /** The id of the event an accepted, unsigned webhook made. */
    static long event(Api api, String url, String hook, String body) throws Exception {
        Api.Response accepted = post(api, url, hook, body, null);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        return accepted.json().path("event").asLong();
    }

    /** The first enforcement of {@code event}, waiting up to a minute for it. */
    static JsonNode awaitEnforcementOf(Api api, long event) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            JsonNode enforcements = api.get("/api/v1/events/" + event + "/trace").json().path("enforcements");
            if (enforcements.size() > 0) {
                return enforcements.get(0).path("enforcement");
            }
            Thread.sleep(100);
        }
        throw new AssertionError("event " + event + " was not enforced");
    }
}
