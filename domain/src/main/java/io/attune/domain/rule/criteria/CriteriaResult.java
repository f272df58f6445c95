package io.attune.domain.rule.criteria;

/** The outcome of evaluating a rule's criteria against one trigger payload. */
public sealed interface CriteriaResult permits CriteriaResult.Matched, CriteriaResult.NotMatched {

    /** Whether every criterion held. */
    boolean matched();

    /** Every criterion held: the rule fires. */
    record Matched() implements CriteriaResult {
        @Override
        public boolean matched() {
            return true;
        }
    }

    /** The first criterion, in order, that did not hold, and why in words fit for an operator's eyes. */
    record NotMatched(Criterion criterion, String reason) implements CriteriaResult {
        public NotMatched {
            if (criterion == null) {
                throw new IllegalArgumentException("a non-match names the criterion that failed");
            }
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("a non-match says why");
            }
        }

        @Override
        public boolean matched() {
            return false;
        }
    }
}
