package io.attune.benchmarks;

import io.attune.adapters.expressions.regex.Re2jRegexEngine;
import io.attune.domain.rule.criteria.CriteriaEvaluator;
import io.attune.domain.rule.criteria.CriteriaOperator;
import io.attune.domain.rule.criteria.CriteriaResult;
import io.attune.domain.rule.criteria.Criteria;
import io.attune.domain.rule.criteria.Criterion;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Throughput of {@link CriteriaEvaluator#evaluate} with 5 criteria against a small nested payload, the work the
 * rules consumer does per rule and event: all five hold; all five hold without a regex; the last one fails.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CriteriaBenchmark {

    private static final Instant NOW = Instant.parse("2026-01-31T12:00:00Z");

    private final CriteriaEvaluator evaluator = new CriteriaEvaluator(new Re2jRegexEngine());
    private Map<String, Object> payload;
    private Criteria fiveWithRegex;
    private Criteria fiveWithoutRegex;
    private Criteria fiveLastFails;

    @Setup
    public void setUp() {
        payload = Map.of(
                "severity", "critical",
                "host", Map.of("name", "web-01.eu.example.com", "cpu", 93.5),
                "tags", List.of("prod", "web", "eu"),
                "region", "eu-west-1",
                "count", 7);
        Criterion severity = new Criterion("trigger.severity", CriteriaOperator.EQUALS, "critical");
        Criterion cpu = new Criterion("trigger.host.cpu", CriteriaOperator.GREATERTHAN, 90);
        Criterion tags = new Criterion("trigger.tags", CriteriaOperator.CONTAINS, "prod");
        Criterion region = new Criterion("trigger.region", CriteriaOperator.IN, List.of("eu-central-1", "eu-west-1"));
        fiveWithRegex = new Criteria(List.of(severity, cpu, tags, region,
                new Criterion("trigger.host.name", CriteriaOperator.REGEX, "^web-\\d+\\.eu\\.")));
        fiveWithoutRegex = new Criteria(List.of(severity, cpu, tags, region,
                new Criterion("trigger.host.name", CriteriaOperator.STARTSWITH, "web-")));
        fiveLastFails = new Criteria(List.of(severity, cpu, tags, region,
                new Criterion("trigger.count", CriteriaOperator.LESSTHAN, 5)));
        requireMatched(fiveWithRegex, true);
        requireMatched(fiveWithoutRegex, true);
        requireMatched(fiveLastFails, false);
    }

    @Benchmark
    public CriteriaResult fiveMatchingWithRegex() {
        return evaluator.evaluate(fiveWithRegex, payload, NOW);
    }

    @Benchmark
    public CriteriaResult fiveMatchingWithoutRegex() {
        return evaluator.evaluate(fiveWithoutRegex, payload, NOW);
    }

    @Benchmark
    public CriteriaResult fiveLastFails() {
        return evaluator.evaluate(fiveLastFails, payload, NOW);
    }

    // A benchmark of the wrong outcome would measure the wrong path.
    private void requireMatched(Criteria criteria, boolean expected) {
        if (evaluator.evaluate(criteria, payload, NOW).matched() != expected) {
            throw new IllegalStateException("criteria " + criteria.toMap() + " should " + (expected ? "" : "not ")
                    + "match " + payload);
        }
    }
}
