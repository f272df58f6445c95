package io.attune.adapters.http.problem;

import io.attune.application.port.in.FieldError;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import java.util.List;

/** Builds the problem+json responses every error path of the API ends in. */
public final class Problems {

    private Problems() {
    }

    /** A problem response of {@code type}'s status for {@code request}. */
    public static MutableHttpResponse<Problem> response(HttpRequest<?> request, ProblemType type, String detail,
                                                        List<FieldError> errors) {
        return fill(HttpResponse.status(HttpStatus.valueOf(type.status())), request, type, detail, errors);
    }

    /** Puts a problem body of {@code type} into an existing response, keeping its status and headers. */
    @SuppressWarnings("unchecked")
    static MutableHttpResponse<Problem> fill(MutableHttpResponse<?> response, HttpRequest<?> request, ProblemType type,
                                             String detail, List<FieldError> errors) {
        Problem problem = new Problem(type.uri().toString(), type.title(), response.code(), detail,
                request == null ? null : request.getPath(), errors.stream().map(Problems::entry).toList());
        return ((MutableHttpResponse<Problem>) response)
                .body(problem)
                .contentType(MediaType.APPLICATION_JSON_PROBLEM_TYPE);
    }

    private static Problem.FieldProblem entry(FieldError error) {
        return new Problem.FieldProblem(error.file().orElse(null), error.field(), error.message());
    }
}
