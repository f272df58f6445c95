package io.attune.adapters.http.problem;

import io.attune.application.port.in.UseCaseException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Maps the use cases' expected failures to problem+json: not found 404, unauthenticated 401, forbidden 403, conflict
 * 409, too many attempts 429 (with Retry-After), invalid input 422, invalid pack 422, invalid archive 400 and too large
 * 413, the last four with their field (and file) errors. The problem codes are the exceptions' codes.
 */
@Singleton
public final class UseCaseExceptionHandler implements ExceptionHandler<UseCaseException, HttpResponse<Problem>> {

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, UseCaseException exception) {
        return switch (exception) {
            case UseCaseException.NotFound e -> Problems.response(request, ProblemType.NOT_FOUND, e.getMessage(), List.of());
            case UseCaseException.Conflict e -> Problems.response(request, ProblemType.CONFLICT, e.getMessage(), List.of());
            case UseCaseException.Unauthenticated e ->
                    Problems.response(request, ProblemType.UNAUTHENTICATED, e.getMessage(), List.of());
            case UseCaseException.Forbidden e -> Problems.response(request, ProblemType.FORBIDDEN, e.getMessage(), List.of());
            case UseCaseException.TooManyAttempts e ->
                    Problems.response(request, ProblemType.TOO_MANY_REQUESTS, e.getMessage(), List.of())
                            .header(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, e.retryAfter().toSeconds())));
            case UseCaseException.Invalid e ->
                    Problems.response(request, ProblemType.INVALID_INPUT, e.getMessage(), e.errors());
            case UseCaseException.PackRejected e ->
                    Problems.response(request, ProblemType.INVALID_PACK, e.getMessage(), e.errors());
            case UseCaseException.InvalidArchive e ->
                    Problems.response(request, ProblemType.INVALID_ARCHIVE, e.getMessage(), e.errors());
            case UseCaseException.TooLarge e ->
                    // the body may be left unread: this connection cannot carry another request (see the error processor)
                    Problems.response(request, ProblemType.PAYLOAD_TOO_LARGE, e.getMessage(), e.errors())
                            .header(HttpHeaders.CONNECTION, "close");
        };
    }
}
