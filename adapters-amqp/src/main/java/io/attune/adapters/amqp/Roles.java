package io.attune.adapters.amqp;

import io.micronaut.context.condition.Condition;
import io.micronaut.context.condition.ConditionContext;
import io.micronaut.core.type.Argument;
import java.util.List;
import java.util.Locale;

/**
 * Which listeners run: those of the roles this instance plays ({@code attune.roles}, comma-separated; every role when
 * it is not set). Workers consume dispatches and cancels; API instances consume status changes for their streams.
 */
public final class Roles {

    static final String PROPERTY = "attune.roles";
    private static final List<String> ALL = List.of("api", "executor", "worker", "sensor");

    private Roles() {
    }

    static boolean plays(ConditionContext<?> context, String role) {
        List<String> roles = context.getProperty(PROPERTY, Argument.listOf(String.class)).orElse(ALL);
        return roles.stream().map(r -> r.trim().toLowerCase(Locale.ROOT)).anyMatch(role::equals);
    }

    /** The instance is a worker. */
    public static final class Worker implements Condition {
        @Override
        public boolean matches(ConditionContext context) {
            return plays(context, "worker");
        }
    }

    /** The instance is an executor: it runs the rules engine. */
    public static final class Executor implements Condition {
        @Override
        public boolean matches(ConditionContext context) {
            return plays(context, "executor");
        }
    }

    /** The instance serves the API. */
    public static final class Api implements Condition {
        @Override
        public boolean matches(ConditionContext context) {
            return plays(context, "api");
        }
    }
}
