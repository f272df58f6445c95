package io.attune.adapters.expressions.regex;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.attune.domain.rule.criteria.RegexEngine;
import jakarta.inject.Singleton;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Criteria regexes with RE2/J: matching takes time linear in the text whatever the pattern, so an event's payload
 * cannot stall the rules pipeline; backreferences and lookaround, which need backtracking, are refused. Compiled
 * patterns are kept in a small LRU cache, since the same rules see every event of their trigger.
 */
@Singleton
public final class Re2jRegexEngine implements RegexEngine {

    private static final int CACHED = 1_024;

    private final Map<Key, Regex> cache = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Regex> eldest) {
            return size() > CACHED;
        }
    });

    @Override
    public Regex compile(String pattern, boolean ignoreCase) {
        if (pattern == null) {
            throw new IllegalArgumentException("a regex is needed");
        }
        Key key = new Key(pattern, ignoreCase);
        Regex cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        Pattern compiled;
        try {
            compiled = Pattern.compile(pattern, ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
        } catch (PatternSyntaxException e) {
            String why = e.getMessage() == null ? "invalid pattern" : e.getMessage().replace("error parsing regexp: ", "");
            throw new IllegalArgumentException(why + hint(why));
        } catch (RuntimeException | StackOverflowError e) {
            throw new IllegalArgumentException("the pattern cannot be compiled");
        }
        Regex regex = new Compiled(compiled);
        cache.put(key, regex);
        return regex;
    }

    private static String hint(String description) {
        return description.contains("escape sequence") || description.contains("Perl syntax")
                || description.contains("named capture")
                ? " (backreferences such as \\1 and lookaround such as (?=...), (?!...), (?<=...) are not supported:"
                        + " criteria are matched in linear time)"
                : "";
    }

    private record Key(String pattern, boolean ignoreCase) {
    }

    private record Compiled(Pattern pattern) implements Regex {

        @Override
        public boolean find(String text) {
            return pattern.matcher(text).find();
        }

        @Override
        public boolean matches(String text) {
            return pattern.matches(text);
        }
    }
}
