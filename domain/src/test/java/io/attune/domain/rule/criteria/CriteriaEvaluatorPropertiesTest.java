package io.attune.domain.rule.criteria;

import static org.assertj.core.api.Assertions.assertThat;

import io.attune.domain.fake.JdkRegexEngine;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class CriteriaEvaluatorPropertiesTest {

    private final CriteriaEvaluator evaluator = new CriteriaEvaluator(new JdkRegexEngine());

    @Property
    void nequalsIsTheNegationOfEqualsForAnyPresentValue(@ForAll("values") Object value,
                                                        @ForAll("values") Object pattern) {
        assertThat(matches(value, CriteriaOperator.NEQUALS, pattern))
                .isEqualTo(!matches(value, CriteriaOperator.EQUALS, pattern));
    }

    @Property
    void inMatchesExactlyWhenSomeMemberEqualsTheValue(@ForAll("values") Object value,
                                                      @ForAll("lists") List<Object> members) {
        boolean someMemberEquals = members.stream().anyMatch(member -> matches(value, CriteriaOperator.EQUALS, member));

        assertThat(matches(value, CriteriaOperator.IN, members)).isEqualTo(someMemberEquals);
        assertThat(matches(value, CriteriaOperator.NIN, members)).isEqualTo(!someMemberEquals);
    }

    @Provide
    Arbitrary<Object> values() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(4),
                Arbitraries.integers().between(-3, 3).map(i -> (Object) i),
                Arbitraries.of(0.0, 1.0, 1.5, -2.0).map(d -> (Object) d),
                Arbitraries.of("1", "1.0", "-2", "1.5", "1e0").map(s -> (Object) s),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.of(List.of(), List.of(1), List.of("1"), Map.of("a", 1)).map(v -> (Object) v));
    }

    @Provide
    Arbitrary<List<Object>> lists() {
        return values().list().ofMaxSize(5);
    }

    private boolean matches(Object value, CriteriaOperator operator, Object pattern) {
        Criteria criteria = new Criteria(List.of(new Criterion("trigger.field", operator, pattern)));
        return evaluator.evaluate(criteria, Map.of("field", value), Instant.EPOCH).matched();
    }
}
