package io.attune.adapters.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.attune.application.port.out.ActionRunner.RunRequest;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The environment an action process gets: the worker's own minus every {@code ATTUNE_*} variable (so the server's
 * database URL and the like never reach an action), then the action's variables.
 */
final class ActionEnvironment {

    static final String PREFIX = "ATTUNE_";
    static final String PARAMETER_PREFIX = "ATTUNE_PARAM_";

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private ActionEnvironment() {
    }

    /** The inherited part: {@code parent} without any variable whose name starts with {@code ATTUNE_} in any case. */
    static Map<String, String> inherited(Map<String, String> parent) {
        Map<String, String> kept = new LinkedHashMap<>();
        parent.forEach((name, value) -> {
            if (!isAttuneName(name)) {
                kept.put(name, value);
            }
        });
        return kept;
    }

    /**
     * The whole environment, later entries winning: inherited, then {@code commandEnvironment} (core.local's
     * {@code env}), then {@code ATTUNE_PARAM_<NAME>} per parameter, then {@code ATTUNE_EXECUTION_ID} and
     * {@code ATTUNE_ACTION}, then the worker's {@code request.environment()}.
     */
    static Map<String, String> forRun(Map<String, String> parent, RunRequest request,
                                      Map<String, String> commandEnvironment, ObjectMapper json) {
        Map<String, String> env = inherited(parent);
        commandEnvironment.forEach((name, value) -> putIfPassable(env, name, value));
        request.parameters().forEach((name, value) -> {
            if (name != null && NAME.matcher(name).matches()) {
                variableValue(value, json).ifPresent(v -> putIfPassable(env, parameterVariable(name), v));
            }
        });
        env.put("ATTUNE_EXECUTION_ID", Long.toString(request.executionId()));
        env.put("ATTUNE_ACTION", request.action().ref().toString());
        request.environment().forEach((name, value) -> putIfPassable(env, name, value));
        return env;
    }

    static String parameterVariable(String name) {
        return PARAMETER_PREFIX + name.toUpperCase(Locale.ROOT);
    }

    /** A string as it is; any other value as JSON text; null as no variable at all, so shell defaults apply. */
    static Optional<String> variableValue(Object value, ObjectMapper json) {
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof String s) {
            return Optional.of(s);
        }
        try {
            return Optional.of(json.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    static boolean isAttuneName(String name) {
        return name.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
    }

    /** The OS cannot pass a NUL inside a variable; such a value still reaches the action on stdin. */
    private static void putIfPassable(Map<String, String> env, String name, String value) {
        if (isValidName(name) && value != null && value.indexOf('\0') < 0) {
            env.put(name, value);
        }
    }
}
