package io.attune.adapters.http.problem;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import jakarta.inject.Singleton;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The failures no other handler knows (the more specific handlers, and the framework's own, come first). A request
 * that waited too long for a database connection (the pool's {@link SQLTransientConnectionException}, however wrapped)
 * is a busy server, not a bug: 503 problem+json with {@code Retry-After}, logged once at WARN without a stack trace.
 * Anything else is what the framework makes of an unexpected exception: logged at ERROR with its stack trace, 500 with a
 * generic detail ({@link ProblemErrorResponseProcessor}).
 */
@Singleton
public final class UnexpectedExceptionHandler implements ExceptionHandler<RuntimeException, HttpResponse<?>> {

    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedExceptionHandler.class);
    /** How long a client waits before it asks again, when no database connection was free in time. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final ProblemErrorResponseProcessor errors;

    UnexpectedExceptionHandler(ProblemErrorResponseProcessor errors) {
        this.errors = errors;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, RuntimeException exception) {
        Optional<SQLTransientConnectionException> noConnection = noConnection(exception);
        if (noConnection.isPresent()) {
            LOG.warn("{} {}: answered 503, no database connection was free in time ({})", request.getMethodName(),
                    request.getPath(), noConnection.get().getMessage());
            MutableHttpResponse<?> busy = HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER.toSeconds()));
            return request.getMethod() == HttpMethod.HEAD ? busy : Problems.fill(busy, request, ProblemType.UNAVAILABLE,
                    "the server is busy: no database connection was free in time; retry after "
                            + RETRY_AFTER.toSeconds() + " s", List.of());
        }
        LOG.error("Unexpected error occurred: {}", exception.getMessage(), exception);
        return errors.processResponse(ErrorContext.builder(request).cause(exception)
                .errorMessage("Internal Server Error: " + exception.getMessage()).build(), HttpResponse.serverError());
    }

    /** The pool's timeout among the causes of {@code failure}, if it is one. */
    private static Optional<SQLTransientConnectionException> noConnection(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < 16; depth++, cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException timeout) {
                return Optional.of(timeout);
            }
        }
        return Optional.empty();
    }
}
