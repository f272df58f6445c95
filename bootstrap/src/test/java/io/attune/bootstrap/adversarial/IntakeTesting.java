package io.attune.bootstrap.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.attune.bootstrap.support.Api;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/** Shared steps of the intake adversarial tests: problem checks, nested JSON, raw tar entries, uploads. */
final class IntakeTesting {

    private IntakeTesting() {
    }

    /** Checks an RFC 9457 problem of this status and type, with nothing internal in it; returns its JSON. */
    static JsonNode assertProblem(Api.Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).as(response.body()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.path("type").asText()).as(response.body()).isEqualTo("https://attune.dev/problems/" + code);
        assertThat(problem.path("detail").asText()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception", "\tat ", "com.fasterxml", "io.micronaut");
        assertThat(problem.path("detail").asText()).doesNotContain("null");
        return problem;
    }

    /** The fields a problem names. */
    static List<String> fields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(e -> fields.add(e.path("field").asText()));
        return fields;
    }

    /** A JSON object nested {@code depth} levels: {"a":{"a":…{}…}}. */
    static String nested(int depth) {
        return "{\"a\":".repeat(depth - 1) + "{}" + "}".repeat(depth - 1);
    }

    /** One tar entry: its name, type flag ('0' file, '3' character device, '4' block device, '6' FIFO …), content. */
    record TarEntry(String name, char type, String content) {
    }

    /** A gzip-compressed ustar archive of the entries, written byte by byte so any type flag can be given. */
    static byte[] tarGz(List<TarEntry> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            for (TarEntry entry : entries) {
                byte[] content = entry.content().getBytes(StandardCharsets.UTF_8);
                gzip.write(tarHeader(entry.name(), content.length, entry.type()));
                gzip.write(content);
                gzip.write(new byte[(512 - content.length % 512) % 512]);
            }
            gzip.write(new byte[1024]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The entries of a small valid pack {@code pack} with one shell action, at the archive's root. */
    static List<TarEntry> packEntries(String pack, String version) {
        return List.of(
                new TarEntry("pack.yaml", '0', "ref: " + pack + "\nversion: " + version + "\n"),
                new TarEntry("actions/hello.yaml", '0',
                        "name: hello\nrunner: shell\nentry_point: hello.sh\nparameters: {}\n"),
                new TarEntry("actions/hello.sh", '0', "#!/bin/sh\necho hello\n"));
    }

    private static byte[] tarHeader(String name, long size, char type) {
        byte[] header = new byte[512];
        put(header, 0, name);
        put(header, 100, String.format("%07o", type == '0' ? 0644 : 0600));
        put(header, 108, "0000000");
        put(header, 116, "0000000");
        put(header, 124, String.format("%011o", size));
        put(header, 136, String.format("%011o", 0));
        header[156] = (byte) type;
        put(header, 257, "ustar");
        put(header, 263, "00");
        put(header, 329, "0000000");
        put(header, 337, "0000000");
        for (int i = 148; i < 156; i++) {
            header[i] = ' ';
        }
        long sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        put(header, 148, String.format("%06o", sum) + "\0 ");
        return header;
    }

    private static void put(byte[] header, int offset, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, offset, bytes.length);
    }

    /** Posts one file as the multipart field {@code archive} of a pack upload. */
    static Api.Response upload(Api api, String url, byte[] content) {
        String boundary = "----attune-adv-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"archive\"; filename=\"p.tar.gz\""
                + "\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return api.send(HttpRequest.newBuilder(URI.create(url.replaceAll("/$", "") + "/api/v1/packs/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
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
