package io.attune.domain.rule.criteria;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.attune.domain.fake.JdkRegexEngine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CriteriaTest {

    @Test
    void noneHasNoCriteria() {
        assertThat(Criteria.none().criteria()).isEmpty();
        assertThat(Criteria.fromMap(Map.of())).isEqualTo(Criteria.none());
    }

    @Test
    void copiesTheListItIsGiven() {
        List<Criterion> list = new ArrayList<>(List.of(new Criterion("trigger.a", CriteriaOperator.EXISTS, null)));
        Criteria criteria = new Criteria(list);
        list.clear();

        assertThat(criteria.criteria()).hasSize(1);
    }

    @Test
    void refusesANullListOrNullMembers() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Criteria(null));
        List<Criterion> withNull = new ArrayList<>();
        withNull.add(null);
        assertThatIllegalArgumentException().isThrownBy(() -> new Criteria(withNull));
    }

    @Test
    void refusesTwoCriteriaForTheSamePath() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Criteria(List.of(
                        new Criterion("trigger.a", CriteriaOperator.GREATERTHAN, 1),
                        new Criterion("trigger.a", CriteriaOperator.LESSTHAN, 9))))
                .withMessageContaining("more than one criterion for 'trigger.a'");
    }

    @Test
    void readsTheStackStormFormKeepingItsOrder() {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("trigger.severity", Map.of("type", "equals", "pattern", "critical"));
        raw.put("trigger.host.name", Map.of("type", "MatchWildcard", "pattern", "web-*"));
        raw.put("trigger.count", Map.of("type", "gt", "pattern", "3"));
        raw.put("trigger.ack", Map.of("type", "nexists"));

        Criteria criteria = Criteria.fromMap(raw);

        assertThat(criteria.criteria()).containsExactly(
                new Criterion("trigger.severity", CriteriaOperator.EQUALS, "critical"),
                new Criterion("trigger.host.name", CriteriaOperator.MATCHWILDCARD, "web-*"),
                new Criterion("trigger.count", CriteriaOperator.GREATERTHAN, "3"),
                new Criterion("trigger.ack", CriteriaOperator.NEXISTS, null));
    }

    @Test
    void writesTheStackStormFormThatReadsBackTheSame() {
        Criteria criteria = new Criteria(List.of(
                new Criterion("trigger.severity", CriteriaOperator.IN, List.of("critical", "major")),
                new Criterion("trigger.ack", CriteriaOperator.EXISTS, null),
                new Criterion("trigger.at", CriteriaOperator.TIMEDIFF_LT, 60)));

        Map<String, Object> map = criteria.toMap();

        assertThat(map).containsExactly(
                Map.entry("trigger.severity", Map.of("type", "in", "pattern", List.of("critical", "major"))),
                Map.entry("trigger.ack", Map.of("type", "exists")),
                Map.entry("trigger.at", Map.of("type", "timediff_lt", "pattern", 60)));
        assertThat(Criteria.fromMap(map)).isEqualTo(criteria);
    }

    @Test
    void refusesAnUnknownOperatorNamingItAndThePath() {
        Map<String, Object> raw = Map.of("trigger.severity", Map.of("type", "xyz", "pattern", "critical"));

        assertThatIllegalArgumentException().isThrownBy(() -> Criteria.fromMap(raw))
                .withMessage("unknown criteria operator 'xyz' for 'trigger.severity'");
    }

    @Test
    void refusesStackStormSearchWhichIsNotSupported() {
        Map<String, Object> raw = Map.of("trigger.fields", Map.of("type", "search", "pattern", Map.of()));

        assertThatIllegalArgumentException().isThrownBy(() -> Criteria.fromMap(raw))
                .withMessage("unknown criteria operator 'search' for 'trigger.fields'");
    }

    @Test
    void refusesAnEntryWithoutAType() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Criteria.fromMap(Map.of("trigger.severity", Map.of("pattern", "critical"))))
                .withMessage("criteria for 'trigger.severity' needs a 'type' naming the operator");
    }

    @Test
    void refusesATypeThatIsNotAString() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Criteria.fromMap(Map.of("trigger.severity", Map.of("type", 3, "pattern", "x"))))
                .withMessageContaining("needs a 'type'");
    }

    @Test
    void refusesAnEntryThatIsNotAMap() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Criteria.fromMap(Map.of("trigger.severity", "critical")))
                .withMessage("criteria for 'trigger.severity' must be a map with 'type' and 'pattern', got a string");
    }

    @Test
    void refusesAnEntryWithAnUnexpectedKey() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Criteria.fromMap(Map.of("trigger.severity",
                        Map.of("type", "equals", "patern", "critical"))))
                .withMessageContaining("unexpected key 'patern'");
    }

    @Test
    void refusesAnEntryWhosePatternTheOperatorRefuses() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Criteria.fromMap(Map.of("trigger.severity", Map.of("type", "equals"))))
                .withMessage("criterion 'trigger.severity' (equals) needs a pattern");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Criteria.fromMap(Map.of("trigger.msg", Map.of("type", "regex", "pattern", "(")))
                        .checkedWith(new JdkRegexEngine()))
                .withMessageContaining("'('");
    }

    @Test
    void refusesAPathOutsideTheTrigger() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Criteria.fromMap(Map.of("severity", Map.of("type", "equals", "pattern", "x"))))
                .withMessageContaining("must start with 'trigger.'");
    }

    @Test
    void refusesANullMap() {
        assertThatIllegalArgumentException().isThrownBy(() -> Criteria.fromMap(null));
    }

    @Test
    void readsMatchregexAsARegexAnchoredAtTheStartLikeStackStorm() {
        Criteria criteria = Criteria.fromMap(
                Map.of("trigger.msg", Map.of("type", "matchregex", "pattern", "disk.*full")));
        CriteriaEvaluator evaluator = new CriteriaEvaluator(new JdkRegexEngine());
        Instant now = Instant.EPOCH;

        assertThat(criteria.criteria().getFirst().operator()).isEqualTo(CriteriaOperator.REGEX);
        assertThat(evaluator.evaluate(criteria, Map.of("msg", "disk\nis full"), now).matched()).isTrue();
        assertThat(evaluator.evaluate(criteria, Map.of("msg", "the disk is full"), now).matched()).isFalse();
    }

    @Test
    void refusesAMatchregexThatDoesNotCompileOnItsOwn() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Criteria.fromMap(
                        Map.of("trigger.msg", Map.of("type", "matchregex", "pattern", "a)(b"))))
                .withMessageContaining("'a)(b'").withMessageContaining("unmatched ')'");
    }
}
