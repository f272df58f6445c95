package io.attune.application.service;

import io.attune.application.port.in.FieldError;
import io.attune.application.port.in.UseCaseException;
import io.attune.application.port.out.ActionRunner;
import io.attune.application.port.out.SecretCipher;
import io.attune.domain.action.ParameterSchema;
import io.attune.domain.execution.Execution;
import io.attune.domain.key.Key;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Secret values at rest and in use, over {@link SecretCipher}: secret keys and secret action parameters are sealed
 * before they are stored and opened only where they are used (rule templates, webhook signatures, the worker, an
 * administrator's explicit read). Failures name the key or parameter, never the value.
 *
 * <p>A secret parameter is sealed with its JSON type: the clear text is {@code s:} + a string, {@code i:} + an
 * integer, {@code f:} + a decimal number, or {@code b:} + a boolean. Objects and lists cannot be secret parameters.
 */
final class Secrets {

    private final SecretCipher cipher;

    Secrets(SecretCipher cipher) {
        this.cipher = cipher;
    }

    /** The key as it is stored: a secret one's value sealed (a value sealed already is kept). */
    Key sealed(Key key) {
        if (!key.secret() || cipher.isSealed(key.value())) {
            return key;
        }
        return new Key(key.name(), key.scope(), cipher.seal(key.value()), true, key.expiresAt());
    }

    /** Whether a stored key is secret and still in clear (stored by a version without encryption). */
    boolean inClear(Key key) {
        return key.secret() && !cipher.isSealed(key.value());
    }

    /** A key's value in clear; for a secret key, decrypted. A Conflict naming the key when it cannot be decrypted. */
    String valueOf(Key key) {
        if (!key.secret()) {
            return key.value();
        }
        try {
            return cipher.open(key.value());
        } catch (SecretCipher.Unreadable e) {
            throw new UseCaseException.Conflict("the secret key '" + key.name() + "' (" + key.scope().code()
                    + ") cannot be decrypted: " + e.getMessage());
        }
    }

    /**
     * The parameters as they are stored: every secret one sealed. Invalid when a secret parameter holds an object or
     * a list.
     */
    Map<String, Object> seal(ParameterSchema schema, Map<String, Object> parameters) {
        return eachSecret(schema, parameters, (name, value) -> cipher.seal(typed("parameters." + name, value)));
    }

    /**
     * The names of the secret fields of an answer's JSON Schema (an inquiry's): its top-level properties marked
     * {@code secret: true}.
     */
    static Set<String> secretFields(Object schema) {
        if (!(schema instanceof Map<?, ?> root) || !(root.get("properties") instanceof Map<?, ?> properties)) {
            return Set.of();
        }
        Set<String> names = new java.util.TreeSet<>();
        properties.forEach((name, property) -> {
            if (property instanceof Map<?, ?> p && Boolean.TRUE.equals(p.get("secret"))) {
                names.add(String.valueOf(name));
            }
        });
        return names;
    }

    /**
     * An object ({@code root}, e.g. an inquiry's response) as it is stored: the value of each of its {@code secret}
     * fields sealed as a secret parameter is. Invalid naming the field when a secret one holds an object or a list.
     */
    Map<String, Object> sealFields(Set<String> secret, Map<String, Object> values, String root) {
        return eachField(secret, values, (name, value) -> cipher.isSealed(String.valueOf(value)) ? value
                : cipher.seal(typed(root + "." + name, value)));
    }

    /** The object with each of its sealed {@code secret} fields opened; a Conflict naming the field otherwise. */
    Map<String, Object> openFields(Set<String> secret, Map<String, Object> values, String root) {
        return eachField(secret, values, (name, value) -> {
            if (!(value instanceof String text) || !cipher.isSealed(text)) {
                return value;
            }
            try {
                return untyped(cipher.open(text));
            } catch (SecretCipher.Unreadable e) {
                throw new UseCaseException.Conflict("the secret field '" + root + "." + name
                        + "' cannot be decrypted: " + e.getMessage());
            }
        });
    }

    /**
     * The result of an inquirer execution (the answer to its inquiry) with its secret fields opened, as a workflow's
     * {@code result()} reads it; the secret fields are those of the {@code schema} parameter it asked with.
     */
    Optional<Object> openedAnswer(Execution asked) {
        return asked.result().map(result -> result instanceof Map<?, ?> m
                ? openFields(secretFields(asked.parameters().get("schema")), stringKeys(m), "response") : result);
    }

    /** The result of an inquirer execution (its answer) with its secret fields masked, for showing it. */
    static Optional<Object> maskedAnswer(Execution asked) {
        return asked.result().map(result -> result instanceof Map<?, ?> m
                ? maskFields(secretFields(asked.parameters().get("schema")), stringKeys(m)) : result);
    }

    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(String.valueOf(k), v));
        return copy;
    }

    /** The object with the value of each of its {@code secret} fields replaced by the mask. */
    static Map<String, Object> maskFields(Set<String> secret, Map<String, Object> values) {
        return eachField(secret, values, (name, value) -> ParameterSchema.MASK);
    }

    private static Map<String, Object> eachField(Set<String> secret, Map<String, Object> values,
                                                 BiFunction<String, Object, Object> change) {
        if (secret.isEmpty()) {
            return values;
        }
        Map<String, Object> changed = new LinkedHashMap<>();
        values.forEach((name, value) -> changed.put(name,
                secret.contains(name) && value != null ? change.apply(name, value) : value));
        return changed;
    }

    /**
     * The parameters as the action receives them: every sealed secret one opened. A secret value that is not sealed
     * (stored by a version without encryption) is passed as it is. A Conflict naming the parameter when one cannot
     * be decrypted.
     */
    Map<String, Object> open(ParameterSchema schema, Map<String, Object> parameters) {
        return eachSecret(schema, parameters, (name, value) -> {
            if (!(value instanceof String text) || !cipher.isSealed(text)) {
                return value;
            }
            try {
                return untyped(cipher.open(text));
            } catch (SecretCipher.Unreadable e) {
                throw new UseCaseException.Conflict("the secret parameter '" + name + "' cannot be decrypted: "
                        + e.getMessage());
            }
        });
    }

    /**
     * The parameters with every secret one replaced by its keyed digest: what policy keys are made of, so a queue
     * per secret value never shows the value.
     */
    Map<String, Object> digested(ParameterSchema schema, Map<String, Object> parameters) {
        return eachSecret(schema, parameters, (name, value) -> cipher.digest(String.valueOf(value)));
    }

    /** The parameters with {@code change} applied to the value of every secret one that is not null. */
    private static Map<String, Object> eachSecret(ParameterSchema schema, Map<String, Object> parameters,
                                                  BiFunction<String, Object, Object> change) {
        return eachField(schema.secretNames(), parameters, change);
    }

    /**
     * Secret values shorter than this are not looked for in an action's output: masking "1" or "yes" everywhere would
     * garble output without protecting anything.
     */
    static final int SHORTEST_MASKED = 4;

    /**
     * How a run ended, with the clear value of every secret parameter the action received replaced by the mask in
     * its stdout, stderr, JSON result and error: an action that prints its secret does not store it.
     */
    static ActionRunner.RunOutcome masked(ParameterSchema schema, Map<String, Object> opened,
                                          ActionRunner.RunOutcome outcome) {
        List<String> values = maskedValues(schema, opened);
        if (values.isEmpty()) {
            return outcome;
        }
        return switch (outcome) {
            case ActionRunner.RunOutcome.Exited x -> new ActionRunner.RunOutcome.Exited(x.exitCode(),
                    masked(x.output(), values), x.result().map(r -> maskedTree(r, values)),
                    x.resultError().map(m -> masked(m, values)));
            case ActionRunner.RunOutcome.TimedOut t -> new ActionRunner.RunOutcome.TimedOut(masked(t.output(), values));
            case ActionRunner.RunOutcome.Canceled c -> new ActionRunner.RunOutcome.Canceled(masked(c.output(), values));
            case ActionRunner.RunOutcome.FailedToStart f ->
                    new ActionRunner.RunOutcome.FailedToStart(masked(f.reason(), values));
        };
    }

    /** The clear values of the secret parameters the action received that its output is masked of, longest first. */
    static List<String> maskedValues(ParameterSchema schema, Map<String, Object> opened) {
        return schema.secretNames().stream().map(opened::get).filter(v -> v != null)
                .map(String::valueOf).filter(v -> v.length() >= SHORTEST_MASKED)
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    private static ActionRunner.Output masked(ActionRunner.Output o, List<String> values) {
        return new ActionRunner.Output(masked(o.stdout(), values), masked(o.stderr(), values),
                o.stdoutOverflowBytes(), o.stderrOverflowBytes());
    }

    /** {@code text} with every (non-empty) value of {@code values} replaced by the mask; null stays null. */
    static String masked(String text, Collection<String> values) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String value : values) {
            if (!value.isEmpty()) {
                result = result.replace(value, ParameterSchema.MASK);
            }
        }
        return result;
    }

    private static Object maskedTree(Object node, List<String> values) {
        return switch (node) {
            case String s -> masked(s, values);
            case Map<?, ?> m -> {
                Map<Object, Object> copy = new LinkedHashMap<>();
                m.forEach((k, v) -> copy.put(k instanceof String key ? masked(key, values) : k, maskedTree(v, values)));
                yield copy;
            }
            case List<?> l -> l.stream().map(v -> maskedTree(v, values)).toList();
            case null -> null;
            default -> values.contains(String.valueOf(node)) ? ParameterSchema.MASK : node;
        };
    }

    /** Errors about the parameters with the value of every secret one replaced by the mask in their messages. */
    static List<FieldError> scrub(ParameterSchema schema, Map<String, Object> parameters, List<FieldError> errors) {
        List<String> values = schema.secretNames().stream().map(parameters::get)
                .filter(v -> v != null && !String.valueOf(v).isEmpty()).map(String::valueOf).toList();
        if (values.isEmpty()) {
            return errors;
        }
        return errors.stream().map(e -> new FieldError(e.file(), e.field(), masked(e.message(), values))).toList();
    }

    private static String typed(String field, Object value) {
        return switch (value) {
            case String s -> "s:" + s;
            case Boolean b -> "b:" + b;
            case Integer i -> "i:" + i;
            case Long l -> "i:" + l;
            case Short s -> "i:" + s;
            case BigInteger i -> "i:" + i;
            case Number n -> "f:" + n;
            default -> throw UseCaseException.Invalid.of(field,
                    "a secret value is a string, a number or a boolean, not an object or a list");
        };
    }

    private static Object untyped(String text) {
        String value = text.length() >= 2 ? text.substring(2) : "";
        return switch (text.isEmpty() ? ' ' : text.charAt(0)) {
            case 'b' -> Boolean.parseBoolean(value);
            case 'i' -> {
                BigInteger big = new BigInteger(value);
                yield big.bitLength() < 64 ? (Object) big.longValue() : big;
            }
            case 'f' -> {
                double d = Double.parseDouble(value);
                yield Double.isFinite(d) ? (Object) d : new BigDecimal(value);
            }
            default -> value;
        };
    }
}
