package io.attune.domain.rule.criteria;

import static io.attune.domain.rule.criteria.CriteriaOperator.CONTAINS;
import static io.attune.domain.rule.criteria.CriteriaOperator.ENDSWITH;
import static io.attune.domain.rule.criteria.CriteriaOperator.EQUALS;
import static io.attune.domain.rule.criteria.CriteriaOperator.EXISTS;
import static io.attune.domain.rule.criteria.CriteriaOperator.GREATERTHAN;
import static io.attune.domain.rule.criteria.CriteriaOperator.ICONTAINS;
import static io.attune.domain.rule.criteria.CriteriaOperator.IEQUALS;
import static io.attune.domain.rule.criteria.CriteriaOperator.IN;
import static io.attune.domain.rule.criteria.CriteriaOperator.IREGEX;
import static io.attune.domain.rule.criteria.CriteriaOperator.LESSTHAN;
import static io.attune.domain.rule.criteria.CriteriaOperator.MATCHWILDCARD;
import static io.attune.domain.rule.criteria.CriteriaOperator.NCONTAINS;
import static io.attune.domain.rule.criteria.CriteriaOperator.NEQUALS;
import static io.attune.domain.rule.criteria.CriteriaOperator.NEXISTS;
import static io.attune.domain.rule.criteria.CriteriaOperator.NIN;
import static io.attune.domain.rule.criteria.CriteriaOperator.REGEX;
import static io.attune.domain.rule.criteria.CriteriaOperator.STARTSWITH;
import static io.attune.domain.rule.criteria.CriteriaOperator.TIMEDIFF_GT;
import static io.attune.domain.rule.criteria.CriteriaOperator.TIMEDIFF_LT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.attune.domain.fake.JdkRegexEngine;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CriteriaEvaluatorTest {

    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

    private final CriteriaEvaluator evaluator = new CriteriaEvaluator(new JdkRegexEngine());

    /** Evaluates one criterion on {@code trigger.field} holding {@code value}. */
    private CriteriaResult evaluate(Object value, CriteriaOperator operator, Object pattern) {
        Map<String, Object> payload = new HashMap<>();
        payload.put("field", value);
        Criteria criteria = new Criteria(List.of(new Criterion("trigger.field", operator, pattern)));
        return evaluator.evaluate(criteria, payload, NOW);
    }

    private boolean matches(Object value, CriteriaOperator operator, Object pattern) {
        return evaluate(value, operator, pattern).matched();
    }

    private String reason(Object value, CriteriaOperator operator, Object pattern) {
        CriteriaResult result = evaluate(value, operator, pattern);
        assertThat(result).isInstanceOf(CriteriaResult.NotMatched.class);
        return ((CriteriaResult.NotMatched) result).reason();
    }

    @Test
    void noCriteriaMatchAnyPayload() {
        assertThat(evaluator.evaluate(Criteria.none(), Map.of(), NOW)).isEqualTo(new CriteriaResult.Matched());
    }

    @Test
    void refusesMissingArguments() {
        assertThatIllegalArgumentException().isThrownBy(() -> evaluator.evaluate(Criteria.none(), null, NOW));
        assertThatIllegalArgumentException().isThrownBy(() -> evaluator.evaluate(Criteria.none(), Map.of(), null));
        assertThatIllegalArgumentException().isThrownBy(() -> evaluator.evaluate(null, Map.of(), NOW));
    }

    @Nested
    class AllCriteria {

        private final Criterion critical = new Criterion("trigger.severity", EQUALS, "critical");
        private final Criterion webHost = new Criterion("trigger.host", STARTSWITH, "web-");
        private final Criterion busy = new Criterion("trigger.load", GREATERTHAN, 2);
        private final Criteria criteria = new Criteria(List.of(critical, webHost, busy));

        @Test
        void matchWhenEveryCriterionHolds() {
            Map<String, Object> payload = Map.of("severity", "critical", "host", "web-1", "load", 3.5);

            assertThat(evaluator.evaluate(criteria, payload, NOW).matched()).isTrue();
        }

        @Test
        void reportTheFirstFailingCriterionInOrder() {
            Map<String, Object> payload = Map.of("severity", "critical", "host", "db-1", "load", 0);

            CriteriaResult result = evaluator.evaluate(criteria, payload, NOW);

            assertThat(result.matched()).isFalse();
            assertThat(result).isEqualTo(new CriteriaResult.NotMatched(webHost,
                    "trigger.host is 'db-1', which does not start with 'web-'"));
        }

        @Test
        void reportTheEarliestFailureEvenWhenLaterOnesFailToo() {
            Map<String, Object> payload = Map.of("severity", "minor", "host", "db-1", "load", 0);

            assertThat(evaluator.evaluate(criteria, payload, NOW))
                    .isInstanceOfSatisfying(CriteriaResult.NotMatched.class,
                            notMatched -> assertThat(notMatched.criterion()).isEqualTo(critical));
        }
    }

    @Nested
    class Paths {

        private final Map<String, Object> payload = Map.of(
                "host", Map.of("name", "web-1", "tags", List.of("prod", "eu")),
                "items", List.of(Map.of("name", "disk"), Map.of("name", "cpu")));

        private CriteriaResult evaluate(String path, CriteriaOperator operator, Object pattern) {
            return evaluator.evaluate(new Criteria(List.of(new Criterion(path, operator, pattern))), payload, NOW);
        }

        @Test
        void resolveThroughNestedMaps() {
            assertThat(evaluate("trigger.host.name", EQUALS, "web-1").matched()).isTrue();
        }

        @Test
        void resolveIntoListsByIndex() {
            assertThat(evaluate("trigger.items.1.name", EQUALS, "cpu").matched()).isTrue();
            assertThat(evaluate("trigger.host.tags.0", EQUALS, "prod").matched()).isTrue();
        }

        @Test
        void treatAnIndexPastTheEndAsMissing() {
            assertThat(evaluate("trigger.items.2.name", EXISTS, null))
                    .isInstanceOfSatisfying(CriteriaResult.NotMatched.class, notMatched ->
                            assertThat(notMatched.reason()).isEqualTo(
                                    "trigger.items.2.name is missing: trigger.items is a list of 2 with no index '2'"));
            assertThat(evaluate("trigger.items.2.name", NEXISTS, null).matched()).isTrue();
        }

        @Test
        void treatANonNumericSegmentIntoAListAsMissing() {
            assertThat(evaluate("trigger.items.first", EXISTS, null).matched()).isFalse();
            assertThat(evaluate("trigger.items.-1", EXISTS, null).matched()).isFalse();
            assertThat(evaluate("trigger.items.99999999999999", EXISTS, null).matched()).isFalse();
        }

        @Test
        void treatASegmentBelowAScalarAsMissing() {
            assertThat(evaluate("trigger.host.name.first", EQUALS, "w"))
                    .isInstanceOfSatisfying(CriteriaResult.NotMatched.class, notMatched ->
                            assertThat(notMatched.reason()).isEqualTo("trigger.host.name.first is missing: "
                                    + "trigger.host.name is a string, not a map or list"));
        }

        @Test
        void treatAMissingKeyAsANonMatchWithAReason() {
            assertThat(evaluate("trigger.host.ip", EQUALS, "10.0.0.1"))
                    .isInstanceOfSatisfying(CriteriaResult.NotMatched.class, notMatched ->
                            assertThat(notMatched.reason())
                                    .isEqualTo("trigger.host.ip is missing: trigger.host has no key 'ip'"));
        }

        @Test
        void failEveryOperatorButNexistsOnAMissingField() {
            Map<CriteriaOperator, Object> patterns = new HashMap<>();
            Arrays.stream(CriteriaOperator.values()).forEach(operator -> patterns.put(operator, "1"));
            patterns.put(IN, List.of("1"));
            patterns.put(NIN, List.of("1"));

            Arrays.stream(CriteriaOperator.values()).forEach(operator ->
                    assertThat(evaluate("trigger.absent", operator, patterns.get(operator)).matched())
                            .as(operator.code())
                            .isEqualTo(operator == NEXISTS));
        }
    }

    @Nested
    class NullValues {

        @Test
        void doNotExist() {
            assertThat(matches(null, EXISTS, null)).isFalse();
            assertThat(reason(null, EXISTS, null)).isEqualTo("trigger.field is null");
            assertThat(matches(null, NEXISTS, null)).isTrue();
        }

        @Test
        void failNegatedOperatorsToo() {
            assertThat(matches(null, NEQUALS, "x")).isFalse();
            assertThat(matches(null, NCONTAINS, "x")).isFalse();
            assertThat(matches(null, NIN, List.of("x"))).isFalse();
        }

        @Test
        void inTheMiddleOfAPathMakeTheFieldMissing() {
            Map<String, Object> host = new HashMap<>();
            host.put("name", null);
            Criteria criteria = new Criteria(List.of(new Criterion("trigger.host.name.first", EXISTS, null)));

            assertThat(evaluator.evaluate(criteria, Map.of("host", host), NOW))
                    .isEqualTo(new CriteriaResult.NotMatched(criteria.criteria().getFirst(),
                            "trigger.host.name.first is missing: trigger.host.name is null"));
        }
    }

    @Nested
    class Exists {

        @Test
        void existsMatchesAnyPresentValue() {
            assertThat(matches("", EXISTS, null)).isTrue();
            assertThat(matches(false, EXISTS, null)).isTrue();
            assertThat(matches(List.of(), EXISTS, null)).isTrue();
        }

        @Test
        void nexistsDoesNotMatchAPresentValue() {
            assertThat(reason(0, NEXISTS, null)).isEqualTo("trigger.field exists: 0");
        }
    }

    @Nested
    class Equality {

        @Test
        void equalsMatchesTheSameString() {
            assertThat(matches("critical", EQUALS, "critical")).isTrue();
        }

        @Test
        void equalsDoesNotMatchADifferentStringWithAReason() {
            assertThat(reason("warning", EQUALS, "critical"))
                    .isEqualTo("trigger.field is 'warning', not equal to 'critical'");
        }

        @Test
        void equalsIsCaseSensitive() {
            assertThat(matches("Critical", EQUALS, "critical")).isFalse();
        }

        @Test
        void equalsComparesNumbersByValue() {
            assertThat(matches(1, EQUALS, 1.0)).isTrue();
            assertThat(matches(2L, EQUALS, new BigDecimal("2.000"))).isTrue();
            assertThat(matches(new BigInteger("12345678901234567890"), EQUALS, new BigDecimal("12345678901234567890")))
                    .isTrue();
            assertThat(matches(1, EQUALS, 1.5)).isFalse();
        }

        @Test
        void equalsComparesANumberWithANumericStringByValue() {
            assertThat(matches(5, EQUALS, "5")).isTrue();
            assertThat(matches("5.0", EQUALS, 5)).isTrue();
            assertThat(matches("5", EQUALS, 6)).isFalse();
        }

        @Test
        void equalsComparesTwoNumericStringsExactly() {
            assertThat(matches("5", EQUALS, "5.0")).isFalse();
        }

        @Test
        void equalsDoesNotMatchANumberWithANonNumericString() {
            assertThat(matches(5, EQUALS, "five")).isFalse();
        }

        @Test
        void equalsKeepsBooleansApartFromStringsAndNumbers() {
            assertThat(matches(true, EQUALS, true)).isTrue();
            assertThat(matches(true, EQUALS, "true")).isFalse();
            assertThat(matches(true, EQUALS, 1)).isFalse();
        }

        @Test
        void equalsComparesListsAndMapsByContentWithNumericElements() {
            assertThat(matches(List.of(1, "a"), EQUALS, List.of(1.0, "a"))).isTrue();
            assertThat(matches(List.of(1, "a"), EQUALS, List.of("a", 1))).isFalse();
            assertThat(matches(Map.of("a", 1), EQUALS, Map.of("a", 1.0))).isTrue();
            assertThat(matches(Map.of("a", 1), EQUALS, Map.of("b", 1))).isFalse();
            assertThat(matches(List.of("a"), EQUALS, "a")).isFalse();
        }

        @Test
        void nequalsMatchesADifferentValue() {
            assertThat(matches("warning", NEQUALS, "critical")).isTrue();
            assertThat(matches(List.of("a"), NEQUALS, "a")).isTrue();
        }

        @Test
        void nequalsDoesNotMatchAnEqualValue() {
            assertThat(reason(1, NEQUALS, "1.0")).isEqualTo("trigger.field is 1, equal to '1.0'");
        }

        @Test
        void iequalsIgnoresCase() {
            assertThat(matches("CRITICAL", IEQUALS, "Critical")).isTrue();
        }

        @Test
        void iequalsDoesNotMatchADifferentWord() {
            assertThat(reason("major", IEQUALS, "Critical"))
                    .isEqualTo("trigger.field is 'major', not equal ignoring case to 'Critical'");
        }

        @Test
        void iequalsReadsNumbersAndBooleansAsText() {
            assertThat(matches(true, IEQUALS, "TRUE")).isTrue();
            assertThat(matches(42, IEQUALS, "42")).isTrue();
        }

        @Test
        void iequalsDoesNotApplyToAList() {
            assertThat(reason(List.of("a"), IEQUALS, "a"))
                    .isEqualTo("trigger.field is a list, not text, so iequals does not apply");
        }
    }

    @Nested
    class Comparison {

        @Test
        void lessthanMatchesASmallerNumber() {
            assertThat(matches(3, LESSTHAN, 5)).isTrue();
            assertThat(matches(4.99, LESSTHAN, "5")).isTrue();
        }

        @Test
        void lessthanDoesNotMatchAnEqualOrGreaterNumber() {
            assertThat(matches(5.0, LESSTHAN, 5)).isFalse();
            assertThat(reason(7, LESSTHAN, 5)).isEqualTo("trigger.field is 7, not less than 5");
        }

        @Test
        void greaterthanMatchesALargerNumber() {
            assertThat(matches(new BigDecimal("5.0000001"), GREATERTHAN, 5)).isTrue();
            assertThat(matches(-1, GREATERTHAN, "-1.5")).isTrue();
        }

        @Test
        void greaterthanDoesNotMatchAnEqualOrSmallerNumber() {
            assertThat(matches(5, GREATERTHAN, "5.0")).isFalse();
            assertThat(reason(1, GREATERTHAN, 2)).isEqualTo("trigger.field is 1, not greater than 2");
        }

        @Test
        void comparisonsReadANumericStringField() {
            assertThat(matches("10", GREATERTHAN, 9)).isTrue();
            assertThat(matches("1e3", GREATERTHAN, 999)).isTrue();
        }

        @Test
        void lessthanDoesNotMatchANonNumericString() {
            assertThat(reason("high", LESSTHAN, 5))
                    .isEqualTo("trigger.field is 'high', not a number, so lessthan does not apply");
        }

        @Test
        void comparisonsDoNotApplyToListsMapsOrBooleans() {
            assertThat(matches(List.of(1), LESSTHAN, 5)).isFalse();
            assertThat(matches(Map.of("a", 1), GREATERTHAN, 0)).isFalse();
            assertThat(matches(true, GREATERTHAN, 0)).isFalse();
        }

        @Test
        void comparisonsDoNotApplyToInfinityOrNaN() {
            assertThat(matches(Double.POSITIVE_INFINITY, GREATERTHAN, 0)).isFalse();
            assertThat(matches(Double.NaN, LESSTHAN, 0)).isFalse();
            assertThat(matches(Double.NaN, GREATERTHAN, 0)).isFalse();
        }
    }

    @Nested
    class Containment {

        @Test
        void containsFindsASubstring() {
            assertThat(matches("disk /var is full", CONTAINS, "full")).isTrue();
        }

        @Test
        void containsDoesNotFindAMissingSubstring() {
            assertThat(reason("disk /var is full", CONTAINS, "empty"))
                    .isEqualTo("trigger.field is 'disk /var is full', which does not contain 'empty'");
        }

        @Test
        void containsLooksForANumberPatternInTheText() {
            assertThat(matches("HTTP 500 error", CONTAINS, 500)).isTrue();
        }

        @Test
        void containsFindsAnEqualListElement() {
            assertThat(matches(List.of("prod", "eu"), CONTAINS, "eu")).isTrue();
            assertThat(matches(List.of(1, 2), CONTAINS, 2.0)).isTrue();
            assertThat(matches(List.of(Map.of("id", 1)), CONTAINS, Map.of("id", 1))).isTrue();
        }

        @Test
        void containsOnAListComparesWholeElementsNotSubstrings() {
            assertThat(matches(List.of("production"), CONTAINS, "prod")).isFalse();
        }

        @Test
        void containsFindsAMapKey() {
            assertThat(matches(Map.of("disk", 90), CONTAINS, "disk")).isTrue();
            assertThat(matches(Map.of("disk", 90), CONTAINS, 90)).isFalse();
        }

        @Test
        void containsDoesNotApplyToANumber() {
            assertThat(reason(500, CONTAINS, "5"))
                    .isEqualTo("trigger.field is a number, not a string, list or map, so contains does not apply");
        }

        @Test
        void containsCannotLookForAListInAString() {
            assertThat(reason("abc", CONTAINS, List.of("a")))
                    .isEqualTo("trigger.field is a string, which contains cannot search for a list");
        }

        @Test
        void ncontainsMatchesWhenTheSubstringIsAbsent() {
            assertThat(matches("all good", NCONTAINS, "error")).isTrue();
            assertThat(matches(List.of("prod"), NCONTAINS, "dev")).isTrue();
            assertThat(matches(Map.of("a", 1), NCONTAINS, "b")).isTrue();
        }

        @Test
        void ncontainsDoesNotMatchWhenTheSubstringIsPresent() {
            assertThat(reason("an error", NCONTAINS, "error"))
                    .isEqualTo("trigger.field is 'an error', which contains 'error'");
            assertThat(matches(List.of("prod"), NCONTAINS, "prod")).isFalse();
        }

        @Test
        void ncontainsDoesNotMatchWhereContainsDoesNotApply() {
            assertThat(matches(42, NCONTAINS, "x")).isFalse();
            assertThat(matches(true, NCONTAINS, "x")).isFalse();
        }

        @Test
        void icontainsIgnoresCaseInTextListsAndKeys() {
            assertThat(matches("Disk FULL", ICONTAINS, "full")).isTrue();
            assertThat(matches(List.of("PROD"), ICONTAINS, "prod")).isTrue();
            assertThat(matches(Map.of("Disk", 1), ICONTAINS, "DISK")).isTrue();
        }

        @Test
        void icontainsDoesNotMatchAnAbsentWord() {
            assertThat(matches("Disk FULL", ICONTAINS, "empty")).isFalse();
            assertThat(matches(List.of("PROD"), ICONTAINS, "dev")).isFalse();
        }
    }

    @Nested
    class Text {

        @Test
        void startswithMatchesAPrefix() {
            assertThat(matches("web-01", STARTSWITH, "web-")).isTrue();
        }

        @Test
        void startswithDoesNotMatchElsewhere() {
            assertThat(matches("my-web-01", STARTSWITH, "web-")).isFalse();
        }

        @Test
        void endswithMatchesASuffix() {
            assertThat(matches("backup.tar.gz", ENDSWITH, ".gz")).isTrue();
            assertThat(matches(1500, ENDSWITH, "00")).isTrue();
        }

        @Test
        void endswithDoesNotMatchElsewhere() {
            assertThat(reason("backup.gz.tmp", ENDSWITH, ".gz"))
                    .isEqualTo("trigger.field is 'backup.gz.tmp', which does not end with '.gz'");
        }

        @Test
        void textOperatorsDoNotApplyToMaps() {
            assertThat(reason(Map.of("a", "b"), STARTSWITH, "a"))
                    .isEqualTo("trigger.field is a map, not text, so startswith does not apply");
            assertThat(matches(Map.of("a", "b"), REGEX, "a")).isFalse();
            assertThat(matches(List.of("a"), MATCHWILDCARD, "*")).isFalse();
        }
    }

    @Nested
    class Wildcards {

        @Test
        void starAndQuestionMarkCoverTheWholeText() {
            assertThat(matches("web-01.example.com", MATCHWILDCARD, "web-??.*")).isTrue();
            assertThat(matches("web-1.example.com", MATCHWILDCARD, "web-??.*")).isFalse();
            assertThat(matches("my-web-01", MATCHWILDCARD, "web-*")).isFalse();
        }

        @Test
        void starMatchesAcrossLineBreaks() {
            assertThat(matches("line one\nline two", MATCHWILDCARD, "line*two")).isTrue();
        }

        @Test
        void dotsAreLiteral() {
            assertThat(matches("app.log", MATCHWILDCARD, "app.log")).isTrue();
            assertThat(matches("appXlog", MATCHWILDCARD, "app.log")).isFalse();
        }

        @Test
        void parenthesesAndRegexSymbolsAreLiteral() {
            assertThat(matches("svc(prod)-1", MATCHWILDCARD, "svc(prod)*")).isTrue();
            assertThat(matches("svcprod-1", MATCHWILDCARD, "svc(prod)*")).isFalse();
            assertThat(matches("a+b$^{1}|c\\d", MATCHWILDCARD, "a+b$^{1}|c\\d")).isTrue();
            assertThat(matches("aab", MATCHWILDCARD, "a+b")).isFalse();
            assertThat(matches("x\\Ey", MATCHWILDCARD, "x\\E?")).isTrue();
        }

        @Test
        void bracketsMatchOneCharacterOfASet() {
            assertThat(matches("file1.log", MATCHWILDCARD, "file[12].log")).isTrue();
            assertThat(matches("file3.log", MATCHWILDCARD, "file[12].log")).isFalse();
            assertThat(matches("host-c", MATCHWILDCARD, "host-[a-c]")).isTrue();
            assertThat(matches("host-d", MATCHWILDCARD, "host-[a-c]")).isFalse();
        }

        @Test
        void bracketsWithAnExclamationMarkMatchOneCharacterOutsideTheSet() {
            assertThat(matches("xbc", MATCHWILDCARD, "[!a]bc")).isTrue();
            assertThat(matches("abc", MATCHWILDCARD, "[!a]bc")).isFalse();
        }

        @Test
        void symbolsInsideBracketsAreLiteral() {
            assertThat(matches("a^", MATCHWILDCARD, "a[$^]")).isTrue();
            assertThat(matches("a]", MATCHWILDCARD, "a[]]")).isTrue();
            assertThat(matches("a-", MATCHWILDCARD, "a[-x]")).isTrue();
            assertThat(matches("a\\", MATCHWILDCARD, "a[\\]")).isTrue();
            assertThat(matches("a&", MATCHWILDCARD, "a[&&x]")).isTrue();
            assertThat(matches("a[", MATCHWILDCARD, "a[[]")).isTrue();
            assertThat(matches("ab", MATCHWILDCARD, "a[[]")).isFalse();
        }

        @Test
        void anUnclosedBracketIsLiteral() {
            assertThat(matches("[abc", MATCHWILDCARD, "[abc")).isTrue();
            assertThat(matches("a", MATCHWILDCARD, "[abc")).isFalse();
            assertThat(matches("x[!", MATCHWILDCARD, "x[!")).isTrue();
        }

        @Test
        void wildcardsAreCaseSensitive() {
            assertThat(matches("WEB-01", MATCHWILDCARD, "web-*")).isFalse();
        }
    }

    @Nested
    class Regexes {

        @Test
        void regexFindsAMatchAnywhereLikeReSearch() {
            assertThat(matches("the disk is full", REGEX, "disk.*full")).isTrue();
            assertThat(matches("error 42", REGEX, "\\d+")).isTrue();
        }

        @Test
        void regexHonoursAnchors() {
            assertThat(matches("the disk is full", REGEX, "^disk")).isFalse();
            assertThat(matches("disk is full", REGEX, "^disk")).isTrue();
        }

        @Test
        void regexDoesNotMatchAbsentText() {
            assertThat(reason("all good", REGEX, "err(or)?"))
                    .isEqualTo("trigger.field is 'all good', with no match for the regex 'err(or)?'");
        }

        @Test
        void regexIsCaseSensitive() {
            assertThat(matches("ERROR", REGEX, "error")).isFalse();
        }

        @Test
        void regexReadsANumberAsText() {
            assertThat(matches(503, REGEX, "^5\\d\\d$")).isTrue();
            assertThat(matches(2.5, REGEX, "^2\\.5$")).isTrue();
            assertThat(matches(new BigDecimal("1E+3"), REGEX, "^1000$")).isTrue();
            assertThat(matches(new BigDecimal("1E+999999999"), REGEX, "^1E\\+999999999$")).isTrue();
        }

        @Test
        void iregexIgnoresCase() {
            assertThat(matches("ERROR: Disk", IREGEX, "error: disk")).isTrue();
            assertThat(matches("Ärger", IREGEX, "^ärger$")).isTrue();
        }

        @Test
        void iregexDoesNotMatchAbsentText() {
            assertThat(matches("all good", IREGEX, "ERROR")).isFalse();
        }
    }

    @Nested
    class Membership {

        @Test
        void inMatchesAListedValue() {
            assertThat(matches("major", IN, List.of("critical", "major"))).isTrue();
            assertThat(matches(2, IN, List.of(1.0, 2.0))).isTrue();
            assertThat(matches("2", IN, List.of(1, 2))).isTrue();
        }

        @Test
        void inDoesNotMatchAnUnlistedValue() {
            assertThat(reason("minor", IN, List.of("critical", "major")))
                    .isEqualTo("trigger.field is 'minor', not one of [critical, major]");
            assertThat(matches("Major", IN, List.of("critical", "major"))).isFalse();
        }

        @Test
        void inComparesAListValueAsAWhole() {
            assertThat(matches(List.of("a"), IN, List.of(List.of("a"), "b"))).isTrue();
            assertThat(matches(List.of("b"), IN, List.of("a", "b"))).isFalse();
        }

        @Test
        void ninMatchesAnUnlistedValue() {
            assertThat(matches("minor", NIN, List.of("critical", "major"))).isTrue();
        }

        @Test
        void ninDoesNotMatchAListedValue() {
            assertThat(reason(1, NIN, List.of("1", "2"))).isEqualTo("trigger.field is 1, one of [1, 2]");
        }
    }

    @Nested
    class TimeDifference {

        @Test
        void timediffLtMatchesARecentTimestamp() {
            assertThat(matches("2024-05-01T11:59:30Z", TIMEDIFF_LT, 60)).isTrue();
        }

        @Test
        void timediffLtDoesNotMatchAnOldTimestamp() {
            assertThat(reason("2024-05-01T11:58:00Z", TIMEDIFF_LT, 60))
                    .isEqualTo("trigger.field is 2024-05-01T11:58:00Z, 120s from now, not less than 60s");
        }

        @Test
        void timediffGtMatchesAnOldTimestamp() {
            assertThat(matches("2024-05-01T10:00:00Z", TIMEDIFF_GT, "3600")).isTrue();
        }

        @Test
        void timediffGtDoesNotMatchARecentTimestampOrTheExactBoundary() {
            assertThat(matches("2024-05-01T11:59:00Z", TIMEDIFF_GT, 3600)).isFalse();
            assertThat(matches("2024-05-01T11:00:00Z", TIMEDIFF_GT, 3600)).isFalse();
            assertThat(matches("2024-05-01T11:00:00Z", TIMEDIFF_LT, 3600)).isFalse();
        }

        @Test
        void timediffMeasuresDistanceInEitherDirection() {
            assertThat(matches("2024-05-01T12:00:30Z", TIMEDIFF_LT, 60)).isTrue();
            assertThat(matches("2024-05-01T14:00:00Z", TIMEDIFF_GT, 3600)).isTrue();
        }

        @Test
        void timediffReadsOffsetsFractionsAndPythonStyleTimestamps() {
            assertThat(matches("2024-05-01T13:59:30+02:00", TIMEDIFF_LT, 60)).isTrue();
            assertThat(matches("2024-05-01T11:59:59.500000Z", TIMEDIFF_LT, 0.6)).isTrue();
            assertThat(matches("2024-05-01 11:59:30+00:00", TIMEDIFF_LT, 60)).isTrue();
        }

        @Test
        void timediffTakesATimestampWithoutOffsetAsUtc() {
            assertThat(matches("2024-05-01T11:59:30", TIMEDIFF_LT, 60)).isTrue();
        }

        @Test
        void timediffReadsEpochSecondsAndJavaTimeValues() {
            long now = NOW.getEpochSecond();
            assertThat(matches(now - 30, TIMEDIFF_LT, 60)).isTrue();
            assertThat(matches((double) now - 90.5, TIMEDIFF_GT, 90)).isTrue();
            assertThat(matches(NOW.minusSeconds(10), TIMEDIFF_LT, 60)).isTrue();
            assertThat(matches(OffsetDateTime.parse("2024-05-01T12:00:10Z"), TIMEDIFF_LT, 60)).isTrue();
        }

        @Test
        void timediffDoesNotMatchAnUnparsableTimestamp() {
            assertThat(reason("yesterday", TIMEDIFF_LT, 60))
                    .isEqualTo("trigger.field is 'yesterday', not an ISO-8601 timestamp or a number of epoch seconds");
            assertThat(matches(true, TIMEDIFF_GT, 60)).isFalse();
            assertThat(matches(List.of(), TIMEDIFF_GT, 60)).isFalse();
            assertThat(matches(1e300, TIMEDIFF_GT, 60)).isFalse();
            assertThat(matches(new BigDecimal("1e999999999"), TIMEDIFF_GT, 60)).isFalse();
        }

        @Test
        void timediffReadsAVanishinglySmallEpochNumberAsTheEpochQuickly() {
            assertThat(matches(new BigDecimal("1e-999999999"), TIMEDIFF_GT, 60)).isTrue();
        }
    }
}
