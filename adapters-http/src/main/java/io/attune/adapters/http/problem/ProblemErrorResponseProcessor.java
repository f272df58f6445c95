package io.attune.adapters.http.problem;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.attune.adapters.http.support.StrictJson;
import io.attune.application.port.in.FieldError;
import io.micronaut.core.bind.exceptions.UnsatisfiedArgumentException;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.web.router.exceptions.UnsatisfiedRouteException;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns every error response the framework builds (no route, wrong method, unsupported media type, unreadable
 * JSON, unconvertible parameters, oversized requests, unexpected exceptions) into problem+json. Its presence
 * switches Micronaut's default JSON/HTML error processor off. A 5xx never carries the exception's message: the
 * framework has logged it with its stack trace.
 */
@Singleton
public final class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {

    static final String UNEXPECTED = "An unexpected error occurred on the server; it has been logged.";

    private final StrictJson json;

    ProblemErrorResponseProcessor(StrictJson json) {
        this.json = json;
    }

    @Override
    @SuppressWarnings("unchecked")
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        HttpRequest<?> request = context.getRequest();
        if (request.getMethod() == HttpMethod.HEAD) {
            return (MutableHttpResponse<Problem>) response;
        }
        Described described = describe(context, response.code());
        if (described.type().status() == 422) {
            response.status(HttpStatus.UNPROCESSABLE_ENTITY);
        }
        if (described.type() == ProblemType.PAYLOAD_TOO_LARGE) {
            // The server answered before reading the whole body, so this connection cannot carry another request:
            // say so, or a keep-alive client would send its next request into it and wait for ever.
            response.header(HttpHeaders.CONNECTION, "close");
        }
        return Problems.fill(response, request, described.type(), described.detail(), described.errors());
    }

    private Described describe(ErrorContext context, int status) {
        if (status >= 500) {
            ProblemType type = ProblemType.forStatus(status);
            return new Described(type, type == ProblemType.INTERNAL_ERROR ? UNEXPECTED : type.title(), List.of());
        }
        Throwable cause = context.getRootCause().orElse(null);
        Optional<StreamConstraintsException> overLimit = JsonProblems.overLimit(cause);
        if (overLimit.isPresent()) {
            // refused as a whole (422), not as a malformed body: the JSON is well formed, only too deep or too long
            String detail = json.limitMessage(overLimit.get());
            return new Described(ProblemType.INVALID_INPUT, detail, List.of(FieldError.of("body", detail)));
        }
        Optional<FieldError> body = JsonProblems.describe(cause);
        if (body.isPresent()) {
            return malformedBody(body.get());
        }
        if (cause instanceof ConversionErrorException e) {
            return conversion(e);
        }
        if (cause instanceof UnsatisfiedArgumentException e) {
            return unsatisfied(e.getArgument());
        }
        if (cause instanceof UnsatisfiedRouteException e) {
            return unsatisfied(e.getArgument());
        }
        if (cause instanceof ContentLengthExceededException e) {
            return new Described(ProblemType.PAYLOAD_TOO_LARGE, "the request is larger than the server accepts: "
                    + e.getMessage(), List.of());
        }
        ProblemType type = ProblemType.forStatus(status);
        return new Described(type, frameworkDetail(context, type), List.of());
    }

    private static Described malformedBody(FieldError error) {
        return new Described(ProblemType.MALFORMED_BODY, "the request body is not acceptable JSON: " + error,
                List.of(error));
    }

    private static Described conversion(ConversionErrorException e) {
        Argument<?> argument = e.getArgument();
        if (argument.getAnnotationMetadata().hasAnnotation(Body.class)) {
            return malformedBody(FieldError.of(bodyField(argument), "expected " + JsonProblems.kind(argument.getType())));
        }
        String message = "expected " + JsonProblems.kind(argument.getType());
        return new Described(ProblemType.INVALID_PARAMETER, "parameter '" + argument.getName() + "': " + message,
                List.of(FieldError.of(argument.getName(), message)));
    }

    private static Described unsatisfied(Argument<?> argument) {
        if (argument.getAnnotationMetadata().hasAnnotation(Body.class)) {
            String field = bodyField(argument);
            return field.equals("body")
                    ? malformedBody(FieldError.of("body", "a JSON request body is required"))
                    : malformedBody(FieldError.of(field, "is required"));
        }
        if (argument.getAnnotationMetadata().hasAnnotation(Part.class)) {
            String part = argument.getAnnotationMetadata().stringValue(Part.class).orElse(argument.getName());
            return new Described(ProblemType.BAD_REQUEST, "the multipart field '" + part + "' is required",
                    List.of(FieldError.of(part, "is required")));
        }
        return new Described(ProblemType.INVALID_PARAMETER, "parameter '" + argument.getName() + "' is required",
                List.of(FieldError.of(argument.getName(), "is required")));
    }

    /** A whole-body argument is reported as {@code body}; one bound from a body property by its property name. */
    private static String bodyField(Argument<?> argument) {
        return argument.getAnnotationMetadata().stringValue(Body.class).orElse("body");
    }

    /** The framework's own message for a 4xx it raised (route, method, media type), or the type's title. */
    private static String frameworkDetail(ErrorContext context, ProblemType type) {
        String messages = context.getErrors().stream()
                .map(Error::getMessage)
                .filter(m -> m != null && !m.isBlank())
                .collect(Collectors.joining("; "));
        return messages.isEmpty() ? type.title() : messages;
    }

    private record Described(ProblemType type, String detail, List<FieldError> errors) {
    }
}
