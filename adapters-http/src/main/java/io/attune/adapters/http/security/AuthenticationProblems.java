package io.attune.adapters.http.security;

import io.attune.adapters.http.problem.Problem;
import io.attune.adapters.http.problem.ProblemType;
import io.attune.adapters.http.problem.Problems;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * A request the security rules refuse gets problem+json: 401 with {@code WWW-Authenticate: Bearer} when it carries
 * no valid token or API key (missing, expired, forged, revoked), 403 when its role does not allow the operation.
 * Never a redirect or an HTML page.
 */
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
public final class AuthenticationProblems implements ExceptionHandler<AuthorizationException, MutableHttpResponse<Problem>> {

    @Override
    public MutableHttpResponse<Problem> handle(HttpRequest request, AuthorizationException exception) {
        if (exception.isForbidden()) {
            String role = exception.getAuthentication() == null ? "none"
                    : String.join(", ", exception.getAuthentication().getRoles());
            return Problems.response(request, ProblemType.FORBIDDEN, "your role (" + role + ") does not allow "
                    + request.getMethodName() + " " + request.getPath(), List.of());
        }
        return Problems.response(request, ProblemType.UNAUTHENTICATED, "a valid access token or API key is required:"
                        + " send 'Authorization: Bearer <token>' (POST /api/v1/auth/login gives one)", List.of())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }
}
