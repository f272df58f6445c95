package io.attune.adapters.http.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.attune.adapters.http.problem.Problem;
import io.attune.adapters.http.problem.ProblemException;
import io.attune.adapters.http.problem.ProblemType;
import io.attune.application.port.in.FieldError;
import io.attune.application.port.in.WebhookIntake;
import io.attune.application.port.in.WebhookIntake.Webhook;
import io.attune.domain.event.Event;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Webhooks: {@code POST /api/v1/webhooks/<url>} records a {@code core.webhook} event for the rules on that url. JSON,
 * form and text bodies are accepted; the raw body is what a signature is checked against.
 */
@Controller("/api/v1/webhooks")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Events")
@ApiResponse(responseCode = "4XX", description = "the request cannot be served: a problem document (RFC 9457)",
        content = @Content(mediaType = MediaType.APPLICATION_JSON_PROBLEM, schema = @Schema(implementation = Problem.class)))
public final class WebhookController {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final WebhookIntake webhooks;
    private final int maxBodyBytes;

    WebhookController(WebhookIntake webhooks, @Value("${attune.webhooks.max-body-bytes:1048576}") int maxBodyBytes) {
        this.webhooks = webhooks;
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * Records an event of {@code core.webhook} with the request's headers and body, for the enabled rules whose
     * {@code url} is this path. When such a rule names an {@code hmac_secret_key}, the request must carry
     * {@code X-Attune-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>} (or GitHub's {@code X-Hub-Signature-256}).
     *
     * @param url     the webhook's url, e.g. {@code deploys} or {@code github/push}
     * @param request the request
     * @param body    the raw body
     * @return the recorded event's id
     */
    @Operation(operationId = "postWebhook")
    @ApiResponse(responseCode = "202", description = "recorded",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WebhookAccepted.class)))
    @Post("/{+url}")
    @Consumes(MediaType.ALL)
    public HttpResponse<WebhookAccepted> receive(@PathVariable String url, HttpRequest<?> request, @Nullable @Body byte[] body) {
        byte[] raw = body == null ? new byte[0] : body;
        if (raw.length > maxBodyBytes) {
            String message = "the body has " + raw.length + " bytes; a webhook accepts at most " + maxBodyBytes;
            throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, message, List.of(FieldError.of("body", message)));
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        request.getHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        String type = request.getContentType().map(MediaType::getName).orElse("").toLowerCase(Locale.ROOT);
        Event event = webhooks.receive(new Webhook(url, headers, raw, parse(type, raw)));
        return HttpResponse.accepted().body(new WebhookAccepted(event.id(), event.trigger().toString()));
    }

    private static Object parse(String type, byte[] raw) {
        String text = new String(raw, StandardCharsets.UTF_8);
        if (type.equals("application/json") || type.endsWith("+json")) {
            if (text.isBlank()) {
                return null;
            }
            try {
                return JSON.readValue(raw, Object.class);
            } catch (JsonProcessingException e) {
                throw ProblemException.malformedBody("body", "the body is not valid JSON: " + e.getOriginalMessage());
            } catch (java.io.IOException e) {
                throw ProblemException.malformedBody("body", "the body cannot be read");
            }
        }
        if (type.equals("application/x-www-form-urlencoded")) {
            return form(text);
        }
        return text;
    }

    /** A form body as a map; a repeated field becomes a list of its values. */
    private static Map<String, Object> form(String text) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            fields.merge(name, value, (old, added) -> {
                List<Object> all = old instanceof List<?> list ? new ArrayList<>(list) : new ArrayList<>(List.of(old));
                all.add(added);
                return all;
            });
        }
        return fields;
    }

    /** What a webhook answers: the event it recorded. */
    @Schema(name = "WebhookAccepted")
    public record WebhookAccepted(long event, String trigger) {
    }
}
