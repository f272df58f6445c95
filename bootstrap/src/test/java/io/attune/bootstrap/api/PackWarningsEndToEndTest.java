package io.attune.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.attune.bootstrap.support.Api;
import io.attune.bootstrap.support.TestApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A key of a pack file that Attune does not use is never dropped without a word: the install and the pack say so. */
class PackWarningsEndToEndTest {

    @Test
    void unusedKeysAreListedInTheInstallAnswerAndThePackView(@TempDir Path dir) throws IOException {
        Api api = new Api(TestApplication.shared().url());
        Path root = dir.resolve("e2e_warned");
        Files.createDirectories(root.resolve("actions"));
        Files.createDirectories(root.resolve("policies"));
        Files.writeString(root.resolve("pack.yaml"), "ref: e2e_warned\nversion: 1.0.0\nauthor: ada\n");
        Files.writeString(root.resolve("actions/step.yaml"), """
                name: step
                runner: shell
                entry_point: step.sh
                flavour: vanilla
                """);
        Files.writeString(root.resolve("actions/step.sh"), "#!/bin/bash\necho done\n");
        Files.writeString(root.resolve("policies/limit.yaml"),
                "ref: e2e_warned.limit\naction: e2e_warned.step\nconcurrency: {limit: 1, max_queu: 5}\n");

        Api.Response installed = api.post("/api/v1/packs/install", Api.json(Map.of("path", root.toString())));
        JsonNode shown = api.get("/api/v1/packs/e2e_warned").json();

        assertThat(installed.status()).as(installed.body()).isEqualTo(201);
        List<String> expected = List.of(
                "pack.yaml author ignored: StackStorm-only",
                "actions/step.yaml flavour unknown key",
                "policies/limit.yaml concurrency.max_queu unknown key");
        assertThat(warnings(installed.json().path("warnings"))).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(warnings(installed.json().path("pack").path("warnings"))).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(warnings(shown.path("warnings"))).as(shown.toString()).containsExactlyInAnyOrderElementsOf(expected);
    }

    /** Each warning as "file key start-of-message" (the message up to its first colon, or all of it). */
    private static List<String> warnings(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode w : array) {
            String message = w.path("message").asText();
            String start = message.startsWith("ignored") ? message.substring(0, message.indexOf('(')).trim()
                    : message.substring(0, message.indexOf(':'));
            out.add(w.path("file").asText() + " " + w.path("key").asText() + " " + start);
        }
        return out;
    }
}
