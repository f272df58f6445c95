package io.attune.adapters.http.problem;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Sends the problems the HTTP adapter finds itself (parameters, bodies, archives) as problem+json. */
@Singleton
public final class ProblemExceptionHandler implements ExceptionHandler<ProblemException, HttpResponse<Problem>> {

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, ProblemException exception) {
        MutableHttpResponse<Problem> response = Problems.response(request, exception.type(), exception.getMessage(),
                exception.errors());
        if (exception.type() == ProblemType.PAYLOAD_TOO_LARGE) {
            // the body may be left unread: this connection cannot carry another request (see the error processor)
            response.header(HttpHeaders.CONNECTION, "close");
        }
        return response;
    }
}
