package io.attune.bootstrap.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.attune.bootstrap.support.Api;
import io.attune.bootstrap.support.Logs;
import io.attune.bootstrap.support.TestApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A template that transforms a secret key (lower, upper, reverse, base64, a slice) and then fails: neither the secret
 * nor any transformed form of it reaches the enforcement's failure, the event trace, the enforcements list, the rule
 * test, the event stream or the server's log, for a system key, a pack key and a webhook's HMAC key.
 */
@Tag("adversarial")
class TemplateSecretsAdversarialTest {

    private static final String PACK = "adv_tsecrets";
    private static final Map<String, String> SECRETS = Map.of(
            "adv_sys_secret", "SysSecret-Q7rT-Alpha",
            "adv_pack_secret", "PackSecret-W3xY-Beta",
            "adv_hmac_secret", "HmacSecret-K9zP-Gamma");

    private final List<String> responses = new ArrayList<>();
    private Api api;
    private String url;

    private Api.Response keep(Api.Response response) {
        responses.add(response.status() + " " + response.body());
        return response;
    }

    @Test
    void aFailingTemplateOverATransformedSecretShowsNoFormOfIt() throws Exception {
        TestApplication app = TestApplication.shared();
        url = app.url().replaceAll("/$", "");
        api = new Api(url);
        Logs logs = Logs.capture();
        ConcurrentLinkedQueue<String> streamed = new ConcurrentLinkedQueue<>();
        HttpClient http = HttpClient.newHttpClient();
        CompletableFuture<HttpResponse<Stream<String>>> stream = http.sendAsync(HttpRequest.newBuilder(
                        URI.create(url + "/api/v1/stream")).header("Authorization", Api.adminAuthorization(url)).build(),
                HttpResponse.BodyHandlers.ofLines());
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                stream.get().body().forEach(streamed::add);
            } catch (Exception e) {
                streamed.add("stream ended: " + e);
            }
        });
        List<Long> events = new ArrayList<>();
        String since = Instant.now().minusSeconds(1).toString();
        try {
            installPack();
            put("adv_sys_secret", "system");
            put("adv_pack_secret", "pack:" + PACK);
            put("adv_hmac_secret", "system");

            for (String key : SECRETS.keySet()) {
                boolean hmac = key.equals("adv_hmac_secret");
                String all = "((keys.%1$s | lower) ~ '|' ~ (keys.%1$s | upper) ~ '|' ~ (keys.%1$s | reverse | join('')) ~ '|'"
                        + " ~ (keys.%1$s | b64encode) ~ '|' ~ keys.%1$s[1:-1])";
                Map<String, String> templates = new LinkedHashMap<>();
                templates.put("strtotime", "{{ " + all.formatted(key) + " | strtotime('yyyy') }}");
                templates.put("attribute", "x {{ (keys." + key + " | lower).no_such_attribute }}");
                templates.put("condition", "{% if (keys." + key + " | upper | strtotime('q')) %}y{% endif %}");
                for (Map.Entry<String, String> template : templates.entrySet()) {
                    String name = key.substring(4, key.length() - 7) + "_" + template.getKey();
                    String hook = "adv-tsecrets/" + name;
                    Map<String, Object> trigger = hmac ? Map.of("url", hook, "hmac_secret_key", key) : Map.of("url", hook);
                    WebhookRules.rule(api, PACK + "." + name, trigger, Map.of(), PACK + ".use_token",
                            Map.of("token", template.getValue()));
                    Api.Response accepted = keep(WebhookRules.post(api, url, hook, "{\"n\": 1}",
                            hmac ? SECRETS.get(key) : null));
                    assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
                    long event = accepted.json().path("event").asLong();
                    events.add(event);

                    JsonNode enforcement = WebhookRules.awaitEnforcementOf(api, event);

                    assertThat(enforcement.path("status").asText()).isEqualTo("failed");
                    assertThat(enforcement.path("failure").asText()).as(name)
                            .startsWith("cannot render parameters.token: template failed: ");
                    Api.Response test = keep(api.post("/api/v1/rules/" + PACK + "." + name + "/test",
                            Api.json(Map.of("payload", Map.of("n", 1)))));
                    assertThat(test.status()).as(test.body()).isEqualTo(200);
                }
            }
            for (long event : events) {
                keep(api.get("/api/v1/events/" + event + "/trace"));
            }
            keep(api.get("/api/v1/enforcements?since=" + since + "&limit=200"));
            Thread.sleep(300); // the last changes reach the stream
        } finally {
            logs.stop();
            reader.interrupt();
            stream.cancel(true);
        }

        for (String secret : SECRETS.values()) {
            for (String form : forms(secret)) {
                assertThat(responses).as("responses, for " + form).noneMatch(r -> r.contains(form));
                assertThat(logs.lines()).as("server log, for " + form).noneMatch(l -> l.contains(form));
                assertThat(streamed).as("event stream, for " + form).noneMatch(l -> l.contains(form));
            }
        }
        assertThat(logs.lines()).anyMatch(l -> l.contains("failed: cannot render parameters.token"));
    }

    /** The secret and what the templates make of it. */
    private static List<String> forms(String secret) {
        return List.of(secret, secret.toLowerCase(Locale.ROOT), secret.toUpperCase(Locale.ROOT),
                new StringBuilder(secret).reverse().toString(),
                Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)),
                secret.substring(1, secret.length() - 1));
    }

    private void put(String key, String scope) {
        Api.Response put = api.put("/api/v1/keys/" + key,
                Api.json(Map.of("value", SECRETS.get(key), "secret", true, "scope", scope)));
        assertThat(put.status()).as(put.body()).isEqualTo(200);
    }

    private void installPack() throws Exception {
        Path pack = WebhookRules.pack(PACK, Map.of("actions/use_token.yaml", """
                name: use_token
                runner: shell
                entry_point: use_token.sh
                timeout: 20
                parameters:
                  token: {type: string, secret: true}
                """, "actions/use_token.sh", "#!/bin/sh\necho done\n"));
        Api.Response installed = keep(api.post("/api/v1/packs/install", Api.json(Map.of("path", pack.toString()))));
        assertThat(installed.status()).as(installed.body()).isEqualTo(201);
    }
}
