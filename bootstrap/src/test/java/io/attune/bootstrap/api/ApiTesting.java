package io.attune.bootstrap.api;

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
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Shared steps of the API end-to-end tests: problem checks, multipart uploads, small packs and archives. */
public final class ApiTesting {

    private ApiTesting() {
    }

    /** Checks an RFC 9457 problem of this status and type, with nothing internal in it; returns its JSON. */
    public static JsonNode assertProblem(Api.Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).as(response.body()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.path("type").asText()).isEqualTo("https://attune.dev/problems/" + code);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("detail").asText()).isNotBlank();
        assertThat(problem.path("errors").isArray()).isTrue();
        assertThat(response.body()).doesNotContain("Exception", "\tat ", "com.fasterxml", "io.micronaut", "org.postgresql");
        return problem;
    }

    public static List<String> fields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(e -> fields.add(e.path("field").asText()));
        return fields;
    }

    static List<String> refs(JsonNode list) {
        List<String> refs = new ArrayList<>();
        list.path("items").forEach(i -> refs.add(i.path("ref").asText()));
        return refs;
    }

    /** Posts one file as the multipart field {@code field}. */
    public static Api.Response upload(Api api, String url, String field, String filename, byte[] content) {
        String boundary = "----attune-e2e-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
                + filename + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return api.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/packs/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    /** The files of a small valid pack: a shell action {@code <pack>.hello} and its script. */
    public static Map<String, String> packFiles(String pack) {
        return Map.of(
                "pack.yaml", "ref: " + pack + "\nversion: 1.0.0\ndescription: made by an API end-to-end test\n",
                "actions/hello.yaml", """
                        name: hello
                        description: Says hello
                        runner: shell
                        entry_point: hello.sh
                        output_format: text
                        timeout: 20
                        parameters:
                          who: {type: string, default: world}
                          token: {type: string, secret: true}
                        """,
                "actions/hello.sh", "#!/bin/sh\necho hello $ATTUNE_PARAM_WHO\n");
    }

    /** Writes files (relative path to content) under {@code dir}. */
    public static Path writeFiles(Path dir, Map<String, String> files) {
        try {
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path path = dir.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue());
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A zip of the files, each under {@code prefix}. */
    public static byte[] zip(String prefix, Map<String, String> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(prefix + file.getKey()));
                zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A gzip-compressed ustar archive of the files, each under {@code prefix}; names are written as given. */
    static byte[] tarGz(String prefix, Map<String, String> files) {
        return tarGz(files.entrySet().stream().map(f -> new TarEntry(prefix + f.getKey(), '0',
                f.getKey().endsWith(".sh") ? 0755 : 0644, f.getValue())).toList());
    }

    /** One tar entry: its name, type flag ('0' file, '3' character device, '4' block device, '6' FIFO…), mode, content. */
    public record TarEntry(String name, char type, int mode, String content) {
    }

    /** A gzip-compressed ustar archive of the entries, written byte by byte so that any name and type can be given. */
    public static byte[] tarGz(List<TarEntry> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            for (TarEntry entry : entries) {
                byte[] content = entry.content().getBytes(StandardCharsets.UTF_8);
                gzip.write(tarHeader(entry.name(), content.length, entry.mode(), entry.type()));
                gzip.write(content);
                gzip.write(new byte[(512 - content.length % 512) % 512]);
            }
            gzip.write(new byte[1024]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static byte[] tarHeader(String name, long size, int mode, char type) {
        byte[] header = new byte[512];
        put(header, 0, 100, name);
        put(header, 100, 8, String.format("%07o", mode));
        put(header, 108, 8, "0000000");
        put(header, 116, 8, "0000000");
        put(header, 124, 12, String.format("%011o", size));
        put(header, 136, 12, String.format("%011o", 0));
        header[156] = (byte) type;
        put(header, 257, 6, "ustar");
        put(header, 263, 2, "00");
        for (int i = 148; i < 156; i++) {
            header[i] = ' ';
        }
        long sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        put(header, 148, 8, String.format("%06o", sum) + "\0 ");
        return header;
    }

    private static void put(byte[] header, int offset, int length, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length > length) {
            throw new IllegalArgumentException("'" + value + "' does not fit in " + length + " bytes of a tar header");
        }
        System.arraycopy(bytes, 0, header, offset, bytes.length);
    }
}
