package io.attune.adapters.http.webhook;

import io.attune.adapters.http.problem.Problem;
import io.attune.adapters.http.problem.ProblemException;
import io.attune.adapters.http.support.Backpressure;
import io.attune.adapters.http.support.IdempotentIntake;
import io.attune.application.port.in.Idempotency.Claim;
import io.attune.application.port.in.IntakeLag;
import io.attune.adapters.http.support.StrictJson;
import io.attune.application.port.in.WebhookIntake;
import io.attune.application.port.in.WebhookIntake.Webhook;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.body.ByteBody;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Webhooks: a request posted to {@code /api/v1/webhooks/<url>} becomes an event of {@code core.webhook} for the
 * rules listening at that url. Not behind API authentication: a webhook proves itself with its HMAC signature.
 */
@Controller("/api/v1/webhooks")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Webhooks")
@ApiResponse(responseCode = "4XX", description = "the request cannot be served: a problem document (RFC 9457)",
        content = @Content(mediaType = MediaType.APPLICATION_JSON_PROBLEM, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "5XX", description = "the server failed: a problem document (RFC 9457)",
        content = @Content(mediaType = MediaType.APPLICATION_JSON_PROBLEM, schema = @Schema(implementation = Problem.class)))
public final class WebhookController {

    private final WebhookIntake intake;
    private final IntakeLag lag;
    private final WebhookBodies bodies;
    private final long maxBodyBytes;
    private final IdempotentIntake once;

    WebhookController(WebhookIntake intake, StrictJson json,
                      @Value("${attune.webhooks.max-body-bytes:1048576}") long maxBodyBytes, IdempotentIntake once,
                      IntakeLag lag) {
        if (maxBodyBytes < 0 || maxBodyBytes >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("attune.webhooks.max-body-bytes must be between 0 and "
                    + (Integer.MAX_VALUE - 1) + ", got " + maxBodyBytes);
        }
        this.intake = intake;
        this.bodies = new WebhookBodies(json);
        this.maxBodyBytes = maxBodyBytes;
        this.once = once;
        this.lag = lag;
    }

    /**
     * Records a webhook event for the rules listening at the url.
     *
     * <p>The event, of the trigger {@code core.webhook}, has the payload {@code {headers, body}}: header names
     * lower-cased (Authorization, Cookie and the signature headers left out), the body parsed when it is JSON, a map
     * when it is a form (a repeated field as a list), text otherwise. When a rule at the url names
     * {@code hmac_secret_key}, the request must carry {@code sha256=} followed by the hex HMAC-SHA256 of the raw body
     * under the key's secret, in {@code X-Attune-Signature-256} or {@code X-Hub-Signature-256}: without it the answer
     * is 401 and nothing is recorded. 404 when no enabled rule listens at the url, 413 when the body is over
     * {@code attune.webhooks.max-body-bytes}.
     *
     * @param name the url the rules listen at (may contain slashes, such as {@code github/push})
     * @return the recorded event's id
     */
    @Operation(operationId = "receiveWebhook")
    @Parameter(name = "Idempotency-Key", in = ParameterIn.HEADER, required = false,
            description = "a retry with the same key and body within the retention (24 h) gets the first answer"
                    + " and creates nothing; another body with the same key is a 422"
                    + "; X-GitHub-Delivery is the key when none is sent")
    @RequestBody(description = "any body: JSON, a form, or text", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = "object")),
            @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED, schema = @Schema(type = "object")),
            @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = "string"))})
    @ApiResponse(responseCode = "202", description = "the event is recorded",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WebhookReceiptJson.class)))
    @Post(uri = "/{name:.+}", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> receive(@PathVariable String name, HttpRequest<?> request) {
        Backpressure.admitEvent(lag, request); // past the backlog bound: 429 with Retry-After, nothing read or stored
        Optional<MediaType> contentType = request.getContentType();
        byte[] raw = read(request);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        request.getHeaders().forEach((header, values) -> headers.put(header, List.copyOf(values)));
        Webhook webhook = new Webhook(name, contentType.map(MediaType::toString), headers, raw,
                bytes -> bodies.parse(contentType, bytes));
        Optional<Claim> claim = once.webhookClaim(request, name, raw);
        return once.once(claim, () -> intake.receive(claim.map(webhook::once).orElse(webhook)),
                event -> HttpResponse.accepted().body(WebhookReceiptJson.of(event)),
                resource -> HttpResponse.accepted().body(new WebhookReceiptJson(
                        IdempotentIntake.idOf(resource), WebhookReceiptJson.TRIGGER)));
    }

    /** The raw body, refused with a 413 as soon as it is known to be over the limit (before it is all read). */
    private byte[] read(HttpRequest<?> request) {
        if (request.getContentLength() > maxBodyBytes) {
            throw tooLarge();
        }
        if (!(request instanceof ServerHttpRequest<?> server)) {
            throw new IllegalStateException("a webhook request must come from the HTTP server");
        }
        ByteBody body = server.byteBody();
        try (InputStream in = body.toInputStream()) {
            byte[] raw = in.readNBytes((int) maxBodyBytes + 1);
            if (raw.length > maxBodyBytes) {
                throw tooLarge();
            }
            return raw;
        } catch (IOException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof ContentLengthExceededException exceeded) {
                    // the server's own limit (micronaut.server.max-request-size) is below this one
                    throw ProblemException.tooLarge("body", "the request is larger than the server accepts: "
                            + exceeded.getMessage());
                }
            }
            throw new UncheckedIOException("could not read the webhook body", e);
        }
    }

    private ProblemException tooLarge() {
        return ProblemException.tooLarge("body", "a webhook body may be at most " + maxBodyBytes + " bytes");
    }
}
