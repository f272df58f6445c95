package io.attune.adapters.http.security;

import io.attune.application.port.in.ExecutionQueries;
import io.attune.application.port.in.Identities;
import io.attune.application.port.in.UseCaseException;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a correctly signed access token must also say to be accepted (Micronaut checks the signature and a present
 * {@code exp}): an {@code exp} (a token without one would never end), no {@code nbf} in the future, Attune as its
 * issuer ({@code iss}, the application name the token generator writes), and a subject that may still act with the
 * role it claims ({@link #subjectMayAct}). A refused token proves nothing: the request gets 401 problem+json.
 * Runs on the blocking pool ({@code micronaut.security.token.jwt.nimbus.reactive-validator-execute-on-blocking}),
 * since the subject is looked up in the database.
 */
@Singleton
public final class AccessTokenRules<T> implements GenericJwtClaimsValidator<T> {

    /** How far ahead of this instance's clock a token's {@code nbf} may be: the clocks of instances drift a little. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(AccessTokenRules.class);

    private final Identities identities;
    private final ExecutionQueries executions;
    private final String issuer;
    private final Clock clock = Clock.systemUTC();

    AccessTokenRules(Identities identities, ExecutionQueries executions,
                     @Value("${micronaut.application.name}") String issuer) {
        this.identities = identities;
        this.executions = executions;
        this.issuer = issuer;
    }

    @Override
    public boolean validate(Claims claims, @Nullable T request) {
        Instant now = clock.instant();
        Optional<Instant> expires = instant(claims.get(Claims.EXPIRATION_TIME));
        if (expires.isEmpty() || !expires.get().isAfter(now)) {
            return refuse("it has no expiry, or it has expired");
        }
        Optional<Instant> notBefore = instant(claims.get(Claims.NOT_BEFORE));
        if (claims.contains(Claims.NOT_BEFORE) && (notBefore.isEmpty() || notBefore.get().isAfter(now.plus(CLOCK_SKEW)))) {
            return refuse("it is not valid yet (nbf)");
        }
        if (!issuer.equals(claims.get(Claims.ISSUER))) {
            return refuse("another issuer signed it");
        }
        if (!(claims.get(Claims.SUBJECT) instanceof String subject) || !subjectMayAct(subject, roles(claims))) {
            return refuse("its subject cannot act (any more) with the role it claims");
        }
        return true;
    }

    /**
     * The one place that knows the kinds of token subject. A user's name: the user exists now and has exactly the
     * role the token claims (a deleted or demoted user's token stops working at once). An execution's token
     * ({@code execution:<id>}, {@link ExecutionTokens}): the execution exists, has not ended, and the token claims the
     * role an action's token carries. Any other form is refused.
     */
    private boolean subjectMayAct(String subject, List<String> claimedRoles) {
        if (subject.startsWith(ExecutionTokens.SUBJECT_PREFIX)) {
            return claimedRoles.equals(List.of(ExecutionTokens.ROLE.code()))
                    && executionRunning(ExecutionTokens.executionOf(subject));
        }
        return identities.currentUser(subject)
                .map(user -> claimedRoles.equals(List.of(user.role().code())))
                .orElse(false);
    }

    private boolean executionRunning(OptionalLong execution) {
        if (execution.isEmpty() || execution.getAsLong() < 1) {
            return false;
        }
        try {
            return !executions.get(execution.getAsLong()).execution().status().isTerminal();
        } catch (UseCaseException e) {
            return false;
        } catch (RuntimeException e) {
            LOG.warn("the token of execution {} could not be checked: {}", execution.getAsLong(), e.toString());
            return false;
        }
    }

    private static List<String> roles(Claims claims) {
        return claims.get("roles") instanceof Collection<?> roles
                ? roles.stream().map(String::valueOf).toList() : List.of();
    }

    private static Optional<Instant> instant(Object claim) {
        return switch (claim) {
            case Date d -> Optional.of(d.toInstant());
            case Instant i -> Optional.of(i);
            case Number n -> Optional.of(Instant.ofEpochSecond(n.longValue()));
            case null, default -> Optional.empty();
        };
    }

    private static boolean refuse(String why) {
        LOG.debug("An access token is refused: {}", why);
        return false;
    }
}
