package io.attune.domain.rule.criteria;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CriteriaOperatorTest {

    @Test
    void codesAreTheLowercaseStackStormNames() {
        assertThat(CriteriaOperator.EQUALS.code()).isEqualTo("equals");
        assertThat(CriteriaOperator.MATCHWILDCARD.code()).isEqualTo("matchwildcard");
        assertThat(CriteriaOperator.TIMEDIFF_LT.code()).isEqualTo("timediff_lt");
        assertThat(CriteriaOperator.NIN.code()).isEqualTo("nin");
    }

    @Test
    void everyCodeReadsBackAsItsOperator() {
        Arrays.stream(CriteriaOperator.values()).forEach(operator ->
                assertThat(CriteriaOperator.fromCode(operator.code())).contains(operator));
    }

    @Test
    void fromCodeIgnoresCase() {
        assertThat(CriteriaOperator.fromCode("TimeDiff_GT")).contains(CriteriaOperator.TIMEDIFF_GT);
        assertThat(CriteriaOperator.fromCode("EQUALS")).contains(CriteriaOperator.EQUALS);
    }

    @Test
    void fromCodeAcceptsStackStormAliases() {
        assertThat(CriteriaOperator.fromCode("eq")).contains(CriteriaOperator.EQUALS);
        assertThat(CriteriaOperator.fromCode("neq")).contains(CriteriaOperator.NEQUALS);
        assertThat(CriteriaOperator.fromCode("ieq")).contains(CriteriaOperator.IEQUALS);
        assertThat(CriteriaOperator.fromCode("lt")).contains(CriteriaOperator.LESSTHAN);
        assertThat(CriteriaOperator.fromCode("GT")).contains(CriteriaOperator.GREATERTHAN);
        assertThat(CriteriaOperator.fromCode("matchregex")).contains(CriteriaOperator.REGEX);
        assertThat(CriteriaOperator.fromCode("td_lt")).contains(CriteriaOperator.TIMEDIFF_LT);
        assertThat(CriteriaOperator.fromCode("td_gt")).contains(CriteriaOperator.TIMEDIFF_GT);
        assertThat(CriteriaOperator.fromCode("inside")).contains(CriteriaOperator.IN);
        assertThat(CriteriaOperator.fromCode("ninside")).contains(CriteriaOperator.NIN);
    }

    @Test
    void fromCodeIsEmptyForUnknownAndUnsupportedNames() {
        assertThat(CriteriaOperator.fromCode("search")).isEmpty();
        assertThat(CriteriaOperator.fromCode("istartswith")).isEmpty();
        assertThat(CriteriaOperator.fromCode("ne")).isEmpty();
        assertThat(CriteriaOperator.fromCode(" equals")).isEmpty();
        assertThat(CriteriaOperator.fromCode("")).isEmpty();
        assertThat(CriteriaOperator.fromCode(null)).isEmpty();
    }

    @Test
    void onlyExistsAndNexistsDoWithoutAPattern() {
        assertThat(Arrays.stream(CriteriaOperator.values()).filter(operator -> !operator.needsPattern()))
                .containsExactlyInAnyOrder(CriteriaOperator.EXISTS, CriteriaOperator.NEXISTS);
    }
}
