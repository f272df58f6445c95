package io.attune.bootstrap.wiring;

import io.attune.application.port.in.Identities;
import io.attune.application.port.out.IdentityChanges;
import io.attune.application.port.out.IdentityRepository;
import io.attune.application.port.out.TransactionRunner;
import io.attune.application.service.IdentityService;
import io.attune.application.service.LoginThrottle;
import io.attune.bootstrap.secrets.BcryptPasswordHasher;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;

/**
 * Users, logins and API keys: bcrypt (cost {@code attune.auth.bcrypt-cost}), refresh tokens of a configured life, and
 * the callers of requests kept in memory between the changes {@link IdentityChanges} hears.
 */
@Factory
public class IdentityFactory {

    @Singleton
    Identities identities(IdentityRepository repository, IdentityChanges changes, TransactionRunner tx,
                          @Value("${attune.auth.bcrypt-cost:10}") int cost,
                          @Value("${attune.auth.refresh-token-lifetime:7d}") Duration refreshLifetime) {
        Clock clock = Clock.systemUTC();
        return new IdentityService(repository, new BcryptPasswordHasher(cost), new LoginThrottle(clock), tx, clock,
                refreshLifetime, changes);
    }
}
