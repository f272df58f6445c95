package io.attune.bootstrap.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The console as a browser without JavaScript sees it, for tests that need no Chromium: plain JDK HTTP, redirects not
 * followed, cookies kept by name (the console's are all on path /).
 */
final class ConsoleClient {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final String base;
    final Map<String, String> cookies = new LinkedHashMap<>();

    ConsoleClient(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** Signs in through the login form; fails the test unless it worked. */
    static ConsoleClient signedIn(String base, String username, String password) {
        ConsoleClient client = new ConsoleClient(base);
        HttpResponse<String> login = client.login(username, password);
        if (login.statusCode() != 303) {
            throw new IllegalStateException("sign-in of " + username + " failed: " + login.statusCode() + " " + login.body());
        }
        return client;
    }

    /** Opens the login form (its pre-session cookie and token) and sends it as a person would. */
    HttpResponse<String> login(String username, String password) {
        String token = csrfToken(get("/login").body());
        return post("/login", Map.of("username", username, "password", password, "_csrf", token), null);
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    /**
     * Opens an event stream with the session's cookies; the future completes when the server ends the stream. The
     * call returns once the response's headers arrived, so the stream is open by then.
     */
    java.util.concurrent.CompletableFuture<HttpResponse<String>> openStream(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/event-stream")
                .timeout(Duration.ofMinutes(11)).GET();
        request.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("; ")));
        java.util.concurrent.CompletableFuture<HttpResponse<String>> ended = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.CompletableFuture<Void> opened = new java.util.concurrent.CompletableFuture<>();
        http.sendAsync(request.build(), info -> {
            opened.complete(null);
            return HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8);
        }).whenComplete((response, failure) -> {
            opened.complete(null);
            if (failure != null) {
                ended.completeExceptionally(failure);
            } else {
                ended.complete(response);
            }
        });
        opened.orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join();
        return ended;
    }

    /** A form post; {@code origin} is sent as the Origin header when not null. */
    HttpResponse<String> post(String path, Map<String, String> form, String origin) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (origin != null) {
            request.header("Origin", origin);
        }
        return send(request);
    }

    /** A multipart post of one file as the field {@code field}, as a browser sends a file input's form. */
    HttpResponse<String> upload(String path, String field, String filename, byte[] content) {
        String boundary = "----attune-console-" + java.util.UUID.randomUUID();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
                + filename + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    /** The CSRF token in a page's forms. */
    static String csrfToken(String page) {
        Matcher m = CSRF.matcher(page);
        if (!m.find()) {
            throw new IllegalStateException("no CSRF token in the page");
        }
        return m.group(1);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            List<String> set = response.headers().allValues("Set-Cookie");
            for (String cookie : set) {
                String pair = cookie.split(";", 2)[0];
                int eq = pair.indexOf('=');
                String name = pair.substring(0, eq).trim();
                String value = pair.substring(eq + 1).trim();
                if (value.isEmpty() || cookie.toLowerCase().contains("max-age=0")) {
                    cookies.remove(name);
                } else {
                    cookies.put(name, value);
                }
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
