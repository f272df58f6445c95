package io.attune.domain.rule.criteria;

import static io.attune.domain.rule.criteria.CriteriaOperator.EQUALS;
import static io.attune.domain.rule.criteria.CriteriaOperator.EXISTS;
import static io.attune.domain.rule.criteria.CriteriaOperator.GREATERTHAN;
import static io.attune.domain.rule.criteria.CriteriaOperator.IN;
import static io.attune.domain.rule.criteria.CriteriaOperator.IREGEX;
import static io.attune.domain.rule.criteria.CriteriaOperator.LESSTHAN;
import static io.attune.domain.rule.criteria.CriteriaOperator.MATCHWILDCARD;
import static io.attune.domain.rule.criteria.CriteriaOperator.NEXISTS;
import static io.attune.domain.rule.criteria.CriteriaOperator.NIN;
import static io.attune.domain.rule.criteria.CriteriaOperator.REGEX;
import static io.attune.domain.rule.criteria.CriteriaOperator.STARTSWITH;
import static io.attune.domain.rule.criteria.CriteriaOperator.TIMEDIFF_GT;
import static io.attune.domain.rule.criteria.CriteriaOperator.TIMEDIFF_LT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.attune.domain.fake.JdkRegexEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CriterionTest {

    @Test
    void acceptsNestedAndListIndexPaths() {
        assertThat(new Criterion("trigger.host.name", EQUALS, "a").path()).isEqualTo("trigger.host.name");
        assertThat(new Criterion("trigger.items.0.name", EXISTS, null).fieldSegments())
                .containsExactly("items", "0", "name");
    }

    @Test
    void refusesABlankPath() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Criterion(" ", EQUALS, "a"))
                .withMessageContaining("needs a path");
        assertThatIllegalArgumentException().isThrownBy(() -> new Criterion(null, EQUALS, "a"));
    }

    @Test
    void refusesAPathOutsideTheTrigger() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Criterion("payload.severity", EQUALS, "a"))
                .withMessageContaining("'payload.severity' must start with 'trigger.'");
        assertThatIllegalArgumentException().isThrownBy(() -> new Criterion("trigger", EXISTS, null));
    }

    @Test
    void refusesAPathWithAnEmptySegment() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Criterion("trigger.", EXISTS, null))
                .withMessageContaining("empty segment");
        assertThatIllegalArgumentException().isThrownBy(() -> new Criterion("trigger.a..b", EXISTS, null));
        assertThatIllegalArgumentException().isThrownBy(() -> new Criterion("trigger.a.", EXISTS, null));
    }

    @Test
    void refusesAMissingOperator() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Criterion("trigger.a", null, "x"))
                .withMessageContaining("needs an operator");
    }

    @Test
    void refusesANullPatternForAnOperatorThatNeedsOne() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Criterion("trigger.a", EQUALS, null))
                .withMessage("criterion 'trigger.a' (equals) needs a pattern");
    }

    @Test
    void dropsThePatternOfExistsAndNexists() {
        assertThat(new Criterion("trigger.a", EXISTS, "ignored").pattern()).isNull();
        assertThat(new Criterion("trigger.a", NEXISTS, null).pattern()).isNull();
    }

    @Test
    void refusesARegexThatDoesNotCompileNamingThePattern() {
        RegexEngine engine = new JdkRegexEngine();
        assertThatIllegalArgumentException().isThrownBy(() -> new Criterion("trigger.a", REGEX, "err(or").compile(engine))
                .withMessageContaining("'trigger.a'").withMessageContaining("'err(or'");
        assertThatIllegalArgumentException().isThrownBy(() -> new Criterion("trigger.a", IREGEX, "[a-").compile(engine))
                .withMessageContaining("'[a-'");
    }

    @Test
    void refusesAWildcardWithAnImpossibleRange() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Criterion("trigger.a", MATCHWILDCARD, "[z-a]").compile(new JdkRegexEngine()))
                .withMessageContaining("'[z-a]'");
    }

    @Test
    void refusesAPatternTooLongOrTooDeeplyNestedBeforeAnyEngineReadsIt() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Criterion("trigger.a", REGEX, "a".repeat(Criterion.MAX_PATTERN_LENGTH + 1)))
                .withMessageContaining("over the limit of " + Criterion.MAX_PATTERN_LENGTH);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Criterion("trigger.a", REGEX, "(".repeat(1_000) + ")".repeat(1_000)))
                .withMessageContaining("nested more than " + Criterion.MAX_PATTERN_DEPTH);
        assertThat(new Criterion("trigger.a", REGEX, "\\(".repeat(100)).pattern()).isEqualTo("\\(".repeat(100));
    }

    @Test
    void refusesAMapOrListPatternForTextOperators() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Criterion("trigger.a", STARTSWITH, List.of("a")))
                .withMessageContaining("needs a string pattern, got a list");
        assertThatIllegalArgumentException().isThrownBy(() -> new Criterion("trigger.a", REGEX, Map.of()))
                .withMessageContaining("got a map");
    }

    @Test
    void acceptsNumbersAndNumericStringsForComparisons() {
        assertThat(new Criterion("trigger.a", LESSTHAN, 5).pattern()).isEqualTo(5);
        assertThat(new Criterion("trigger.a", GREATERTHAN, "-2.5e1").pattern()).isEqualTo("-2.5e1");
    }

    @Test
    void refusesANonNumericPatternForComparisons() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Criterion("trigger.a", LESSTHAN, "high"))
                .withMessageContaining("needs a number or a numeric string as pattern, got 'high'");
        assertThatIllegalArgumentException().isThrownBy(() -> new Criterion("trigger.a", GREATERTHAN, true));
    }

    @Test
    void refusesATimediffPatternThatIsNotANonNegativeNumberOfSeconds() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Criterion("trigger.at", TIMEDIFF_LT, "1h"));
        assertThatIllegalArgumentException().isThrownBy(() -> new Criterion("trigger.at", TIMEDIFF_GT, -1))
                .withMessageContaining("non-negative");
        assertThat(new Criterion("trigger.at", TIMEDIFF_GT, "90").pattern()).isEqualTo("90");
    }

    @Test
    void refusesANonListPatternForInAndNin() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Criterion("trigger.a", IN, "a,b"))
                .withMessageContaining("(in) needs a list pattern, got a string");
        assertThatIllegalArgumentException().isThrownBy(() -> new Criterion("trigger.a", NIN, 3));
    }

    @Test
    void copiesAListPatternSoLaterChangesDoNotLeakIn() {
        List<Object> members = new ArrayList<>(List.of("a", "b"));
        Criterion criterion = new Criterion("trigger.a", IN, members);
        members.add("c");

        assertThat(criterion.pattern()).isEqualTo(List.of("a", "b"));
    }
}
