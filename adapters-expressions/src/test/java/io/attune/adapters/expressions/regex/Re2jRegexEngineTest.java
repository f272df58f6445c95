package io.attune.adapters.expressions.regex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.attune.domain.rule.criteria.Criteria;
import io.attune.domain.rule.criteria.CriteriaEvaluator;
import io.attune.domain.rule.criteria.CriteriaResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Re2jRegexEngineTest {

    private final Re2jRegexEngine engine = new Re2jRegexEngine();
    private final CriteriaEvaluator evaluator = new CriteriaEvaluator(engine);

    @Test
    void evaluatesACatastrophicBacktrackingPatternInLinearTime() {
        // (.*a){12}$ against 42 characters costs a backtracking engine tens of CPU-seconds
        Criteria criteria = Criteria.fromMap(Map.of("trigger.text", Map.of("type", "regex", "pattern", "(.*a){12}$")))
                .checkedWith(engine);
        Map<String, Object> payload = Map.of("text", "a".repeat(41) + "!");

        CriteriaResult result = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> evaluator.evaluate(criteria, payload, Instant.EPOCH));

        assertThat(result.matched()).isFalse();
        assertThat(evaluator.evaluate(criteria, Map.of("text", "a".repeat(41)), Instant.EPOCH).matched()).isTrue();
    }

    @Test
    void matchesLikeReSearchWildcardsAndCaseInsensitively() {
        assertThat(engine.compile("err(or)?", false).find("an error here")).isTrue();
        assertThat(engine.compile("^err", false).find("an error")).isFalse();
        assertThat(engine.compile("ÉTÉ", true).find("un été chaud")).isTrue();
        Criteria wildcard = Criteria.fromMap(Map.of("trigger.host", Map.of("type", "matchwildcard",
                "pattern", "web-[0-9]*.e u+(x)")));
        assertThat(evaluator.evaluate(wildcard, Map.of("host", "web-12\n.e u+(x)"), Instant.EPOCH).matched()).isTrue();
        assertThat(evaluator.evaluate(wildcard, Map.of("host", "web-12.e uu(x)"), Instant.EPOCH).matched()).isFalse();
        Criteria anchored = Criteria.fromMap(Map.of("trigger.msg", Map.of("type", "matchregex", "pattern", "disk.*full")))
                .checkedWith(engine);
        assertThat(evaluator.evaluate(anchored, Map.of("msg", "disk\nis full"), Instant.EPOCH).matched()).isTrue();
        assertThat(evaluator.evaluate(anchored, Map.of("msg", "the disk is full"), Instant.EPOCH).matched()).isFalse();
    }

    @Test
    void refusesBackreferencesAndLookaroundNamingThePathAndWhy() {
        assertThatIllegalArgumentException().isThrownBy(() -> Criteria.fromMap(
                        Map.of("trigger.a", Map.of("type", "regex", "pattern", "(x)\\1"))).checkedWith(engine))
                .withMessageContaining("criterion 'trigger.a' (regex)").withMessageContaining("\\1")
                .withMessageContaining("backreferences");
        for (String lookaround : new String[] {"(?=a)b", "(?!a)b", "(?<=a)b", "(?<!a)b"}) {
            assertThatIllegalArgumentException().isThrownBy(() -> engine.compile(lookaround, true))
                    .withMessageContaining("lookaround");
        }
    }

    @Test
    void aStoredPatternTheEngineCannotTakeMatchesNothingWithTheReason() {
        Criteria stored = Criteria.fromMap(Map.of("trigger.a", Map.of("type", "iregex", "pattern", "(x)\\1")));

        CriteriaResult result = evaluator.evaluate(stored, Map.of("a", "xx"), Instant.EPOCH);

        assertThat(result).isInstanceOfSatisfying(CriteriaResult.NotMatched.class,
                n -> assertThat(n.reason()).contains("cannot take"));
    }

    @Test
    void refusesNestedCountedRepeatsWhoseProductExceedsAThousandAsGoRe2Does() {
        for (String refused : new String[] {"(.{1000}){1000}", "((.{1000}){1000}){1000}", "(a{100}){11}",
                "(?:a{10,100}){11}", "(?P<x>a{101,}){10}", "([]{]{2}x\\\\{500}){3}"}) {
            assertThatIllegalArgumentException().as(refused).isThrownBy(() -> assertTimeoutPreemptively(
                            Duration.ofSeconds(5), () -> engine.compile(refused, false)))
                    .withMessageContaining("more than 1000");
        }
        for (String accepted : new String[] {"(a{100}){10}", "a{1000}b{1000}", "\\{1000\\}", "[{]1000}",
                "\\p{Greek}{1000}", "(\\x{100}){10}", "(?i)a{1000}", "[[:alpha:]{]{1000}"}) {
            assertThat(engine.compile(accepted, false)).as(accepted).isNotNull();
        }
        assertThat(engine.compile("\\{1000\\}", false).find("{1000}")).isTrue();
        assertThat(engine.compile("[{]1000}", false).find("{1000}")).isTrue();
    }
}
