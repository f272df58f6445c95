package io.attune.adapters.http.support;

import io.attune.adapters.http.problem.ProblemException;
import io.attune.application.port.in.PageRequest;
import io.attune.domain.action.RunnerType;
import io.attune.domain.common.Ref;
import io.attune.domain.key.Key;
import io.attune.domain.key.KeyScope;
import java.util.Optional;
import java.util.function.Function;

/**
 * Converts path and query parameters into domain values, so that a value the domain refuses is reported as a
 * 400 naming the parameter instead of escaping as an unexpected error.
 */
public final class Params {

    private Params() {
    }

    /** The page asked for: {@code limit} 1..1000 (default 50), {@code offset} from 0 (default 0). */
    public static PageRequest page(int limit, int offset) {
        if (limit < 1 || limit > PageRequest.MAX_LIMIT) {
            throw ProblemException.invalidParameter("limit",
                    "must be between 1 and " + PageRequest.MAX_LIMIT + ", got " + limit);
        }
        if (offset < 0) {
            throw ProblemException.invalidParameter("offset", "must not be negative, got " + offset);
        }
        return new PageRequest(limit, offset);
    }

    /** A component ref {@code pack.name}. */
    public static Ref ref(String parameter, String value) {
        return convert(parameter, value, Ref::parse);
    }

    /** An optional component ref; blank means absent. */
    public static Optional<Ref> optionalRef(String parameter, String value) {
        return present(value).map(v -> ref(parameter, v));
    }

    /** A pack name. */
    public static String packName(String parameter, String value) {
        return convert(parameter, value, Ref::requirePackName);
    }

    /** An optional pack name; blank means absent. */
    public static Optional<String> optionalPackName(String parameter, String value) {
        return present(value).map(v -> packName(parameter, v));
    }

    /** An optional runner code, as the catalog stores it. */
    public static Optional<String> optionalRunner(String parameter, String value) {
        return present(value).map(v -> RunnerType.fromCode(v)
                .map(RunnerType::code)
                .orElseThrow(() -> ProblemException.invalidParameter(parameter,
                        "unknown runner '" + v + "': use one of " + RunnerType.codes())));
    }

    /** An optional boolean, spelled {@code true} or {@code false}. */
    public static Optional<Boolean> optionalBoolean(String parameter, String value) {
        return present(value).map(v -> switch (v) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw ProblemException.invalidParameter(parameter, "must be true or false, got '" + v + "'");
        });
    }

    /** A key scope, {@code system} or {@code pack:<name>}; absent means system. */
    public static KeyScope scope(String parameter, String value) {
        return convert(parameter, value, KeyScope::parse);
    }

    /** An optional key scope; blank means every scope. */
    public static Optional<KeyScope> optionalScope(String parameter, String value) {
        return present(value).map(v -> scope(parameter, v));
    }

    /** A key name. */
    public static String keyName(String parameter, String value) {
        return convert(parameter, value, Key::requireValidName);
    }

    /** An ISO-8601 instant such as {@code 2026-01-31T12:00:00Z}, when given. */
    public static Optional<java.time.Instant> optionalInstant(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(java.time.Instant.parse(value));
        } catch (java.time.format.DateTimeParseException e) {
            throw ProblemException.invalidParameter(parameter,
                    "expected an ISO-8601 instant such as 2026-01-31T12:00:00Z, got '" + value + "'");
        }
    }

    private static Optional<String> present(String value) {
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }

    private static <T> T convert(String parameter, String value, Function<String, T> conversion) {
        try {
            return conversion.apply(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidParameter(parameter, e.getMessage());
        }
    }
}
