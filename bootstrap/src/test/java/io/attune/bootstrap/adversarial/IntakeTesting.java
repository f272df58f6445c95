package io.attune.bootstrap.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import io.attune.bootstrap.api.ApiTesting;
import io.attune.bootstrap.api.ApiTesting.TarEntry;
import io.attune.bootstrap.support.Api;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/** Shared steps of the intake adversarial tests: nested JSON, a small pack as tar entries, uploads, users. */
final class IntakeTesting {

    private IntakeTesting() {
    }

    /** A JSON object nested {@code depth} levels: {"a":{"a":…{}…}}. */
    static String nested(int depth) {
        return "{\"a\":".repeat(depth - 1) + "{}" + "}".repeat(depth - 1);
    }

    /** The entries of a small valid pack {@code pack} with one shell action, at the archive's root. */
    static List<TarEntry> packEntries(String pack, String version) {
        return List.of(
                new TarEntry("pack.yaml", '0', 0644, "ref: " + pack + "\nversion: " + version + "\n"),
                new TarEntry("actions/hello.yaml", '0', 0644,
                        "name: hello\nrunner: shell\nentry_point: hello.sh\nparameters: {}\n"),
                new TarEntry("actions/hello.sh", '0', 0755, "#!/bin/sh\necho hello\n"));
    }

    /** Posts an archive as a pack upload. */
    static Api.Response upload(Api api, String url, byte[] content) {
        return ApiTesting.upload(api, url.replaceAll("/$", ""), "archive", "p.tar.gz", content);
    }

    /** The directories (and files) directly under {@code dir}; none when it does not exist. */
    static List<Path> children(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A user of this role, created by the admin; returns a client acting as that user. */
    static Api user(Api admin, String role) {
        String name = role + "-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "pw-" + UUID.randomUUID();
        Api.Response created = admin.post("/api/v1/users",
                Api.json(Map.of("username", name, "password", password, "role", role)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return admin.anonymous().as(name, password);
    }
}
