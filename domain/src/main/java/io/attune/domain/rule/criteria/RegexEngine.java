package io.attune.domain.rule.criteria;

/**
 * The regular expression engine behind the {@code regex}, {@code iregex} and {@code matchwildcard} criteria.
 *
 * <p>Criteria run on every event of their trigger, against payloads anyone who can send an event chooses, so an
 * implementation used by the server must match in time linear in the text (no backtracking: a pattern such as
 * {@code (.*a){12}$} must not stall the rules pipeline); it refuses what it cannot match that way (backreferences,
 * lookaround). Implementations are thread-safe.
 */
public interface RegexEngine {

    /**
     * The compiled {@code pattern}; {@code ignoreCase} folds case over all of Unicode.
     *
     * @throws IllegalArgumentException saying why, without the pattern, for a pattern the engine cannot take
     *                                  (a syntax error, a construct it does not support)
     */
    Regex compile(String pattern, boolean ignoreCase);

    /** A compiled pattern. */
    interface Regex {

        /** Whether the pattern matches somewhere in {@code text} (Python's {@code re.search}). */
        boolean find(String text);

        /** Whether the pattern matches the whole of {@code text}. */
        boolean matches(String text);
    }
}
