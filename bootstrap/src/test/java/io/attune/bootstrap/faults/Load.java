package io.attune.bootstrap.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.attune.bootstrap.support.Api;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A steady load on the API at fixed rates, whatever the answers: webhooks (each a {@code core.webhook} event that two
 * rules match) and {@code POST /api/v1/executions} of the limited actions. It keeps the id of every event answered 202
 * and every execution answered 201: those are the accepted ones that the checks follow. A 429 is counted as refused
 * (backpressure), a connection error or another status as not accepted.
 */
final class Load implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService ticks = Executors.newScheduledThreadPool(2);
    private final String base;
    private final String authorization;
    private final String webhook;
    private final Random random = new Random(14);
    private final AtomicLong sequence = new AtomicLong();
    final ConcurrentLinkedQueue<Long> acceptedEvents = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Long> acceptedExecutions = new ConcurrentLinkedQueue<>();
    final AtomicLong sent = new AtomicLong();
    final AtomicLong refused = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final Map<String, AtomicLong> otherAnswers = new ConcurrentHashMap<>();

    Load(String base, String webhook) {
        this.base = base;
        this.webhook = webhook;
        this.authorization = Api.adminAuthorization(base);
    }

    /** Starts sending {@code webhooks} webhooks and {@code executions} API requests per second. */
    void start(int webhooksPerSecond, int executionsPerSecond) {
        ticks.scheduleAtFixedRate(this::webhook, 0, 1_000_000 / webhooksPerSecond, TimeUnit.MICROSECONDS);
        ticks.scheduleAtFixedRate(this::execution, 0, 1_000_000 / executionsPerSecond, TimeUnit.MICROSECONDS);
    }

    /** The parameters of one request: a sleep of 50–200 ms and one of four keys. */
    private synchronized Map<String, Object> parameters() {
        return Map.of("seconds", String.format(java.util.Locale.ROOT, "%.3f", 0.05 + random.nextInt(151) / 1000.0),
                "key", "k" + random.nextInt(4));
    }

    private void webhook() {
        Map<String, Object> body = new java.util.LinkedHashMap<>(parameters());
        body.put("n", sequence.incrementAndGet());
        send(HttpRequest.newBuilder(URI.create(base + "/api/v1/webhooks/" + webhook)), body, 202, "event",
                acceptedEvents);
    }

    private void execution() {
        long n = sequence.incrementAndGet();
        Map<String, Object> parameters = parameters();
        Map<String, Object> body = n % 2 == 0 ? Map.of("action", "faults.work", "parameters",
                Map.of("seconds", parameters.get("seconds")))
                : Map.of("action", "faults.keyed", "parameters", parameters);
        send(HttpRequest.newBuilder(URI.create(base + "/api/v1/executions")).header("Authorization", authorization),
                body, 201, "id", acceptedExecutions);
    }

    private void send(HttpRequest.Builder request, Map<String, Object> body, int accepted, String idField,
                      ConcurrentLinkedQueue<Long> ids) {
        sent.incrementAndGet();
        HttpRequest built = request.timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Api.json(body))).build();
        http.sendAsync(built, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
            if (error != null) {
                failed.incrementAndGet();
            } else if (response.statusCode() == accepted) {
                try {
                    JsonNode json = JSON.readTree(response.body());
                    ids.add(json.path(idField).asLong());
                } catch (java.io.IOException e) {
                    otherAnswers.computeIfAbsent("unreadable " + accepted, k -> new AtomicLong()).incrementAndGet();
                }
            } else if (response.statusCode() == 429) {
                refused.incrementAndGet();
            } else {
                otherAnswers.computeIfAbsent(Integer.toString(response.statusCode()), k -> new AtomicLong())
                        .incrementAndGet();
            }
        });
    }

    /** Stops sending and waits for the answers still outstanding. */
    @Override
    public void close() throws InterruptedException {
        ticks.shutdownNow();
        ticks.awaitTermination(5, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + Duration.ofSeconds(25).toNanos();
        while (answered() < sent.get() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    long answered() {
        return acceptedEvents.size() + acceptedExecutions.size() + refused.get() + failed.get()
                + otherAnswers.values().stream().mapToLong(AtomicLong::get).sum();
    }

    List<Long> events() {
        return List.copyOf(acceptedEvents);
    }

    List<Long> executions() {
        return List.copyOf(acceptedExecutions);
    }
}
