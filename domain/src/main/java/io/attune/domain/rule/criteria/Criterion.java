package io.attune.domain.rule.criteria;

import io.attune.domain.common.Json;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

/**
 * One condition of a rule: the trigger payload field at {@code path} (e.g. {@code trigger.host.name} or
 * {@code trigger.items.0.id}) must satisfy {@code operator} against {@code pattern}.
 *
 * <p>Checked when built, so that a pack with a criterion that could never be evaluated is refused at installation:
 * {@code regex}/{@code iregex}/{@code matchwildcard} patterns must be text of at most {@value #MAX_PATTERN_LENGTH}
 * characters nested at most {@value #MAX_PATTERN_DEPTH} brackets deep (checked before any engine parses them: a
 * pattern of thousands of parentheses is refused at once), and whether a {@link RegexEngine} can take them is
 * checked by {@link #compile} (which {@link Criteria#checkedWith} runs for all of a rule's criteria),
 * {@code lessthan}/{@code greaterthan} need a number or a numeric string, {@code timediff_lt}/{@code timediff_gt}
 * a non-negative number of seconds (or a numeric string), {@code in}/{@code nin} a list, the text operators
 * ({@code iequals}, {@code startswith}, {@code endswith}) a string, number or boolean, and the others any
 * non-null value. {@code exists}/{@code nexists} ignore their pattern, which is dropped (stored as null).
 * Map and list patterns are copied deeply.
 */
public record Criterion(String path, CriteriaOperator operator, Object pattern) {

    /** The longest {@code regex}, {@code iregex} or {@code matchwildcard} pattern, in characters. */
    public static final int MAX_PATTERN_LENGTH = 4_096;
    /** The deepest nesting of parentheses, brackets and braces in such a pattern. */
    public static final int MAX_PATTERN_DEPTH = 64;

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

    /**
     * The pattern of a {@code regex}, {@code iregex} or {@code matchwildcard} criterion compiled by {@code engine}
     * (a wildcard translated to a regex first).
     *
     * @throws IllegalArgumentException naming the path and the operator, for a pattern the engine cannot take
     */
    RegexEngine.Regex compile(RegexEngine engine) {
        String text = Values.text(pattern).orElseThrow(() ->
                new IllegalStateException(operator.code() + " compares without a compiled pattern"));
        try {
            return switch (operator) {
                case REGEX -> engine.compile(text, false);
                case IREGEX -> engine.compile(text, true);
                case MATCHWILDCARD -> engine.compile(Glob.toRegex(text), false);
                case EQUALS, NEQUALS, IEQUALS, LESSTHAN, GREATERTHAN, CONTAINS, NCONTAINS, ICONTAINS, STARTSWITH,
                     ENDSWITH, EXISTS, NEXISTS, IN, NIN, TIMEDIFF_LT, TIMEDIFF_GT ->
                        throw new IllegalStateException(operator.code() + " compares without a compiled pattern");
            };
        } catch (IllegalArgumentException e) {
            throw invalid(path, operator, "has a pattern the regex engine cannot take " + Values.show(text) + ": "
                    + e.getMessage());
        }
    }

    /** Whether this criterion's operator reads its pattern as a regular expression (or a wildcard). */
    boolean usesRegex() {
        return operator == CriteriaOperator.REGEX || operator == CriteriaOperator.IREGEX
                || operator == CriteriaOperator.MATCHWILDCARD;
    }

    private static Object checkedPattern(String path, CriteriaOperator operator, Object pattern) {
        if (operator.needsPattern() && pattern == null) {
            throw invalid(path, operator, "needs a pattern");
        }
        return switch (operator) {
            case EQUALS, NEQUALS, CONTAINS, NCONTAINS, ICONTAINS -> Json.copyValue(pattern);
            case IEQUALS, STARTSWITH, ENDSWITH -> requireText(path, operator, pattern);
            case REGEX, IREGEX, MATCHWILDCARD -> requireBoundedText(path, operator, pattern);
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

    private static Object requireBoundedText(String path, CriteriaOperator operator, Object pattern) {
        requireText(path, operator, pattern);
        String text = Values.text(pattern).orElseThrow();
        if (text.length() > MAX_PATTERN_LENGTH) {
            throw invalid(path, operator, "has a pattern of " + text.length() + " characters, over the limit of "
                    + MAX_PATTERN_LENGTH);
        }
        if (nesting(text) > MAX_PATTERN_DEPTH) {
            throw invalid(path, operator, "has a pattern nested more than " + MAX_PATTERN_DEPTH
                    + " parentheses, brackets or braces deep");
        }
        return pattern;
    }

    /** The deepest nesting of unescaped parentheses, brackets and braces, counted without parsing. */
    private static int nesting(String text) {
        int depth = 0;
        int deepest = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '(' || c == '[' || c == '{') {
                deepest = Math.max(deepest, ++depth);
            } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
                depth--;
            }
        }
        return deepest;
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
