package io.attune.bootstrap.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A small JSON client for end-to-end tests: plain JDK HTTP, so a test sees exactly what a user's curl sees. */
public final class Api {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Map<String, String> ADMIN_TOKENS = new ConcurrentHashMap<>();
    private final String base;
    /** The Authorization header sent with every request; null: none; ADMIN: the admin's token, fetched once. */
    private final String authorization;
    private static final String ADMIN = "admin";

    /** A client that acts as the test application's admin ({@link TestApplication#ADMIN_PASSWORD}). */
    public Api(String base) {
        this(base, ADMIN);
    }

    private Api(String base, String authorization) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.authorization = authorization;
    }

    /** The same server without credentials. */
    public Api anonymous() {
        return new Api(base, null);
    }

    /** The same server with {@code Authorization: Bearer <token>} (an access token or an API key). */
    public Api withToken(String token) {
        return new Api(base, "Bearer " + token);
    }

    /** The same server with an exact Authorization header value. */
    public Api withAuthorization(String header) {
        return new Api(base, header);
    }

    /** The same server as that user (logs in). */
    public Api as(String username, String password) {
        Response login = anonymous().post("/api/v1/auth/login", json(Map.of("username", username, "password", password)));
        if (login.status() != 200) {
            throw new IllegalStateException("login of " + username + " failed: " + login.status() + " " + login.body());
        }
        return withToken(login.json().path("access_token").asText());
    }

    /** {@code Bearer <token>} of the admin of the application at {@code base}, for clients other than this one. */
    public static String adminAuthorization(String base) {
        String key = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return ADMIN_TOKENS.computeIfAbsent(key, b -> {
            Response login = new Api(b, null).post("/api/v1/auth/login",
                    json(Map.of("username", "admin", "password", TestApplication.ADMIN_PASSWORD)));
            if (login.status() != 200) {
                throw new IllegalStateException("the admin cannot log in: " + login.status() + " " + login.body());
            }
            return "Bearer " + login.json().path("access_token").asText();
        });
    }

    /** A response: status, content type and the body parsed as JSON (null when empty or not JSON). */
    public record Response(int status, String contentType, String body, JsonNode json,
                           java.net.http.HttpHeaders headers) {

        /** The first value of a response header. */
        public java.util.Optional<String> header(String name) {
            return headers.firstValue(name);
        }
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    public Response delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
    }

    public Response post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response put(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    /**
     * A request the server answers before it has read the body (too large): it may close the connection while the
     * client still sends, and the client then sees the connection fail instead of the answer (HTTP allows both). Sent
     * again, on a new connection, up to three times until the answer is read.
     */
    public Response sendAnsweredBeforeItsBody(HttpRequest.Builder request) {
        UncheckedIOException lastFailure = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return send(request);
            } catch (UncheckedIOException e) {
                lastFailure = e;
            }
        }
        throw lastFailure;
    }

    public Response send(HttpRequest.Builder request) {
        try {
            HttpRequest built = request.timeout(Duration.ofSeconds(30)).build();
            String header = ADMIN.equals(authorization) ? adminAuthorization(base) : authorization;
            if (header != null && built.headers().firstValue("Authorization").isEmpty()) {
                built = HttpRequest.newBuilder(built, (name, value) -> true).header("Authorization", header).build();
            }
            HttpResponse<String> r = http.send(built, HttpResponse.BodyHandlers.ofString());
            String type = r.headers().firstValue("Content-Type").orElse("");
            JsonNode json = null;
            if (!r.body().isBlank() && type.contains("json")) {
                json = JSON.readTree(r.body());
            }
            return new Response(r.statusCode(), type, r.body(), json, r.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
