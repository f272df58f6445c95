package io.attune.adapters.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.attune.application.port.out.ActionRunner;
import io.attune.domain.action.RunnerType;
import io.attune.domain.common.Json;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs {@code http} actions (core.http) in the worker: one HTTP request with the JDK client. The result is
 * {@code {status_code, headers, body}} (body parsed when it is JSON); a status of 400 or more fails the execution
 * (exit code 1), a connection error fails it with the reason.
 */
@Singleton
public class HttpActionRunner implements ActionRunner {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD");
    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    @Override
    public Set<RunnerType> runners() {
        return Set.of(RunnerType.HTTP);
    }

    @Override
    public RunningAction start(RunRequest request) {
        Map<String, Object> p = request.parameters();
        String method = String.valueOf(p.getOrDefault("method", "GET")).toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            return Finished.failedToStart("unsupported method '" + method + "'");
        }
        if (Boolean.FALSE.equals(p.get("verify_ssl"))) {
            return Finished.failedToStart("verify_ssl: false is not supported: certificates are always verified");
        }
        URI uri;
        try {
            uri = URI.create(String.valueOf(p.get("url")));
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                return Finished.failedToStart("url must be an http or https URL, got '" + p.get("url") + "'");
            }
        } catch (IllegalArgumentException e) {
            return Finished.failedToStart("url is not a valid URL: " + e.getMessage());
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(request.timeout());
        if (p.get("headers") instanceof Map<?, ?> headers) {
            try {
                headers.forEach((k, v) -> builder.header(String.valueOf(k), String.valueOf(v)));
            } catch (IllegalArgumentException e) {
                return Finished.failedToStart("invalid header: " + e.getMessage());
            }
        }
        Object body = p.get("body");
        builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(String.valueOf(body)));
        CompletableFuture<HttpResponse<byte[]>> response = client.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new RunningAction() {
            @Override
            public RunOutcome await() throws InterruptedException {
                try {
                    return outcome(response.get(request.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS), request.outputCapBytes());
                } catch (CancellationException e) {
                    return new RunOutcome.Canceled(Output.empty());
                } catch (TimeoutException e) {
                    response.cancel(true);
                    return new RunOutcome.TimedOut(Output.empty());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof java.net.http.HttpTimeoutException) {
                        return new RunOutcome.TimedOut(Output.empty());
                    }
                    String reason = e.getCause() == null ? e.getMessage() : e.getCause().toString();
                    return new RunOutcome.Exited(1, new Output("", reason, 0, 0), Optional.empty(),
                            Optional.of("request failed: " + reason));
                }
            }

            @Override
            public void cancel() {
                response.cancel(true);
            }
        };
    }

    private static RunOutcome outcome(HttpResponse<byte[]> response, int cap) {
        String text = new String(response.body(), StandardCharsets.UTF_8);
        long overflow = Math.max(0, response.body().length - cap);
        String shown = overflow > 0 ? new String(response.body(), 0, cap, StandardCharsets.UTF_8) : text;
        Map<String, Object> headers = new LinkedHashMap<>();
        response.headers().map().forEach((k, v) -> headers.put(k, v.size() == 1 ? v.get(0) : List.copyOf(v)));
        Object body = text;
        boolean json = response.headers().firstValue("content-type").map(t -> t.contains("json")).orElse(false);
        if (json && overflow == 0) {
            try {
                body = JSON.readValue(text, Object.class);
            } catch (IOException e) {
                body = text;
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("status_code", response.statusCode());
        result.put("headers", headers);
        result.put("body", body);
        int code = response.statusCode() >= 400 ? 1 : 0;
        return new RunOutcome.Exited(code, new Output(shown, "", overflow, 0), Optional.of(Json.copyObject(result)),
                Optional.empty());
    }
}
