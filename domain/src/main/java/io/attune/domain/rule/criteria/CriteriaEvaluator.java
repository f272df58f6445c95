package io.attune.domain.rule.criteria;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Decides whether a trigger payload satisfies a rule's criteria; stateless, never throws for any payload.
 *
 * <p>A path resolves through nested maps by key and through lists by index ({@code trigger.items.0.name}). A field
 * that is missing or null fails every operator except {@code nexists}, which it satisfies; {@code exists} needs a
 * non-null value, as in StackStorm. A value of the wrong kind for its operator ({@code lessthan} on a word,
 * {@code contains} on a number, {@code startswith} on a list) is a non-match with a reason, never an error; so
 * {@code nequals}, {@code ncontains} and {@code nin} are negations only where their positive form applies.
 *
 * <p>Equality ({@code equals}, {@code nequals}, {@code in}, {@code nin}, {@code contains} on lists and maps):
 * numbers compare by value (1 equals 1.0); a number and a numeric string compare by value ("5" equals 5); two
 * strings compare exactly ("5" does not equal "5.0"); lists and maps element by element; booleans equal only
 * booleans. The text operators ({@code iequals}, {@code startswith}, {@code endswith}, {@code matchwildcard},
 * {@code regex}, {@code iregex}, {@code contains} on strings) read strings, numbers and booleans in their JSON
 * text form. {@code regex} finds the pattern anywhere (Python's {@code re.search}); {@code matchwildcard} must
 * cover the whole text. {@code timediff_lt}/{@code timediff_gt} compare the distance between the field's time
 * and {@code now}, in either direction, with the pattern's seconds. Regexes and wildcards are matched by the
 * {@link RegexEngine} given (linear-time in the server); a pattern it cannot take (stored before it was checked)
 * matches nothing, with the engine's reason.
 */
public final class CriteriaEvaluator {

    private static final Optional<String> PASS = Optional.empty();

    private final RegexEngine regexes;

    public CriteriaEvaluator(RegexEngine regexes) {
        if (regexes == null) {
            throw new IllegalArgumentException("the criteria evaluator needs a regex engine");
        }
        this.regexes = regexes;
    }

    /** Matched if every criterion holds, otherwise the first criterion, in order, that does not. */
    public CriteriaResult evaluate(Criteria criteria, Map<String, Object> triggerPayload, Instant now) {
        if (criteria == null || triggerPayload == null || now == null) {
            throw new IllegalArgumentException("evaluating criteria needs criteria, a trigger payload and now");
        }
        for (Criterion criterion : criteria.criteria()) {
            Optional<String> failure = failure(criterion, triggerPayload, now);
            if (failure.isPresent()) {
                return new CriteriaResult.NotMatched(criterion, failure.get());
            }
        }
        return new CriteriaResult.Matched();
    }

    private Optional<String> failure(Criterion criterion, Map<String, Object> payload, Instant now) {
        String path = criterion.path();
        return switch (resolve(payload, criterion.fieldSegments())) {
            case Absent absent -> criterion.operator() == CriteriaOperator.NEXISTS
                    ? PASS
                    : fail(path + " " + absent.why());
            case Present present -> valueFailure(criterion, present.value(), now);
        };
    }

    private static Optional<String> fail(String reason) {
        return Optional.of(reason);
    }

    private Optional<String> valueFailure(Criterion criterion, Object value, Instant now) {
        String path = criterion.path();
        Object pattern = criterion.pattern();
        String is = path + " is " + Values.show(value);
        return switch (criterion.operator()) {
            case EXISTS -> PASS;
            case NEXISTS -> fail(path + " exists: " + Values.show(value));
            case EQUALS -> Values.same(value, pattern) ? PASS : fail(is + ", not equal to " + Values.show(pattern));
            case NEQUALS -> Values.same(value, pattern) ? fail(is + ", equal to " + Values.show(pattern)) : PASS;
            case IEQUALS -> textTest(criterion, value, text ->
                    Values.lower(text).equals(Values.lower(patternText(criterion))), "not equal ignoring case to");
            case LESSTHAN, GREATERTHAN -> numericFailure(criterion, value);
            case CONTAINS, ICONTAINS -> containment(criterion, value)
                    .map(found -> found ? PASS : fail(is + ", which does not contain " + Values.show(pattern)))
                    .orElseGet(() -> fail(cannotContain(criterion, value)));
            case NCONTAINS -> containment(criterion, value)
                    .map(found -> found ? fail(is + ", which contains " + Values.show(pattern)) : PASS)
                    .orElseGet(() -> fail(cannotContain(criterion, value)));
            case STARTSWITH -> textTest(criterion, value, text -> text.startsWith(patternText(criterion)),
                    "which does not start with");
            case ENDSWITH -> textTest(criterion, value, text -> text.endsWith(patternText(criterion)),
                    "which does not end with");
            case MATCHWILDCARD, REGEX, IREGEX -> regexFailure(criterion, value);
            case IN -> isMember(value, pattern) ? PASS : fail(is + ", not one of " + Values.show(pattern));
            case NIN -> isMember(value, pattern) ? fail(is + ", one of " + Values.show(pattern)) : PASS;
            case TIMEDIFF_LT, TIMEDIFF_GT -> timediffFailure(criterion, value, now);
        };
    }

    private Optional<String> regexFailure(Criterion criterion, Object value) {
        RegexEngine.Regex regex;
        try {
            regex = criterion.compile(regexes);
        } catch (IllegalArgumentException e) {
            return fail(e.getMessage());
        }
        return criterion.operator() == CriteriaOperator.MATCHWILDCARD
                ? textTest(criterion, value, regex::matches, "which does not match the wildcard")
                : textTest(criterion, value, regex::find, "with no match for the regex");
    }

    private static Optional<String> textTest(Criterion criterion, Object value, Predicate<String> test,
                                             String failing) {
        Optional<String> text = Values.text(value);
        if (text.isEmpty()) {
            return fail(criterion.path() + " is " + Values.kind(value) + ", not text, so "
                    + criterion.operator().code() + " does not apply");
        }
        return test.test(text.get())
                ? PASS
                : fail(criterion.path() + " is " + Values.show(value) + ", " + failing + " "
                        + Values.show(criterion.pattern()));
    }

    private static String patternText(Criterion criterion) {
        return Values.text(criterion.pattern()).orElseThrow();
    }

    private static Optional<String> numericFailure(Criterion criterion, Object value) {
        Optional<BigDecimal> number = Values.decimal(value);
        if (number.isEmpty()) {
            return fail(criterion.path() + " is " + Values.show(value) + ", not a number, so "
                    + criterion.operator().code() + " does not apply");
        }
        int order = number.get().compareTo(Values.decimal(criterion.pattern()).orElseThrow());
        boolean lessThan = criterion.operator() == CriteriaOperator.LESSTHAN;
        return (lessThan ? order < 0 : order > 0)
                ? PASS
                : fail(criterion.path() + " is " + Values.show(value) + ", not " + (lessThan ? "less" : "greater")
                        + " than " + Values.show(criterion.pattern()));
    }

    // Empty when the value cannot contain anything (a number, a boolean) or a string is searched for a non-scalar.
    private static Optional<Boolean> containment(Criterion criterion, Object value) {
        boolean ignoreCase = criterion.operator() == CriteriaOperator.ICONTAINS;
        Object pattern = criterion.pattern();
        return switch (value) {
            case String text -> Values.text(pattern).map(part -> ignoreCase
                    ? Values.lower(text).contains(Values.lower(part))
                    : text.contains(part));
            case List<?> list -> Optional.of(list.stream().anyMatch(element -> ignoreCase
                    ? Values.sameIgnoringCase(element, pattern)
                    : Values.same(element, pattern)));
            case Map<?, ?> map -> Optional.of(map.keySet().stream().anyMatch(key -> ignoreCase
                    ? Values.sameIgnoringCase(key, pattern)
                    : Values.same(key, pattern)));
            default -> Optional.empty();
        };
    }

    private static String cannotContain(Criterion criterion, Object value) {
        String operator = criterion.operator().code();
        return value instanceof String
                ? criterion.path() + " is a string, which " + operator + " cannot search for "
                        + Values.kind(criterion.pattern())
                : criterion.path() + " is " + Values.kind(value) + ", not a string, list or map, so " + operator
                        + " does not apply";
    }

    private static boolean isMember(Object value, Object members) {
        return ((List<?>) members).stream().anyMatch(member -> Values.same(value, member));
    }

    private static Optional<String> timediffFailure(Criterion criterion, Object value, Instant now) {
        Optional<Instant> time = Values.instant(value);
        if (time.isEmpty()) {
            return fail(criterion.path() + " is " + Values.show(value)
                    + ", not an ISO-8601 timestamp or a number of epoch seconds");
        }
        BigDecimal distance = Values.seconds(Duration.between(time.get(), now).abs());
        int order = distance.compareTo(Values.decimal(criterion.pattern()).orElseThrow());
        boolean lessThan = criterion.operator() == CriteriaOperator.TIMEDIFF_LT;
        return (lessThan ? order < 0 : order > 0)
                ? PASS
                : fail(criterion.path() + " is " + time.get() + ", " + distance.toPlainString() + "s from now, not "
                        + (lessThan ? "less" : "more") + " than " + Values.show(criterion.pattern()) + "s");
    }

    private static Field resolve(Map<String, Object> payload, List<String> segments) {
        Object current = payload;
        String walked = "trigger";
        for (String segment : segments) {
            switch (current) {
                case null -> {
                    return new Absent("is missing: " + walked + " is null");
                }
                case Map<?, ?> map -> {
                    if (!map.containsKey(segment)) {
                        return new Absent("is missing: " + walked + " has no key '" + segment + "'");
                    }
                    current = map.get(segment);
                }
                case List<?> list -> {
                    Optional<Integer> index = index(segment, list.size());
                    if (index.isEmpty()) {
                        return new Absent("is missing: " + walked + " is a list of " + list.size()
                                + " with no index '" + segment + "'");
                    }
                    current = list.get(index.get());
                }
                default -> {
                    return new Absent("is missing: " + walked + " is " + Values.kind(current) + ", not a map or list");
                }
            }
            walked = walked + "." + segment;
        }
        return current == null ? new Absent("is null") : new Present(current);
    }

    private static Optional<Integer> index(String segment, int size) {
        if (segment.isEmpty() || segment.length() > 9 || !segment.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        int index = Integer.parseInt(segment);
        return index < size ? Optional.of(index) : Optional.empty();
    }

    /** Where a path led in the payload. */
    private sealed interface Field permits Present, Absent {
    }

    private record Present(Object value) implements Field {
    }

    private record Absent(String why) implements Field {
    }
}
