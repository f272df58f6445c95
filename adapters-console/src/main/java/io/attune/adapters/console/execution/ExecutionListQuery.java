package io.attune.adapters.console.execution;

import io.attune.application.port.in.ExecutionQueries.ExecutionFilter;
import io.attune.domain.common.Ref;
import io.attune.domain.execution.ExecutionStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The filters of the executions list as the form sends them (status, action, pack, parent, time window, or since and
 * until as ISO-8601), read leniently: a value that cannot be read is reported next to its field and not applied.
 */
public record ExecutionListQuery(String status, String action, String pack, String parent, String window,
                                 String since, String until, Map<String, String> errors) {

    /** The time windows the form offers. */
    public static final Map<String, Duration> WINDOWS = windows();

    public static ExecutionListQuery of(String status, String action, String pack, String parent, String window,
                                        String since, String until) {
        return new ExecutionListQuery(clean(status), clean(action), clean(pack), clean(parent), clean(window),
                clean(since), clean(until), new LinkedHashMap<>());
    }

    /** The filter to ask for; fields that cannot be read are recorded in {@link #errors()}. */
    public ExecutionFilter filter(Instant now) {
        Optional<ExecutionStatus> s = Optional.empty();
        if (!status.isEmpty()) {
            s = ExecutionStatus.fromCode(status);
            if (s.isEmpty()) {
                errors.put("status", "unknown status");
            }
        }
        Optional<Ref> a = Optional.empty();
        if (!action.isEmpty()) {
            try {
                a = Optional.of(Ref.parse(action));
            } catch (IllegalArgumentException e) {
                errors.put("action", "an action ref is pack.name");
            }
        }
        Optional<String> p = Optional.empty();
        if (!pack.isEmpty()) {
            if (Ref.isValidPackName(pack)) {
                p = Optional.of(pack);
            } else {
                errors.put("pack", "not a pack name");
            }
        }
        OptionalLong parentId = OptionalLong.empty();
        if (!parent.isEmpty()) {
            try {
                parentId = OptionalLong.of(Long.parseLong(parent));
            } catch (NumberFormatException e) {
                errors.put("parent", "an execution id is a number");
            }
        }
        Optional<Instant> from = instant("since", since);
        if (!window.isEmpty()) {
            Duration d = WINDOWS.get(window);
            if (d == null) {
                errors.put("window", "unknown time window");
            } else {
                from = Optional.of(now.minus(d));
            }
        }
        return new ExecutionFilter(s, a, p, parentId, from, instant("until", until));
    }

    /** The query string of these filters (for paging links and the live table), without limit and offset. */
    public String queryString() {
        List<String> parts = new ArrayList<>();
        add(parts, "status", status);
        add(parts, "action", action);
        add(parts, "pack", pack);
        add(parts, "parent", parent);
        add(parts, "window", window);
        add(parts, "since", since);
        add(parts, "until", until);
        return String.join("&", parts);
    }

    private Optional<Instant> instant(String field, String value) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(value));
        } catch (DateTimeParseException e) {
            errors.put(field, "an ISO-8601 instant, e.g. 2026-12-06T09:00:00Z");
            return Optional.empty();
        }
    }

    private static void add(List<String> parts, String name, String value) {
        if (!value.isEmpty()) {
            parts.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }

    private static String clean(String value) {
        return value == null ? "" : value.strip();
    }

    private static Map<String, Duration> windows() {
        Map<String, Duration> w = new LinkedHashMap<>();
        w.put("15m", Duration.ofMinutes(15));
        w.put("1h", Duration.ofHours(1));
        w.put("24h", Duration.ofHours(24));
        w.put("7d", Duration.ofDays(7));
        return java.util.Collections.unmodifiableMap(w);
    }
}
