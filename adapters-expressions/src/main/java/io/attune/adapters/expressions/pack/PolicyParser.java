package io.attune.adapters.expressions.pack;

import io.attune.domain.action.Action;
import io.attune.domain.common.Ref;
import io.attune.domain.execution.ExecutionStatus;
import io.attune.domain.execution.RetrySpec;
import io.attune.domain.policy.Policy;
import io.attune.domain.policy.Policy.ConcurrencyBehavior;
import io.attune.domain.policy.Policy.RateBehavior;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@code policies/*.yaml}: a target ({@code action: ref}, {@code pack: name} or {@code global: true}) and a
 * {@code concurrency} (with its queue bounds {@code max_queue}, {@code queue_timeout} and {@code overflow}) and/or
 * {@code rate_limit}, and/or a {@code retry} for the actions it covers. StackStorm's forms ({@code policy_type:
 * action.concurrency[.attr]} with {@code parameters: {threshold, action, attributes}}, {@code action.retry} with
 * {@code parameters: {retry_on, max_retry_count, delay}}, and {@code resource_ref}) are accepted too.
 */
final class PolicyParser {

    static final String FOLDER = "policies";

    private static final List<String> TARGETS = List.of("action", "pack", "global");
    private static final String STACKSTORM_RETRY = "action.retry";
    private static final List<String> STACKSTORM_TYPES = List.of("action.concurrency", "action.concurrency.attr",
            STACKSTORM_RETRY);

    /** The concurrency keys of a policy form: Attune's ({@code limit}...) or StackStorm's ({@code threshold}...). */
    private record ConcurrencyKeys(String limit, String behavior, String attributes) {
    }

    private PolicyParser() {
    }

    static Optional<Policy> parse(PackContext pack, PackFile file, Optional<Ref> ref, InPack inPack) {
        Fields fields = file.fields();
        int before = file.problems().count();
        Optional<String> description = fields.text("description");
        boolean enabled = fields.bool("enabled").orElse(true);
        Optional<Policy.Target> target;
        Optional<Policy.Concurrency> concurrency = Optional.empty();
        Optional<Policy.RateLimit> rateLimit = Optional.empty();
        Optional<RetrySpec> retry = Optional.empty();
        if (fields.has("policy_type")) {
            target = stackStormTarget(pack, fields);
            if (fields.text("policy_type").filter(STACKSTORM_RETRY::equals).isPresent()) {
                retry = stackStormRetry(fields);
            } else {
                concurrency = stackStormConcurrency(fields, target, inPack);
            }
        } else {
            target = target(pack, fields);
            if (fields.has("concurrency")) {
                concurrency = fields.object("concurrency").flatMap(c -> concurrency(c,
                        new ConcurrencyKeys("limit", "behavior", "attributes"), target, inPack));
            }
            if (fields.has("rate_limit")) {
                rateLimit = fields.object("rate_limit").flatMap(PolicyParser::rateLimit);
            }
            retry = RetryParser.read(fields);
            if (!fields.has("concurrency") && !fields.has("rate_limit") && !fields.has(RetryParser.FIELD)) {
                fields.problem("concurrency", "a policy needs a concurrency or a rate_limit (or both, and/or a retry),"
                        + " e.g. concurrency: {limit: 2, behavior: delay}");
            }
        }
        target.ifPresent(t -> checkTarget(file.problems(), fields, t, inPack));
        if (ref.isEmpty() || target.isEmpty() || file.problems().count() > before) {
            return Optional.empty();
        }
        Optional<Policy.Concurrency> c = concurrency;
        Optional<Policy.RateLimit> r = rateLimit;
        Optional<RetrySpec> again = retry;
        return DomainErrors.build(file.problems(),
                () -> new Policy(ref.get(), description.orElse(null), target.get(), c, r, enabled, again),
                "(policy)", "concurrency", "rate_limit");
    }

