package io.attune.application.service;

import io.attune.application.port.in.FieldError;
import io.attune.application.port.in.UseCaseException;
import io.attune.application.port.out.SecretCipher;
import io.attune.domain.action.ParameterSchema;
import io.attune.domain.key.Key;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        return eachSecret(schema, parameters, (name, value) -> cipher.seal(typed(name, value)));
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
        Set<String> secret = schema.secretNames();
        if (secret.isEmpty()) {
            return parameters;
        }
        Map<String, Object> changed = new LinkedHashMap<>();
        parameters.forEach((name, value) -> changed.put(name,
                secret.contains(name) && value != null ? change.apply(name, value) : value));
        return changed;
    }

    /** Errors about the parameters with the value of every secret one replaced by the mask in their messages. */
    static List<FieldError> scrub(ParameterSchema schema, Map<String, Object> parameters, List<FieldError> errors) {
        List<String> values = schema.secretNames().stream().map(parameters::get)
                .filter(v -> v != null && !String.valueOf(v).isEmpty()).map(String::valueOf).toList();
        if (values.isEmpty()) {
            return errors;
        }
        return errors.stream().map(e -> {
            String message = e.message();
            for (String value : values) {
                message = message.replace(value, ParameterSchema.MASK);
            }
            return new FieldError(e.file(), e.field(), message);
        }).toList();
    }

    private static String typed(String name, Object value) {
        return switch (value) {
            case String s -> "s:" + s;
            case Boolean b -> "b:" + b;
            case Integer i -> "i:" + i;
            case Long l -> "i:" + l;
            case Short s -> "i:" + s;
            case BigInteger i -> "i:" + i;
            case Number n -> "f:" + n;
            default -> throw UseCaseException.Invalid.of("parameters." + name,
                    "a secret parameter holds a string, a number or a boolean, not an object or a list");
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
