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
 * cannot stall the rules pipeline; backreferences and lookaround, which need backtracking, are refused, and so are
 * nested counted repeats whose product exceeds 1000, which RE2/J does not bound as Go's RE2 does. Compiled
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
        if (NestedRepeats.product(pattern) > NestedRepeats.LIMIT) {
            // RE2/J checks each repeat but not their product: (.{1000}){1000} would cost a million steps per character
            // matched, and one more level runs out of memory while compiling
            throw new IllegalArgumentException("nests counted repeats such as (.{1000}){1000} to more than "
                    + NestedRepeats.LIMIT + " repetitions in all (the product of the nested {n,m} bounds)");
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