    private static Optional<Policy.Target> target(PackContext pack, Fields fields) {
        List<String> given = TARGETS.stream().filter(fields::has).toList();
        if (given.isEmpty()) {
            fields.problem("action", "a policy needs a target: action: " + pack.pack()
                    + ".<action>, pack: <pack> or global: true");
            return Optional.empty();
        }
        if (given.size() > 1) {
            fields.problem(given.get(1), "give one target only: action, pack or global (found " + String.join(", ", given) + ")");
            return Optional.empty();
        }
        return switch (given.getFirst()) {
            case "action" -> fields.text("action")
                    .flatMap(text -> Refs.reference(fields.problems(), fields.field("action"), text, pack.pack()))
                    .map(Policy.ActionTarget::new);
            case "pack" -> fields.text("pack").flatMap(name -> DomainErrors.build(fields.problems(),
                    () -> new Policy.PackTarget(name), fields.field("pack")));
            default -> fields.bool("global").flatMap(global -> {
                if (!global) {
                    fields.problem("global", "must be true when given; to target an action or a pack use action: or pack:");
                    return Optional.empty();
                }
                return Optional.of(new Policy.GlobalTarget());
            });
        };
    }

    private static Optional<Policy.Target> stackStormTarget(PackContext pack, Fields fields) {
        fields.text("policy_type").filter(type -> !STACKSTORM_TYPES.contains(type)).ifPresent(type -> fields.problem(
                "policy_type", "unknown policy_type '" + type + "': use action.concurrency, action.concurrency.attr"
                          + " or action.retry (or Attune's concurrency:, rate_limit: and retry:)"));
        if (!fields.has("resource_ref")) {
            fields.missing("resource_ref", pack.pack() + ".<action> (the action the policy guards)");
            return Optional.empty();
        }
        return fields.text("resource_ref")
                .flatMap(text -> Refs.reference(fields.problems(), fields.field("resource_ref"), text, pack.pack()))
                .map(Policy.ActionTarget::new);
    }

    /**
     * StackStorm's {@code action.retry}: {@code parameters: {retry_on: failure|timeout, max_retry_count: n, delay: s}}
     * (StackStorm retries a timeout only with {@code retry_on: timeout}, a failure only with {@code failure}).
     */
    private static Optional<RetrySpec> stackStormRetry(Fields fields) {
        if (!fields.has("parameters")) {
            fields.missing("parameters", "{retry_on: failure, max_retry_count: 2, delay: 5}");
            return Optional.empty();
        }
        return fields.object("parameters").flatMap(p -> {
            int before = p.problems().count();
            Optional<ExecutionStatus> on = p.text("retry_on").flatMap(code -> switch (code) {
                case "failure" -> Optional.of(ExecutionStatus.FAILED);
                case "timeout" -> Optional.of(ExecutionStatus.TIMEOUT);
                default -> {
                    p.problem("retry_on", "unknown retry_on '" + code + "': use failure or timeout");
                    yield Optional.empty();
                }
            });
            if (!p.has("retry_on")) {
                p.missing("retry_on", "failure");
            }
            Optional<Integer> count = p.integer("max_retry_count");
            count.filter(n -> n < 1).ifPresent(n -> p.problem("max_retry_count", "must be at least 1, got " + n));
            Optional<Integer> delay = p.integer("delay");
            delay.filter(d -> d < 0).ifPresent(d -> p.problem("delay", "must be 0 or more seconds, got " + d));
            if (on.isEmpty() || p.problems().count() > before) {
                return Optional.empty();
            }
            // StackStorm's default max_retry_count is 2, its delay 0
            return Optional.of(new RetrySpec(java.util.Set.of(on.get()), count.orElse(2),
                    java.time.Duration.ofSeconds(delay.orElse(0)), RetrySpec.Backoff.CONSTANT, Optional.empty()));
        });
    }

    private static Optional<Policy.Concurrency> stackStormConcurrency(Fields fields, Optional<Policy.Target> target,
                                                                      InPack inPack) {
        if (!fields.has("parameters")) {
            fields.missing("parameters", "{threshold: 2, action: delay}");
            return Optional.empty();
        }
        return fields.object("parameters").flatMap(p -> concurrency(p,
                new ConcurrencyKeys("threshold", "action", "attributes"), target, inPack));
    }

