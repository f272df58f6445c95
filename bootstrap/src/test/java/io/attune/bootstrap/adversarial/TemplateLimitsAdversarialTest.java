package io.attune.bootstrap.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.attune.bootstrap.support.Api;
import io.attune.bootstrap.support.TestApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Template renders are bounded: nested loops fail the enforcement naming the bound, promptly, stop using CPU, and the
 * next event is enforced; a template of thousands of parentheses is refused before parsing, by the rule API and at
 * pack install, naming the field (and the file).
 */
@Tag("adversarial")
class TemplateLimitsAdversarialTest {

    private static final String PACK = "adv_tlimits";
    private static final String LOOPS = "{% for i in range(9999) %}{% for j in range(9999) %}{% for k in range(9999) %}"
            + "{% endfor %}{% endfor %}{% endfor %}";
    private static final String PARENTHESES = "{{ " + "(".repeat(5_000) + "1" + ")".repeat(5_000) + " }}";
    private static final String BOUND = "template exceeded the (render time limit of 1 s|limit of 200000 rendering steps)";

    private Api api;
    private String url;

    @BeforeEach
    void installPack() throws Exception {
        url = TestApplication.shared().url().replaceAll("/$", "");
        api = new Api(url);
        Api.Response installed = api.post("/api/v1/packs/install",
                Api.json(Map.of("path", pack(Map.of()).toString())));
        assertThat(installed.status()).as(installed.body()).isEqualTo(201);
    }

    @Test
    void nestedLoopsFailTheEnforcementNamingTheBoundAndTheNextEventIsEnforced() throws Exception {
        rule("loops", "adv-tlimits/loops", LOOPS);
        rule("plain", "adv-tlimits/plain", "{{ trigger.body.n }}");

        Instant start = Instant.now();
        long loops = WebhookRules.event(api, url, "adv-tlimits/loops", "{}");
        long plain = WebhookRules.event(api, url, "adv-tlimits/plain", "{\"n\": \"next\"}");
        JsonNode failed = WebhookRules.awaitEnforcementOf(api, loops);
        JsonNode next = WebhookRules.awaitEnforcementOf(api, plain);

        assertThat(failed.path("status").asText()).isEqualTo("failed");
        assertThat(failed.path("failure").asText()).as(failed.toString())
                .containsPattern("cannot render parameters.msg: " + BOUND);
        assertThat(next.path("status").asText()).as(next.toString()).isEqualTo("succeeded");
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(15));
        assertNoRenderKeepsRunning();

        Instant dryRun = Instant.now();
        Api.Response test = api.post("/api/v1/rules/" + PACK + ".loops/test", Api.json(Map.of("payload", Map.of())));
        assertThat(test.status()).as(test.body()).isEqualTo(200);
        assertThat(test.body()).containsPattern(BOUND);
        assertThat(Duration.between(dryRun, Instant.now())).isLessThan(Duration.ofSeconds(5));
        assertNoRenderKeepsRunning();
    }

    @Test
    void theRuleApiRefusesATemplateOfThousandsOfParenthesesAtOnceNamingTheField() {
        Instant start = Instant.now();
        Api.Response response = api.post("/api/v1/rules", Api.json(Map.of("ref", PACK + ".deep",
                "trigger", Map.of("type", "core.webhook", "parameters", Map.of("url", "adv-tlimits/deep")),
                "action", Map.of("ref", PACK + ".echo", "parameters", Map.of("msg", PARENTHESES)))));

        assertThat(response.status()).as(response.body()).isEqualTo(422);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("errors")).anySatisfy(error -> {
            assertThat(error.path("field").asText()).isEqualTo("action.parameters.msg");
            assertThat(error.path("message").asText()).contains("more than 32 deep");
        });
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(3));
        assertThat(api.get("/api/v1/rules/" + PACK + ".deep").status()).isEqualTo(404);
    }

    @Test
    void aPackWithATemplateOfThousandsOfParenthesesIsRefusedNamingTheFileAndTheField() throws Exception {
        Path pack = pack(Map.of("rules/deep.yaml", """
                ref: %s.deep
                trigger: {type: core.webhook, parameters: {url: adv-tlimits/deep}}
                action: {ref: %s.echo, parameters: {msg: "%s"}}
                """.formatted(PACK, PACK, PARENTHESES)));

        Instant start = Instant.now();
        Api.Response response = api.post("/api/v1/packs/install", Api.json(Map.of("path", pack.toString())));

        assertThat(response.status()).as(response.body()).isEqualTo(422);
        assertThat(response.body()).contains("rules/deep.yaml", "action.parameters.msg", "more than 32 deep");
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(5));
    }

    /** Over two seconds after a refused render, the server's process uses far less than one core. */
    private static void assertNoRenderKeepsRunning() throws Exception {
        Duration before = processCpuTime();
        Thread.sleep(2_000);
        assertThat(processCpuTime().minus(before)).isLessThan(Duration.ofMillis(1_200));
    }

    /** User and system CPU time of this process (the server runs in it), from Linux's /proc/self/stat. */
    private static Duration processCpuTime() throws Exception {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime: fields 14 and 15
        return Duration.ofMillis(ticks * 10); // USER_HZ is 100 on Linux
    }

    private static Path pack(Map<String, String> extra) throws Exception {
        Map<String, String> files = new HashMap<>(extra);
        files.put("actions/echo.yaml", """
                name: echo
                runner: shell
                entry_point: echo.sh
                timeout: 20
                parameters:
                  msg: {type: string}
                """);
        files.put("actions/echo.sh", "#!/bin/sh\necho \"$ATTUNE_PARAM_MSG\"\n");
        return WebhookRules.pack(PACK, files);
    }

    private void rule(String name, String hook, String msg) {
        WebhookRules.rule(api, PACK + "." + name, Map.of("url", hook), Map.of(), PACK + ".echo", Map.of("msg", msg));
    }
}
