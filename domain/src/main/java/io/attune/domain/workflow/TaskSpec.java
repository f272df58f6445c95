package io.attune.domain.workflow;

import io.attune.domain.workflow.WorkflowDefinition.Assignment;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One task of a workflow: the action it runs (none for a task that only routes), its raw input, its transitions, and
 * how it joins, iterates, retries and waits. Raw values may hold expressions.
 */
public record TaskSpec(
        String name,
        Optional<String> action,
        Map<String, Object> input,
        List<Transition> next,
        Optional<Join> join,
        Optional<WithItems> with,
        Optional<Retry> retry,
        Optional<Object> delay) {

    /** {@code next} entry: taken when {@code when} is absent or true; publishes, then goes to {@code targets}. */
    public record Transition(Optional<String> when, List<Assignment> publish, List<String> targets) {
        public Transition {
            when = when == null ? Optional.empty() : when;
            publish = List.copyOf(publish == null ? List.of() : publish);
            targets = List.copyOf(targets == null ? List.of() : targets);
        }
    }

    /** {@code join: all} (count empty) or {@code join: <n>}: how many inbound tasks must have led here. */
    public record Join(OptionalInt count) {
        public Join {
            count = count == null ? OptionalInt.empty() : count;
            count.ifPresent(n -> {
                if (n < 1) {
                    throw new IllegalArgumentException("join count must be at least 1, got " + n);
                }
            });
        }

        public static Join all() {
            return new Join(OptionalInt.empty());
        }
    }

    /**
     * {@code with}: {@code items} is a raw value (usually an expression) giving a list; {@code variables} names the item
     * ({@code x in <% ... %>}) or its parts ({@code x, y in <% zip(...) %>}), empty for a bare expression; concurrency
     * is a raw value (a number or an expression), absent for no limit.
     */
    public record WithItems(Object items, List<String> variables, Optional<Object> concurrency) {
        public WithItems {
            Objects.requireNonNull(items, "items");
            variables = List.copyOf(variables == null ? List.of() : variables);
            concurrency = concurrency == null ? Optional.empty() : concurrency;
        }
    }

    /** How the delay between retries grows (our addition to Orquesta's retry). */
    public enum Backoff { CONSTANT, LINEAR, EXPONENTIAL }

    /**
     * {@code retry}: retried while {@code when} holds (default: the task failed), at most {@code count} times, waiting
     * {@code delay} seconds (grown by {@code backoff}, capped by {@code maxDelay}). Counts and delays are raw values.
     */
    public record Retry(Optional<String> when, Object count, Object delay, Backoff backoff, Optional<Object> maxDelay) {
        public Retry {
            when = when == null ? Optional.empty() : when;
            Objects.requireNonNull(count, "count");
            delay = delay == null ? 0 : delay;
            backoff = backoff == null ? Backoff.CONSTANT : backoff;
            maxDelay = maxDelay == null ? Optional.empty() : maxDelay;
        }
    }

    public TaskSpec {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a task needs a name");
        }
        action = action == null ? Optional.empty() : action.filter(a -> !a.isBlank());
        input = input == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(input));
        next = List.copyOf(next == null ? List.of() : next);
        join = join == null ? Optional.empty() : join;
        with = with == null ? Optional.empty() : with;
        retry = retry == null ? Optional.empty() : retry;
        delay = delay == null ? Optional.empty() : delay;
    }
}
