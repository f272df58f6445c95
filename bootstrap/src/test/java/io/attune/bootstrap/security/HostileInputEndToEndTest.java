package io.attune.bootstrap.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.attune.bootstrap.support.Api;
import io.attune.bootstrap.support.TestApplication;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SQL-like and path-traversal strings in refs, names and filters are refused (4xx problem) or taken as data, never a
 * 500, and the stores are intact afterwards.
 */
class HostileInputEndToEndTest {

    private static final List<String> HOSTILE = List.of(
            "x'; DROP TABLE executions; --",
            "core.noop' OR '1'='1",
            "../../etc/passwd",
            "..%2F..%2Fetc%2Fpasswd",
            "core.%00noop",
            "$(touch /tmp/attune-pwned)",
            "<script>alert(1)</script>");

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void hostileStringsInPathsAndFiltersAreRefusedOrTakenAsData() {
        Api api = new Api(TestApplication.shared().url());
        long actionsBefore = api.get("/api/v1/actions").json().path("total").asLong();

        for (String s : HOSTILE) {
            for (String path : List.of("/api/v1/actions/" + enc(s), "/api/v1/rules/" + enc(s), "/api/v1/packs/" + enc(s),
                    "/api/v1/keys/" + enc(s), "/api/v1/sensors/" + enc(s), "/api/v1/triggers/" + enc(s),
                    "/api/v1/executions?action=" + enc(s), "/api/v1/executions?status=" + enc(s),
                    "/api/v1/events?trigger=" + enc(s), "/api/v1/events?source=" + enc(s),
                    "/api/v1/enforcements?rule=" + enc(s), "/api/v1/rules?pack=" + enc(s),
                    "/api/v1/keys?prefix=" + enc(s), "/api/v1/audit?actor=" + enc(s),
                    "/api/v1/actions/" + enc(s) + "/queue-stats")) {
                Api.Response r = api.get(path);
                assertThat(r.status()).as(path + " → " + r.body()).isIn(200, 400, 404);
                if (r.status() != 200) {
                    assertThat(r.contentType()).as(path).startsWith("application/problem+json");
                }
            }
            Api.Response run = api.post("/api/v1/executions", Api.json(Map.of("action", s)));
            assertThat(run.status()).as(s).isIn(400, 404, 422);
            Api.Response event = api.post("/api/v1/events", Api.json(Map.of("trigger", s, "payload", Map.of("x", s))));
            assertThat(event.status()).as(s).isIn(400, 404, 422);
            Api.Response install = api.post("/api/v1/packs/install", Api.json(Map.of("path", s)));
            assertThat(install.status()).as(s + " → " + install.body()).isIn(400, 404, 422);
        }

        assertThat(api.get("/api/v1/actions").json().path("total").asLong()).isEqualTo(actionsBefore);
        assertThat(api.get("/api/v1/executions?limit=1").status()).isEqualTo(200);
        assertThat(new java.io.File("/tmp/attune-pwned")).doesNotExist();
    }
}
