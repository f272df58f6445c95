package io.attune.adapters.http.security;

import io.attune.domain.identity.Role;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.generator.TokenGenerator;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Mints the API token a running action gets ({@code ATTUNE_API_TOKEN}): a JWT signed like access tokens, with the
 * subject {@code execution:<id>}, the operator role and a life of the action's timeout plus a margin.
 * {@link AccessTokenRules} refuses it once that execution has ended.
 */
@Singleton
public final class ExecutionTokens {

    public static final String SUBJECT_PREFIX = "execution:";
    /** The role an action's token carries: what an operator may do, never more. */
    public static final Role ROLE = Role.OPERATOR;

    private final TokenGenerator generator;

    ExecutionTokens(TokenGenerator generator) {
        this.generator = generator;
    }

    /** A signed token standing for execution {@code executionId}, expiring after {@code validFor} (at least 1 s). */
    public String issue(long executionId, Duration validFor) {
        int seconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, validFor.toSeconds()));
        Authentication execution = Authentication.build(SUBJECT_PREFIX + executionId, List.of(ROLE.code()),
                Map.of("kind", "execution"));
        return generator.generateToken(execution, seconds)
                .orElseThrow(() -> new IllegalStateException("no token could be signed for execution " + executionId));
    }

    /** The execution a token subject stands for; empty for any other subject (a user, an API key). */
    static OptionalLong executionOf(Object subject) {
        if (!(subject instanceof String text) || !text.startsWith(SUBJECT_PREFIX)) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(text.substring(SUBJECT_PREFIX.length())));
        } catch (NumberFormatException e) {
            return OptionalLong.of(-1);
        }
    }

    /** Whether the caller authenticated with an execution's token. */
    static boolean isExecution(Authentication authentication) {
        return executionOf(authentication.getName()).isPresent();
    }
}
