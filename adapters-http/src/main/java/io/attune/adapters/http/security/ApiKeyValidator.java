package io.attune.adapters.http.security;

import io.attune.application.port.in.Identities;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Accepts an API key ({@code attk_…}) sent as a bearer token: it is looked up by its prefix and compared by hash,
 * off the event loop. A revoked or unknown key proves nothing (and the request then needs another credential).
 */
@Singleton
public final class ApiKeyValidator implements TokenValidator<HttpRequest<?>> {

    private final Identities identities;

    ApiKeyValidator(Identities identities) {
        this.identities = identities;
    }

    @Override
    public Publisher<Authentication> validateToken(String token, @Nullable HttpRequest<?> request) {
        if (token == null || !token.startsWith("attk_")) {
            return Mono.empty();
        }
        return Mono.fromCallable(() -> identities.apiKey(token)
                        .map(p -> Authentication.build(p.name(), List.of(p.role().code()), Map.of("kind", "api_key")))
                        .orElse(null))
                .subscribeOn(Schedulers.boundedElastic());
    }
}
