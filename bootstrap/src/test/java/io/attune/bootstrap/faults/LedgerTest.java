package io.attune.bootstrap.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.attune.bootstrap.faults.FaultSuiteEndToEndTest.Fault;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The fault suite's checks find what they look for: an overlap past a limit, a double run, a lost tick. */
class LedgerTest {

    private static final Instant T = Instant.parse("2026-12-06T10:00:00Z");

    private static Ledger.Execution execution(long id, String key, String status, String worker, int from, int to) {
        return new Ledger.Execution(id, "faults.keyed", status, key, worker, T, T.plusMillis(from), T.plusMillis(to),
                null, null);
    }

    private static Optional<Instant[]> rows(Ledger.Execution e) {
        return Optional.of(new Instant[] {e.started(), e.finished()});
    }

    @Test
    void overlapsCountExecutionsRunningAtOncePerKeyAndIntervalsThatTouchDoNotOverlap() {
        Ledger.Limit limit = new Ledger.Limit("faults.keyed", "key", 1);
        List<Ledger.Execution> executions = List.of(execution(1, "a", "succeeded", "w", 0, 100),
                execution(2, "a", "succeeded", "w", 100, 200), execution(3, "b", "succeeded", "w", 0, 150),
                execution(4, "b", "succeeded", "w", 149, 300), execution(5, "b", "succeeded", "w", 140, 160));

        List<Ledger.Overlap> overlaps = Ledger.overlaps(executions, limit, LedgerTest::rows);

        assertThat(overlaps).extracting(Ledger.Overlap::policyKey, Ledger.Overlap::most).containsExactly(
                org.assertj.core.groups.Tuple.tuple("faults.keyed[key=a]", 1),
                org.assertj.core.groups.Tuple.tuple("faults.keyed[key=b]", 3));
        assertThat(overlaps.get(1).at()).isEqualTo(T.plusMillis(149));
    }

    @Test
    void timerChecksFindADuplicatedTickAndTheTicksMissed() {
        List<Instant> firings = List.of(T, T.plusSeconds(1), T.plusSeconds(1), T.plusSeconds(4), T.plusSeconds(5));

        assertThat(Ledger.duplicates(firings)).containsExactly(T.plusSeconds(1));
        assertThat(Ledger.gaps(firings, Duration.ofSeconds(1)))
                .containsExactly(new Ledger.Gap(T.plusSeconds(1), T.plusSeconds(4), 2));
    }

    @Test
    void executionChecksFindADoubleRunAStuckOneARunAfterItsEndAndAnAbandonmentNoKillExplains() {
        Fault killed = new Fault("worker-1", "worker", T.plusMillis(50), T.plusSeconds(1), T.plusSeconds(2));
        List<Ledger.Execution> executions = List.of(execution(1, "a", "succeeded", "worker-2", 0, 100),
                execution(2, "a", "abandoned", "worker-1", 0, 3000), execution(3, "a", "abandoned", "worker-2", 0, 3000),
                execution(4, "a", "running", "worker-2", 0, 0), execution(5, "a", "succeeded", "worker-2", 0, 100),
                execution(7, "a", "canceled", "worker-2", 0, 100));
        Map<Long, Ledger.Run> runs = Map.of(1L, new Ledger.Run(2, 2, T, T), 2L, new Ledger.Run(1, 0, T, null),
                3L, new Ledger.Run(1, 0, T, null), 4L, new Ledger.Run(1, 0, T, null), 5L, new Ledger.Run(1, 1, T, T),
                7L, new Ledger.Run(1, 1, T.plusSeconds(1), T.plusSeconds(2)));

        List<String> findings = FaultSuiteEndToEndTest.checkExecutions(executions, runs, List.of(1L, 6L), List.of(killed));

        assertThat(findings).hasSize(7).anySatisfy(f -> assertThat(f).startsWith("execution 6 was answered 201"))
                .anySatisfy(f -> assertThat(f).startsWith("ran after its end: the action of execution 7"))
                .anySatisfy(f -> assertThat(f).startsWith("execution 7 (faults.keyed) ended canceled"))
                .anySatisfy(f -> assertThat(f).startsWith("ran twice: execution 1"))
                .anySatisfy(f -> assertThat(f).startsWith("execution 1 succeeded but its action logged 2"))
                .anySatisfy(f -> assertThat(f).startsWith("execution 3 was abandoned though no kill"))
                .anySatisfy(f -> assertThat(f).startsWith("stuck: execution 4"));
    }
}