    private static Optional<Policy.Concurrency> concurrency(Fields fields, ConcurrencyKeys keys,
                                                            Optional<Policy.Target> target, InPack inPack) {
        int before = fields.problems().count();
        Optional<Integer> limit = fields.integer(keys.limit());
        if (!fields.has(keys.limit())) {
            fields.missing(keys.limit(), "2 (executions at once)");
        }
        limit.filter(l -> l < 1).ifPresent(l -> fields.problem(keys.limit(), "must be at least 1, got " + l));
        Optional<ConcurrencyBehavior> behavior = fields.text(keys.behavior()).flatMap(code -> {
            Optional<ConcurrencyBehavior> known = ConcurrencyBehavior.fromCode(code);
            if (known.isEmpty()) {
                fields.problem(keys.behavior(), "unknown behavior '" + code
                        + "': use delay (wait in line, first in first out) or cancel");
            }
            return known;
        });
        List<String> attributes = fields.texts(keys.attributes()).orElse(List.of());
        Optional<Integer> maxQueue = fields.integer("max_queue");
        maxQueue.filter(m -> m < 1).ifPresent(m -> fields.problem("max_queue",
                "must be at least 1 (executions that may wait), got " + m));
        Optional<Integer> queueTimeout = fields.integer("queue_timeout");
        queueTimeout.filter(t -> t < 1).ifPresent(t -> fields.problem("queue_timeout",
                "must be a positive number of seconds, got " + t + " (leave it out to wait without a limit)"));
        Optional<Policy.Overflow> overflow = fields.text("overflow").flatMap(code -> {
            Optional<Policy.Overflow> known = Policy.Overflow.fromCode(code);
            if (known.isEmpty()) {
                fields.problem("overflow", "unknown overflow '" + code
                        + "': use cancel (the execution ends canceled) or reject (an API request is refused with 429)");
            }
            return known;
        });
        target.filter(t -> t instanceof Policy.ActionTarget a && inPack.owns(a.action()))
                .flatMap(t -> inPack.actions.getOrDefault(((Policy.ActionTarget) t).action(), Optional.empty()))
                .ifPresent(action -> checkAttributes(fields, keys.attributes(), attributes, action));
        if (limit.isEmpty() || fields.problems().count() > before) {
            return Optional.empty();
        }
        return DomainErrors.build(fields.problems(),
                () -> new Policy.Concurrency(limit.get(), behavior.orElse(null), attributes,
                        maxQueue.orElse(Policy.Concurrency.DEFAULT_MAX_QUEUE),
                        queueTimeout.map(t -> java.time.Duration.ofSeconds(t)), overflow.orElse(null)),
                fields.field(keys.limit()));
    }

    private static void checkAttributes(Fields fields, String key, List<String> attributes, Action action) {
        for (int i = 0; i < attributes.size(); i++) {
            if (!action.parameters().names().contains(attributes.get(i))) {
                fields.problems().add(fields.field(key) + "[" + i + "]", "'" + attributes.get(i) + "' is not a parameter of "
                        + action.ref() + " (it has " + (action.parameters().names().isEmpty() ? "none"
                        : String.join(", ", action.parameters().names())) + ")");
            }
        }
    }

    private static Optional<Policy.RateLimit> rateLimit(Fields fields) {
        int before = fields.problems().count();
        Optional<Integer> max = fields.integer("max");
        if (!fields.has("max")) {
            fields.missing("max", "100 (executions per window)");
        }
        max.filter(m -> m < 1).ifPresent(m -> fields.problem("max", "must be at least 1, got " + m));
        Optional<Integer> window = fields.integer("window_seconds");
        if (!fields.has("window_seconds")) {
            fields.missing("window_seconds", "60");
        }
        window.filter(w -> w < 1).ifPresent(w -> fields.problem("window_seconds",
                "must be a positive number of seconds, got " + w));
        Optional<RateBehavior> behavior = fields.text("behavior").flatMap(code -> {
            Optional<RateBehavior> known = RateBehavior.fromCode(code);
            if (known.isEmpty()) {
                fields.problem("behavior", "unknown behavior '" + code + "': use delay (wait for the next window) or reject");
            }
            return known;
        });
        if (max.isEmpty() || window.isEmpty() || fields.problems().count() > before) {
            return Optional.empty();
        }
        return DomainErrors.build(fields.problems(),
                () -> new Policy.RateLimit(max.get(), window.get(), behavior.orElse(null)), fields.field("max"));
    }

    private static void checkTarget(FileProblems problems, Fields fields, Policy.Target target, InPack inPack) {
        if (target instanceof Policy.ActionTarget(Ref action) && inPack.owns(action) && !inPack.actions.containsKey(action)) {
            String field = fields.has("resource_ref") && fields.has("policy_type") ? "resource_ref" : "action";
            problems.add(field, "action '" + action + "' is not declared in this pack (no file in actions/ has that ref)");
        }
    }
}
