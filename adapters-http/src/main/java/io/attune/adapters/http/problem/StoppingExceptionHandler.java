package io.attune.adapters.http.problem;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;

/**
 * A request that arrives while the server stops, once the threads that handle requests take no more work: 503
 * problem+json (the client may retry against another instance), never a 500 or an ERROR in the log.
 */
@Singleton
public final class StoppingExceptionHandler implements ExceptionHandler<RejectedExecutionException, HttpResponse<Problem>> {

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, RejectedExecutionException exception) {
        return Problems.response(request, ProblemType.UNAVAILABLE, "the server is stopping: retry against another"
                + " instance or once it is back", List.of()).header(HttpHeaders.CONNECTION, "close");
    }
}
