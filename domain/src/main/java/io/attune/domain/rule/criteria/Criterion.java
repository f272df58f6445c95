package io.attune.domain.rule.criteria;

import io.attune.domain.common.Json;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One condition of a rule: the trigger payload field at {@code path} (e.g. {@code trigger.host.name} or
 * {@code trigger.items.0.id}) must satisfy {@code operator} against {@code pattern}.
 *
 * <p>Checked when built, so that a pack with a criterion that could never be evaluated is refused at installation:
 * {@code regex}/{@code iregex} patterns must compile, {@code matchwildcard} patterns must translate,
 * {@code lessthan}/{@code greaterthan} need a number or a numeric string, {@code timediff_lt}/{@code timediff_gt}
 * a non-negative number of seconds (or a numeric string), {@code in}/{@code nin} a list, the text operators
 * ({@code iequals}, {@code startswith}, {@code endswith}) a string, number or boolean, and the others any
 * non-null value. {@code exists}/{@code nexists} ignore their pattern, which is dropped (stored as null).
 * Map and list patterns are copied deeply.
 */
public record Criterion(String path, CriteriaOperator operator, Object pattern) {

    private static final String PREFIX = "trigger.";

    public Criterion {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("a criterion needs a path such as 'trigger.severity'");
        }
        if (!path.startsWith(PREFIX)) {
            throw new IllegalArgumentException(
                    "criterion path '" + path + "' must start with 'trigger.', e.g. 'trigger.severity'");
        }
        if (Arrays.stream(path.split("\\.", -1)).anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("criterion path '" + path + "' has an empty segment");
        }
        if (operator == null) {
            throw new IllegalArgumentException("criterion '" + path + "' needs an operator");
        }
        pattern = checkedPattern(path, operator, pattern);
    }

    /** The path's segments after {@code trigger.}: map keys, or list indexes for lists. */
    List<String> fieldSegments() {
        return List.of(path.substring(PREFIX.length()).split("\\."));
    }

    /** The compiled pattern of a {@code regex}, {@code iregex} or {@code matchwildcard} criterion. */
    Pattern compiledPattern() {
        return compile(operator, Values.text(pattern).orElseThrow());
    }

    private static Object checkedPattern(String path, CriteriaOperator operator, Object pattern) {
        if (operator.needsPattern() && pattern == null) {
            throw invalid(path, operator, "needs a pattern");
        }
        return switch (operator) {
            case EQUALS, NEQUALS, CONTAINS, NCONTAINS, ICONTAINS -> Json.copyValue(pattern);
            case IEQUALS, STARTSWITH, ENDSWITH -> requireText(path, operator, pattern);
            case REGEX, IREGEX, MATCHWILDCARD -> requireCompilable(path, operator, pattern);
            case LESSTHAN, GREATERTHAN -> requireNumber(path, operator, pattern);
            case TIMEDIFF_LT, TIMEDIFF_GT -> requireSeconds(path, operator, pattern);
            case IN, NIN -> {
                if (!(pattern instanceof List<?>)) {
                    throw invalid(path, operator, "needs a list pattern, got " + Values.kind(pattern));
                }
                yield Json.copyValue(pattern);
            }
            case EXISTS, NEXISTS -> null;
        };
    }

    private static Object requireText(String path, CriteriaOperator operator, Object pattern) {
        if (Values.text(pattern).isEmpty()) {
            throw invalid(path, operator, "needs a string pattern, got " + Values.kind(pattern));
        }
        return pattern;
    }

    private static Object requireCompilable(String path, CriteriaOperator operator, Object pattern) {
        requireText(path, operator, pattern);
        String text = Values.text(pattern).orElseThrow();
        try {
            compile(operator, text);
        } catch (PatternSyntaxException e) {
            throw invalid(path, operator, "has an invalid pattern " + Values.show(text) + ": " + e.getDescription());
        }
        return pattern;
    }

    private static Pattern compile(CriteriaOperator operator, String text) {
        return switch (operator) {
            case REGEX -> Pattern.compile(text);
            case IREGEX -> Pattern.compile(text, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
            case MATCHWILDCARD -> Glob.compile(text);
            case EQUALS, NEQUALS, IEQUALS, LESSTHAN, GREATERTHAN, CONTAINS, NCONTAINS, ICONTAINS, STARTSWITH,
                 ENDSWITH, EXISTS, NEXISTS, IN, NIN, TIMEDIFF_LT, TIMEDIFF_GT ->
                    throw new IllegalStateException(operator.code() + " compares without a compiled pattern");
        };
    }

    private static Object requireNumber(String path, CriteriaOperator operator, Object pattern) {
        if (Values.decimal(pattern).isEmpty()) {
            throw invalid(path, operator, "needs a number or a numeric string as pattern, got " + Values.show(pattern));
        }
        return pattern;
    }

    private static Object requireSeconds(String path, CriteriaOperator operator, Object pattern) {
        requireNumber(path, operator, pattern);
        if (Values.decimal(pattern).orElseThrow().compareTo(BigDecimal.ZERO) < 0) {
            throw invalid(path, operator, "needs a non-negative number of seconds, got " + Values.show(pattern));
        }
        return pattern;
    }

    private static IllegalArgumentException invalid(String path, CriteriaOperator operator, String problem) {
        return new IllegalArgumentException("criterion '" + path + "' (" + operator.code() + ") " + problem);
    }
}
