package io.attune.domain.rule.criteria;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The comparison a criterion applies to a trigger payload field, named as in StackStorm rules. */
public enum CriteriaOperator {
    EQUALS,
    NEQUALS,
    IEQUALS,
    LESSTHAN,
    GREATERTHAN,
    CONTAINS,
    NCONTAINS,
    ICONTAINS,
    STARTSWITH,
    ENDSWITH,
    MATCHWILDCARD,
    REGEX,
    IREGEX,
    EXISTS,
    NEXISTS,
    IN,
    NIN,
    TIMEDIFF_LT,
    TIMEDIFF_GT;

    // StackStorm's short spellings of the same operators. 'matchregex' is StackStorm's deprecated re.match
    // variant: Criteria.fromMap anchors its pattern so that it keeps matching only at the start.
    private static final Map<String, CriteriaOperator> ALIASES = Map.of(
            "eq", EQUALS,
            "neq", NEQUALS,
            "ieq", IEQUALS,
            "lt", LESSTHAN,
            "gt", GREATERTHAN,
            "matchregex", REGEX,
            "td_lt", TIMEDIFF_LT,
            "td_gt", TIMEDIFF_GT,
            "inside", IN,
            "ninside", NIN);

    private static final Map<String, CriteriaOperator> BY_CODE = byCode();

    /** The StackStorm name written in rule files, e.g. {@code equals} or {@code timediff_lt}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the operator compares against a pattern; {@code exists} and {@code nexists} only look at presence. */
    public boolean needsPattern() {
        return this != EXISTS && this != NEXISTS;
    }

    /**
     * The operator with this StackStorm name, ignoring case, or one of the aliases {@code eq}, {@code neq},
     * {@code ieq}, {@code lt}, {@code gt}, {@code matchregex}, {@code td_lt}, {@code td_gt}, {@code inside},
     * {@code ninside}; empty for anything else, including null and StackStorm's unsupported {@code search}.
     */
    public static Optional<CriteriaOperator> fromCode(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(BY_CODE.get(code.toLowerCase(Locale.ROOT)));
    }

    private static Map<String, CriteriaOperator> byCode() {
        Map<String, CriteriaOperator> map = new HashMap<>(ALIASES);
        Arrays.stream(values()).forEach(operator -> map.put(operator.code(), operator));
        return Map.copyOf(map);
    }
}
