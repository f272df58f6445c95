package io.attune.domain.fake;

import io.attune.domain.rule.criteria.RegexEngine;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Test double: the JDK's backtracking engine, enough to test what the evaluator does with a match; the server uses a
 * linear-time engine (adapters-expressions), whose own tests show the catastrophic patterns.
 */
public final class JdkRegexEngine implements RegexEngine {

    @Override
    public Regex compile(String pattern, boolean ignoreCase) {
        Pattern compiled;
        try {
            compiled = ignoreCase ? Pattern.compile(pattern, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
                    : Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(e.getDescription());
        }
        return new Regex() {
            @Override
            public boolean find(String text) {
                return compiled.matcher(text).find();
            }

            @Override
            public boolean matches(String text) {
                return compiled.matcher(text).matches();
            }
        };
    }
}
