/** The Attune domain: the model and the pure logic (state machine, admission, criteria, workflows). JDK only. */
module io.attune.domain {
    exports io.attune.domain.common;
    exports io.attune.domain.pack;
    exports io.attune.domain.action;
    exports io.attune.domain.identity;
    exports io.attune.domain.inquiry;
    exports io.attune.domain.trigger;
    exports io.attune.domain.sensor;
    exports io.attune.domain.rule;
    exports io.attune.domain.rule.criteria;
    exports io.attune.domain.policy;
    exports io.attune.domain.event;
    exports io.attune.domain.audit;
    exports io.attune.domain.enforcement;
    exports io.attune.domain.execution;
    exports io.attune.domain.key;
    exports io.attune.domain.admission;
    exports io.attune.domain.timer;
    exports io.attune.domain.workflow;
    exports io.attune.domain.workflow.expr;
}
