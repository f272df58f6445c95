package io.attune.adapters.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.attune.application.port.out.ActionRunner.RunRequest;
import java.io.File;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The environment an action or sensor process gets, built from an allow-list and never inherited: the server's own
 * (its database URL, admin password, signing secret) must not reach an action. It starts from {@link #base} (PATH,
 * HOME, LANG and, when the server has them, LC_ALL and TZ), then the action's own variables.
 */
final class ActionEnvironment {

    static final String PREFIX = "ATTUNE_";
    static final String PARAMETER_PREFIX = "ATTUNE_PARAM_";
    /** Taken from the server's environment as they are, when set. */
    static final List<String> PASSED = List.of("LANG", "LC_ALL", "TZ");
    static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private ActionEnvironment() {
    }

    /**
     * What every process starts from. PATH is the server's; for a dedicated action user, only its entries that user
     * can search (a directory under an owner-only home is dropped, or an interpreter would be found there that the
     * user cannot run). HOME is the action user's home, else the server's.
     */
    static Map<String, String> base(Map<String, String> server, ProcessUser user) {
        Map<String, String> env = new LinkedHashMap<>();
        String path = server.getOrDefault("PATH", DEFAULT_PATH);
        if (user instanceof ProcessUser.Account account) {
            path = Arrays.stream(path.split(File.pathSeparator)).filter(d -> !d.isEmpty())
                    .filter(d -> Access.searchable(d, account)).distinct()
                    .collect(Collectors.joining(File.pathSeparator));
            env.put("PATH", path.isEmpty() ? DEFAULT_PATH : path);
            env.put("HOME", account.home().toString());
        } else {
            env.put("PATH", path);
            if (server.get("HOME") != null) {
                env.put("HOME", server.get("HOME"));
            }
        }
        PASSED.forEach(name -> {
            String value = server.get(name);
            if (value != null && !value.isEmpty()) {
                env.put(name, value);
            }
        });
        return env;
    }

    /**
     * The whole environment, later entries winning: {@code base}, then {@code commandEnvironment} (core.local's
     * {@code env}), then {@code ATTUNE_PARAM_<NAME>} per parameter, then {@code ATTUNE_EXECUTION_ID} and
     * {@code ATTUNE_ACTION}, then {@code api} (ATTUNE_API_URL, ATTUNE_API_TOKEN), then the worker's
     * {@code request.environment()}.
     */
    static Map<String, String> forRun(Map<String, String> base, RunRequest request,
                                      Map<String, String> commandEnvironment, Map<String, String> api,
                                      ObjectMapper json) {
        Map<String, String> env = new LinkedHashMap<>(base);
        commandEnvironment.forEach((name, value) -> putIfPassable(env, name, value));
        // a secret parameter reaches the action on stdin only: /proc/<pid>/environ is readable by every process of the
        // same OS user, so another action could read it there
        Set<String> secrets = request.action().parameters().secretNames();
        request.parameters().forEach((name, value) -> {
            if (name != null && NAME.matcher(name).matches() && !secrets.contains(name)) {
                variableValue(value, json).ifPresent(v -> putIfPassable(env, parameterVariable(name), v));
            }
        });
        env.put("ATTUNE_EXECUTION_ID", Long.toString(request.executionId()));
        env.put("ATTUNE_ACTION", request.action().ref().toString());
        api.forEach((name, value) -> putIfPassable(env, name, value));
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
