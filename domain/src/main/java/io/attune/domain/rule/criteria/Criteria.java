package io.attune.domain.rule.criteria;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The conditions of a rule, all of which must hold, checked in order, for an event to fire it; none means every
 * event of the trigger does. One criterion per path, as in the StackStorm map form.
 */
public record Criteria(List<Criterion> criteria) {

    private static final String TYPE = "type";
    private static final String PATTERN = "pattern";
    private static final String MATCHREGEX = "matchregex";

    public Criteria {
        if (criteria == null || criteria.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("criteria must be a list of criteria without nulls");
        }
        criteria = List.copyOf(criteria);
        Set<String> paths = new HashSet<>();
        for (Criterion criterion : criteria) {
            if (!paths.add(criterion.path())) {
                throw new IllegalArgumentException("more than one criterion for '" + criterion.path() + "'");
            }
        }
    }

    /** No conditions: every event of the rule's trigger matches. */
    public static Criteria none() {
        return new Criteria(List.of());
    }

    /**
     * Reads the pack / StackStorm form {@code {"trigger.severity": {"type": "equals", "pattern": "critical"}}},
     * keeping the map's order. A StackStorm {@code matchregex} criterion becomes a {@code regex} one whose pattern
     * is anchored at the start ({@code (?s)\A(?:...)}), which keeps StackStorm's {@code re.match} meaning.
     *
     * @throws IllegalArgumentException naming the path, for an entry that is not a map, a missing or unknown
     *                                  type, a key other than type and pattern, or a pattern the operator refuses
     */
    public static Criteria fromMap(Map<String, Object> raw) {
        if (raw == null) {
            throw new IllegalArgumentException("criteria must be a map of paths to {type, pattern}");
        }
        List<Criterion> criteria = new ArrayList<>(raw.size());
        raw.forEach((path, spec) -> criteria.add(criterion(path, spec)));
        return new Criteria(criteria);
    }

    /**
     * These criteria, once {@code engine} has compiled every regex and wildcard pattern among them.
     *
     * @throws IllegalArgumentException naming the path and operator of the first pattern the engine cannot take
     */
    public Criteria checkedWith(RegexEngine engine) {
        criteria.stream().filter(Criterion::usesRegex).forEach(criterion -> criterion.compile(engine));
        return this;
    }

    /** The pack / StackStorm map form, in order; {@code pattern} is left out for {@code exists}/{@code nexists}. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Criterion criterion : criteria) {
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put(TYPE, criterion.operator().code());
            if (criterion.pattern() != null) {
                spec.put(PATTERN, criterion.pattern());
            }
            map.put(criterion.path(), Collections.unmodifiableMap(spec));
        }
        return Collections.unmodifiableMap(map);
    }

    /** Whether an unescaped {@code )} outside a character class closes more groups than were opened. */
    private static boolean closesAGroupItDidNotOpen(String regex) {
        int open = 0;
        boolean inClass = false;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
                if (i + 1 < regex.length() && regex.charAt(i + 1) == '^') {
                    i++;
                }
                if (i + 1 < regex.length() && regex.charAt(i + 1) == ']') {
                    i++; // a ']' first in a class belongs to it
                }
            } else if (c == '(') {
                open++;
            } else if (c == ')' && --open < 0) {
                return true;
            }
        }
        return false;
    }

    private static Criterion criterion(String path, Object spec) {
        if (!(spec instanceof Map<?, ?> fields)) {
            throw new IllegalArgumentException("criteria for '" + path
                    + "' must be a map with 'type' and 'pattern', got " + Values.kind(spec));
        }
        for (Object key : fields.keySet()) {
            if (!TYPE.equals(key) && !PATTERN.equals(key)) {
                throw new IllegalArgumentException("criteria for '" + path + "' has an unexpected key '" + key
                        + "' (allowed: type, pattern)");
            }
        }
        if (!(fields.get(TYPE) instanceof String type) || type.isBlank()) {
            throw new IllegalArgumentException("criteria for '" + path + "' needs a 'type' naming the operator");
        }
        CriteriaOperator operator = CriteriaOperator.fromCode(type).orElseThrow(() -> new IllegalArgumentException(
                "unknown criteria operator '" + type + "' for '" + path + "'"));
        Criterion criterion = new Criterion(path, operator, fields.get(PATTERN));
        if (type.toLowerCase(Locale.ROOT).equals(MATCHREGEX)) {
            if (closesAGroupItDidNotOpen(Values.text(criterion.pattern()).orElseThrow())) {
                // wrapped, 'a)(b' would read as a valid pattern of another meaning
                throw new IllegalArgumentException("criterion '" + path + "' (matchregex) has a pattern "
                        + Values.show(criterion.pattern()) + " with an unmatched ')'");
            }
            String anchored = "(?s)\\A(?:" + Values.text(criterion.pattern()).orElseThrow() + ")";
            return new Criterion(path, operator, anchored);
        }
        return criterion;
    }
}
