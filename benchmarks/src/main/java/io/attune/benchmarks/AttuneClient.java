package io.attune.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/** The slice of the Attune REST API v1 the load driver uses, on the JDK HttpClient (HTTP/1.1, kept-alive). */
final class AttuneClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final URI base;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    /** The Authorization header of every request but webhooks: an API key, or an access token from a login. */
    private String authorization;

    AttuneClient(URI base) {
        this.base = base;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** Sends this API key ({@code attk_…}) with every request. */
    void useApiKey(String key) {
        this.authorization = "Bearer " + key;
    }

    /** Logs in and sends the access token with every request (run the server with a token lifetime above the run's). */
    void logIn(String username, String password) {
        HttpResponse<String> response = send(post("/api/v1/auth/login", Map.of("username", username, "password", password)));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("POST /api/v1/auth/login answered " + response.statusCode() + ": "
                    + response.body());
        }
        this.authorization = "Bearer " + read(response).path("access_token").asText();
    }

    /** Requests an execution and returns its id (assigned at request); fails unless the answer is 201. */
    long run(String action, Map<String, Object> parameters) {
        return idOf(send(runRequest(action, parameters)));
    }

    /** As {@link #run}, without blocking the caller: for an open-loop (fixed-rate) load. */
    CompletableFuture<Long> runAsync(String action, Map<String, Object> parameters) {
        return http.sendAsync(runRequest(action, parameters), HttpResponse.BodyHandlers.ofString())
                .thenApply(this::idOf);
    }

    /** Posts a JSON body to a webhook and returns the recorded event's id; fails unless the answer is 202. */
    long webhook(String url, Map<String, Object> body) {
        return eventOf(send(post("/api/v1/webhooks/" + url, body)));
    }

    /** As {@link #webhook}, without blocking the caller. */
    CompletableFuture<Long> webhookAsync(String url, Map<String, Object> body) {
        return http.sendAsync(post("/api/v1/webhooks/" + url, body), HttpResponse.BodyHandlers.ofString())
                .thenApply(this::eventOf);
    }

    private long eventOf(HttpResponse<String> response) {
        if (response.statusCode() != 202) {
            throw new IllegalStateException("POST /api/v1/webhooks answered " + response.statusCode() + ": "
                    + response.body());
        }
        return read(response).path("event").asLong();
    }

    /** Creates a rule (the body as the rules API takes it); one that exists already is left as it is. */
    void ensureRule(Map<String, Object> rule) {
        HttpResponse<String> response = send(post("/api/v1/rules", rule));
        if (response.statusCode() != 201 && response.statusCode() != 409) {
            throw new IllegalStateException("POST /api/v1/rules answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** Every item of a list endpoint with these filters, paging 1,000 at a time. */
    List<JsonNode> items(String path, Map<String, String> filters) {
        List<JsonNode> all = new ArrayList<>();
        for (int offset = 0; ; offset += 1000) {
            Map<String, String> q = new java.util.HashMap<>(filters);
            q.put("limit", "1000");
            q.put("offset", Integer.toString(offset));
            JsonNode page = read(get(path + query(q)));
            page.path("items").forEach(all::add);
            if (page.path("items").size() < 1000 || all.size() >= page.path("total").asLong()) {
                return all;
            }
        }
    }

    /** How many executions of the action were created at or after {@code since} and are now in {@code status}. */
    long count(String action, String status, Instant since) {
        return read(get("/api/v1/executions" + query(Map.of("action", action, "status", status,
                "since", since.toString(), "limit", "1")))).path("total").asLong();
    }

    /** Every execution of the action created at or after {@code since}, newest first, paging 1,000 at a time. */
    List<ExecutionRecord> list(String action, Instant since) {
        List<ExecutionRecord> all = new ArrayList<>();
        for (int offset = 0; ; offset += 1000) {
            JsonNode page = read(get("/api/v1/executions" + query(Map.of("action", action,
                    "since", since.toString(), "limit", "1000", "offset", Integer.toString(offset)))));
            page.path("items").forEach(item -> all.add(ExecutionRecord.of(item)));
            if (page.path("items").size() < 1000 || all.size() >= page.path("total").asLong()) {
                return all;
            }
        }
    }

    ExecutionRecord get(long id) {
        return ExecutionRecord.of(read(get("/api/v1/executions/" + id)));
    }

    /** Installs (or re-installs) the pack in a directory the server can read. */
    void installPack(Path directory) {
        HttpRequest request = post("/api/v1/packs/install", Map.of("path", directory.toAbsolutePath().toString()));
        HttpResponse<String> response = send(request);
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("installing " + directory + " answered " + response.statusCode() + ": "
                    + response.body());
        }
    }

    private HttpRequest runRequest(String action, Map<String, Object> parameters) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("action", action);
        body.put("parameters", parameters);
        return post("/api/v1/executions", body);
    }

    private long idOf(HttpResponse<String> response) {
        if (response.statusCode() != 201) {
            throw new IllegalStateException("POST /api/v1/executions answered " + response.statusCode() + ": "
                    + response.body());
        }
        return read(response).path("id").asLong();
    }

    private HttpRequest post(String path, Object body) {
        try {
            return authorized(HttpRequest.newBuilder(base.resolve(path))
                    .timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))))
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> get(String pathAndQuery) {
        HttpResponse<String> response = send(authorized(HttpRequest.newBuilder(base.resolve(pathAndQuery))
                .timeout(TIMEOUT).header("Accept", "application/json").GET()).build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + pathAndQuery + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response;
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder request) {
        return authorization == null ? request : request.header("Authorization", authorization);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private JsonNode read(HttpResponse<String> response) {
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }

    private static String query(Map<String, String> parameters) {
        StringJoiner query = new StringJoiner("&", "?", "");
        new TreeMap<>(parameters).forEach((name, value) ->
                query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return query.toString();
    }
}
