package io.attune.adapters.console.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecuredAnnotationRule;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import io.micronaut.web.router.MethodBasedRouteMatch;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteMatch;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Lets the requests that reach a console controller past Micronaut's bearer-token rules: the console authenticates
 * them itself from its session cookies ({@link ConsoleFilter}), so the API's URL map (and its bearer tokens) stay
 * as they are. Any other route is left to the other rules.
 */
@Singleton
public final class ConsoleRoutes implements SecurityRule<HttpRequest<?>> {

    /** The root package of the console's controllers. */
    static final String PACKAGE = "io.attune.adapters.console";

    @Override
    public Publisher<SecurityRuleResult> check(@Nullable HttpRequest<?> request, @Nullable Authentication authentication) {
        return Mono.just(request != null && route(request).isPresent() ? SecurityRuleResult.ALLOWED : SecurityRuleResult.UNKNOWN);
    }

    @Override
    public int getOrder() {
        return SecuredAnnotationRule.ORDER - 1;
    }

    /** The console route the request reached, if it reached one. */
    public static Optional<MethodBasedRouteMatch<?, ?>> route(HttpRequest<?> request) {
        Optional<RouteMatch<?>> match = RouteAttributes.getRouteMatch(request);
        if (match.isPresent() && match.get() instanceof MethodBasedRouteMatch<?, ?> method
                && method.getDeclaringType().getPackageName().startsWith(PACKAGE)) {
            return Optional.of(method);
        }
        return Optional.empty();
    }
}
