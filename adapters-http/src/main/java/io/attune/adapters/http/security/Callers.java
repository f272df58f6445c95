package io.attune.adapters.http.security;

import io.attune.adapters.http.problem.ProblemException;
import io.attune.application.port.in.Identities.Principal;
import io.attune.application.port.in.UseCaseException;
import io.attune.domain.identity.Role;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import java.util.Optional;

/** Who is calling, as the security filter proved it; helpers for the checks a URL rule cannot express. */
public final class Callers {

    private Callers() {
    }

    /** The caller's principal; Unauthenticated when there is none (security disabled, or an open route). */
    public static Principal of(HttpRequest<?> request) {
        Authentication authentication = authentication(request).orElse(null);
        if (authentication == null) {
            throw new UseCaseException.Unauthenticated("a valid access token or API key is required");
        }
        return new Principal(authentication.getName(), role(authentication));
    }

    /** Forbidden unless the caller is an admin; a caller unknown because security is off is allowed. */
    public static void requireAdmin(HttpRequest<?> request, String what) {
        Authentication authentication = authentication(request).orElse(null);
        if (authentication != null && role(authentication) != Role.ADMIN) {
            throw new UseCaseException.Forbidden("only an admin may " + what);
        }
    }

    /** Whether the caller is an admin; a caller unknown because security is off counts as one (as for requireAdmin). */
    public static boolean isAdmin(HttpRequest<?> request) {
        return authentication(request).map(a -> role(a) == Role.ADMIN).orElse(true);
    }

    /** The proven caller of a request, if any (none when security is off or the route is open). */
    public static Optional<Authentication> authentication(HttpRequest<?> request) {
        return request.getUserPrincipal(Authentication.class);
    }

    private static Role role(Authentication authentication) {
        return authentication.getRoles().stream().map(r -> {
            try {
                return Optional.of(Role.parse(r));
            } catch (IllegalArgumentException e) {
                return Optional.<Role>empty();
            }
        }).flatMap(Optional::stream).min(Enum::compareTo).orElse(Role.VIEWER);
    }

    static Role parseRole(String field, @Nullable String code) {
        try {
            return Role.parse(code);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidInput(field, e.getMessage());
        }
    }
}
