package io.attune.adapters.http.security;

import io.attune.application.port.in.ExecutionQueries;
import io.attune.application.port.in.UseCaseException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses an execution's token ({@link ExecutionTokens}) once its execution has ended, or when there is no such
 * execution; other tokens pass untouched. Micronaut runs claims validators off the event loop, so the one indexed
 * lookup done here per request of an action blocks no I/O thread.
 */
@Singleton
public final class ExecutionTokenValidator implements GenericJwtClaimsValidator<HttpRequest<?>> {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutionTokenValidator.class);

    private final ExecutionQueries executions;

    ExecutionTokenValidator(ExecutionQueries executions) {
        this.executions = executions;
    }

    @Override
    public boolean validate(Claims claims, @Nullable HttpRequest<?> request) {
        OptionalLong execution = ExecutionTokens.executionOf(claims.get(Claims.SUBJECT));
        if (execution.isEmpty()) {
            return true;
        }
        if (execution.getAsLong() < 1) {
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
}
