package io.attune.adapters.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** A plain JDK HTTP connection for the API tests: raw bodies and content types, so malformed requests can be sent too. */
final class Http {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final URL base;

    Http(URL base) {
        this.base = base;
    }

    /** A response: status, content type, body (also parsed as JSON when it is JSON), Location and Retry-After. */
    record Reply(int status, String contentType, String body, String location, String retryAfter) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }
    }

    Reply get(String path) {
        return send("GET", path, null, (byte[]) null);
    }

    Reply delete(String path) {
        return send("DELETE", path, null, (byte[]) null);
    }

    Reply post(String path, String json) {
        return send("POST", path, "application/json", json);
    }

    Reply put(String path, String json) {
        return send("PUT", path, "application/json", json);
    }

    Reply send(String method, String path, String contentType, String body) {
        return send(method, path, contentType, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    /** Posts one file as the multipart field {@code field}. */
    Reply upload(String path, String field, String filename, byte[] content) {
        String boundary = "----attune" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"" + field + "\"; filename=\"" + filename + "\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send("POST", path, "multipart/form-data; boundary=" + boundary, body.toByteArray());
    }

    Reply send(String method, String path, String contentType, byte[] body) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(base.toString() + path).toURL().openConnection();
            connection.setRequestMethod(method);
            connection.setConnectTimeout(10_000);
            connection.setReadTimeout(30_000);
            connection.setInstanceFollowRedirects(false);
            if (contentType != null) {
                connection.setRequestProperty("Content-Type", contentType);
            }
            if (body != null) {
                connection.setDoOutput(true);
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(body);
                }
            }
            int status = connection.getResponseCode();
            InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new Reply(status, connection.getContentType(), text, connection.getHeaderField("Location"),
                    connection.getHeaderField("Retry-After"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
