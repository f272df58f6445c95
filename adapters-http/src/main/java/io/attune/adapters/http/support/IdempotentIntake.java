package io.attune.adapters.http.support;

import io.attune.adapters.http.problem.ProblemException;
import io.attune.adapters.http.security.Callers;
import io.attune.application.port.in.Idempotency;
import io.attune.application.port.in.Idempotency.Claim;
import io.attune.application.port.in.UseCaseException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.security.authentication.Authentication;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code Idempotency-Key} header of the requests that create (POST /executions, /events, webhooks): the key is
 * claimed in the transaction that creates, and a retry with the same key (same caller, same request) gets the first
 * answer, status and body, with {@code Idempotent-Replayed: true}, and creates nothing. A webhook without the header
 * uses its sender's delivery id ({@link #DELIVERY_HEADERS}). A key reused for another request is a 422.
 */
@Singleton
public final class IdempotentIntake {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";
    /**
     * Delivery ids that webhook senders set, unique per delivery and kept on its redeliveries. GitLab (17.4 and
     * later) sends an Idempotency-Key itself; its X-Gitlab-Event-UUID is not used, as one event may reach several hooks.
     */
    public static final List<String> DELIVERY_HEADERS = List.of("X-GitHub-Delivery");
    private static final Logger LOG = LoggerFactory.getLogger(IdempotentIntake.class);

    private final Idempotency idempotency;
    private final ObjectMapper json;

    IdempotentIntake(Idempotency idempotency, ObjectMapper json) {
        this.idempotency = idempotency;
        this.json = json;
    }

    /**
     * The claim of an API request, if it has an Idempotency-Key: scoped to the endpoint and the caller (a user, or
     * {@code apikey:<name>}), so that no caller ever gets another's answer.
     */
    public Optional<Claim> claim(HttpRequest<?> request, String endpoint, Object body) {
        return key(request, List.of(HEADER)).map(key -> {
            String caller = Callers.authentication(request).map(Authentication::getName).orElse("anonymous");
            return claim(endpoint + ":" + caller, key, bytes(body));
        });
    }

    /** The claim of a webhook request, if it has an Idempotency-Key or a delivery id: scoped to its url. */
    public Optional<Claim> webhookClaim(HttpRequest<?> request, String url, byte[] rawBody) {
        List<String> headers = new java.util.ArrayList<>(List.of(HEADER));
        headers.addAll(DELIVERY_HEADERS);
        return key(request, headers).map(key -> claim("webhook:" + url, key, rawBody));
    }

    /**
     * Creates once: without a claim, {@code create} then {@code answer}. With one, the first request's answer is
     * remembered; a retry (whose claim the service refuses as taken) gets that answer again, or, when the server
     * stopped before it could remember it, {@code rerender} of what the first request created
     * ({@code execution:12}).
     */
    public <T> MutableHttpResponse<String> once(Optional<Claim> claim, Supplier<T> create,
                                                Function<T, MutableHttpResponse<?>> answer,
                                                Function<String, MutableHttpResponse<?>> rerender) {
        if (claim.isEmpty()) {
            return serialized(answer.apply(create.get()));
        }
        T created;
        try {
            created = create.get();
        } catch (UseCaseException.Conflict taken) {
            Idempotency.Replay replay = idempotency.replay(claim.get()).orElseThrow(() -> taken);
            MutableHttpResponse<String> again = replay.answer()
                    .map(a -> withLocationOf(HttpResponse.<String>status(HttpStatus.valueOf(a.status())).body(a.body()),
                            rerender.apply(replay.resource())))
                    .orElseGet(() -> serialized(rerender.apply(replay.resource())));
            return again.contentType(MediaType.APPLICATION_JSON_TYPE).header(REPLAYED, "true");
        }
        MutableHttpResponse<String> first = serialized(answer.apply(created));
        try {
            idempotency.remember(claim.get(), new Idempotency.Answer(first.code(), first.getBody().orElse("")));
        } catch (RuntimeException e) {
            // the creation is committed: answer it; a retry then gets what it created, rendered again
            LOG.warn("The answer to a request with an Idempotency-Key could not be stored: {}", e.toString());
        }
        return first;
    }

    /** The stored answer with the Location of what the first request created (only status and body are stored). */
    private static MutableHttpResponse<String> withLocationOf(MutableHttpResponse<String> answer,
                                                              MutableHttpResponse<?> created) {
        created.getHeaders().getFirst(HttpHeaders.LOCATION)
                .ifPresent(location -> answer.header(HttpHeaders.LOCATION, location));
        return answer;
    }

    /** The id in what a request created, such as {@code 12} in {@code execution:12}. */
    public static long idOf(String resource) {
        return Long.parseLong(resource.substring(resource.indexOf(':') + 1));
    }

    private static Optional<String> key(HttpRequest<?> request, List<String> headers) {
        for (String header : headers) {
            Optional<String> value = request.getHeaders().findFirst(header);
            if (value.isPresent()) {
                return value;
            }
        }
        return Optional.empty();
    }

    private static Claim claim(String scope, String key, byte[] asked) {
        try {
            return new Claim(scope, key, sha256(asked));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidInput(HEADER, e.getMessage());
        }
    }

    /** The response with its body written as JSON text: the exact bytes a replay answers again. */
    private MutableHttpResponse<String> serialized(MutableHttpResponse<?> response) {
        String body = response.getBody().map(b -> new String(bytes(b), StandardCharsets.UTF_8)).orElse("");
        MutableHttpResponse<String> text = HttpResponse.<String>status(response.status()).body(body);
        response.getHeaders().forEach((name, values) -> values.forEach(v -> text.header(name, v)));
        return text.contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    private byte[] bytes(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
