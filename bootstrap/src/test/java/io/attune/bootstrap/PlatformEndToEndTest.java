package io.attune.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.attune.bootstrap.support.Api;
import io.attune.bootstrap.support.TestApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole platform started against real PostgreSQL and RabbitMQ: bundled packs, health, installs, bad packs. */
class PlatformEndToEndTest {

    private static TestApplication app;
    private static Api api;

    @BeforeAll
    static void start() {
        app = TestApplication.shared();
        api = new Api(app.url());
    }

    private static List<String> refs(JsonNode list) {
        List<String> refs = new ArrayList<>();
        list.get("items").forEach(i -> refs.add(i.get("ref").asText()));
        return refs;
    }

    @Test
    void servesTheBundledCoreAndExamplesPacks() {
        Api.Response packs = api.get("/api/v1/packs");

        assertThat(packs.status()).isEqualTo(200);
        assertThat(refs(packs.json())).contains("core", "examples");
        assertThat(refs(api.get("/api/v1/actions?pack=core&limit=100").json()))
                .contains("core.noop", "core.echo", "core.local", "core.local_script", "core.http", "core.sleep");
        assertThat(refs(api.get("/api/v1/triggers?pack=core").json()))
                .contains("core.intervaltimer", "core.crontimer", "core.datetimer", "core.webhook");
    }

    @Test
    void healthReportsTheDatabaseAndTheBroker() {
        Api.Response health = api.get("/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("UP");
        assertThat(health.json().get("details").has("jdbc")).isTrue();
        assertThat(health.json().get("details").has("rabbitmq")).isTrue();
    }

    @Test
    void prometheusExposesMetrics() {
        Api.Response metrics = api.get("/prometheus");

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
    }

    @Test
    void installsAPackFromADirectoryAndRetiresWhatIsRemovedOnReinstall(@TempDir Path dir) throws IOException {
        Path pack = writePack(dir.resolve("e2e_install"), "e2e_install", true);

        Api.Response installed = api.post("/api/v1/packs/install", Api.json(Map.of("path", pack.toString())));
        assertThat(installed.status()).as(installed.body()).isEqualTo(201);
        assertThat(api.get("/api/v1/actions/e2e_install.hello").status()).isEqualTo(200);
        assertThat(api.get("/api/v1/actions/e2e_install.bye").status()).isEqualTo(200);

        Files.delete(pack.resolve("actions/bye.yaml"));
        Api.Response again = api.post("/api/v1/packs/install", Api.json(Map.of("path", pack.toString())));

        assertThat(again.status()).as(again.body()).isEqualTo(201);
        assertThat(api.get("/api/v1/actions/e2e_install.bye").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/actions/e2e_install.hello").status()).isEqualTo(200);
    }

    @Test
    void refusesAMalformedPackNamingFileAndFieldAndWritesNothing(@TempDir Path dir) throws Exception {
        Path pack = writePack(dir.resolve("e2e_bad"), "e2e_bad", false);
        Files.writeString(pack.resolve("rules/broken.yaml"), """
                ref: e2e_bad.broken
                trigger: {type: core.webhook, parameters: {url: broken}}
                criteria: {trigger.body.x: {type: sortof, pattern: 1}}
                action: {ref: e2e_bad.hello}
                """);
        long before = count("actions");

        Api.Response refused = api.post("/api/v1/packs/install", Api.json(Map.of("path", pack.toString())));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(StreamSupport.stream(refused.json().get("errors").spliterator(), false)
                .map(e -> e.path("file").asText() + "#" + e.get("field").asText()))
                .contains("rules/broken.yaml#criteria.trigger.body.x");
        assertThat(refused.body()).doesNotContain("Exception").doesNotContain("at io.attune");
        assertThat(count("actions")).isEqualTo(before);
        assertThat(api.get("/api/v1/packs/e2e_bad").status()).isEqualTo(404);
    }

    @Test
    void refusesARuleOfAPackThatNamesAnActionOfNoPack(@TempDir Path dir) throws Exception {
        Path pack = writePack(dir.resolve("e2e_xref"), "e2e_xref", false);
        Files.writeString(pack.resolve("rules/other.yaml"), """
                ref: e2e_xref.other
                trigger: {type: core.webhook, parameters: {url: other}}
                action: {ref: nowhere.missing}
                """);

        Api.Response refused = api.post("/api/v1/packs/install", Api.json(Map.of("path", pack.toString())));

        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.body()).contains("rules/other.yaml").contains("nowhere.missing");
        assertThat(api.get("/api/v1/packs/e2e_xref").status()).isEqualTo(404);
    }

    private static long count(String table) throws Exception {
        try (Connection c = io.attune.bootstrap.support.TestServices.get().connect();
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select count(*) from " + table)) {
            r.next();
            return r.getLong(1);
        }
    }

    static Path writePack(Path dir, String name, boolean withBye) throws IOException {
        Files.createDirectories(dir.resolve("actions"));
        Files.createDirectories(dir.resolve("rules"));
        Files.writeString(dir.resolve("pack.yaml"), "ref: " + name + "\nversion: 1.0.0\ndescription: e2e\n");
        Files.writeString(dir.resolve("actions/hello.yaml"), """
                name: hello
                runner: shell
                entry_point: hello.sh
                parameters:
                  who: {type: string, default: world}
                """);
        Files.writeString(dir.resolve("actions/hello.sh"), "#!/bin/bash\necho hello $ATTUNE_PARAM_WHO\n");
        if (withBye) {
            Files.writeString(dir.resolve("actions/bye.yaml"), "name: bye\nrunner: shell\nentry_point: hello.sh\n");
        }
        return dir;
    }
}
