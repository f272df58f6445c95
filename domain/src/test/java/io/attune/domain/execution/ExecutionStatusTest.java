package io.attune.domain.execution;

import static io.attune.domain.execution.ExecutionStatus.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attune.domain.common.Ref;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ExecutionStatusTest {

    /** The table of design.md §4, written out independently of the enum so a change to either is caught. */
    private static final Map<ExecutionStatus, Set<ExecutionStatus>> ALLOWED = Map.ofEntries(
            Map.entry(REQUESTED, EnumSet.of(DELAYED, SCHEDULED, CANCELED, FAILED)),
            Map.entry(DELAYED, EnumSet.of(SCHEDULED, CANCELED, FAILED, TIMEOUT)),
            Map.entry(SCHEDULED, EnumSet.of(RUNNING, CANCELING, CANCELED, FAILED, ABANDONED, TIMEOUT)),
            Map.entry(RUNNING, EnumSet.of(PENDING, PAUSING, PAUSED, CANCELING, SUCCEEDED, FAILED, TIMEOUT, ABANDONED)),
            Map.entry(PAUSING, EnumSet.of(PAUSED, RUNNING, CANCELING, SUCCEEDED, FAILED, CANCELED)),
            Map.entry(PENDING, EnumSet.of(RUNNING, CANCELING, SUCCEEDED, CANCELED, FAILED, TIMEOUT)), // an answer ends it
            Map.entry(PAUSED, EnumSet.of(RUNNING, CANCELING, CANCELED)),
            Map.entry(CANCELING, EnumSet.of(CANCELED, SUCCEEDED, FAILED, TIMEOUT, ABANDONED)),
            Map.entry(SUCCEEDED, EnumSet.noneOf(ExecutionStatus.class)),
            Map.entry(FAILED, EnumSet.noneOf(ExecutionStatus.class)),
            Map.entry(TIMEOUT, EnumSet.noneOf(ExecutionStatus.class)),
            Map.entry(CANCELED, EnumSet.noneOf(ExecutionStatus.class)),
            Map.entry(ABANDONED, EnumSet.noneOf(ExecutionStatus.class)));

    @Test
    void everyPairOfStatusesIsAllowedExactlyWhenTheTableSaysSo() {
        for (ExecutionStatus from : values()) {
            for (ExecutionStatus to : values()) {
                assertThat(from.canMoveTo(to)).as(from + " -> " + to).isEqualTo(ALLOWED.get(from).contains(to));
            }
        }
    }

    @Test
    void terminalStatusesAreExactlyThoseWithoutSuccessors() {
        for (ExecutionStatus s : values()) {
            assertThat(s.isTerminal()).as(s.code()).isEqualTo(s.successors().isEmpty());
        }
    }

    @Test
    void onlyAdmittedUnfinishedExecutionsHoldASlot() {
        assertThat(EnumSet.allOf(ExecutionStatus.class).stream().filter(ExecutionStatus::holdsSlot))
                .containsExactlyInAnyOrder(SCHEDULED, RUNNING, PENDING, PAUSING, PAUSED, CANCELING);
    }

    @ParameterizedTest
    @EnumSource(ExecutionStatus.class)
    void codesReadBack(ExecutionStatus status) {
        assertThat(ExecutionStatus.fromCode(status.code())).contains(status);
        assertThat(ExecutionStatus.fromCode(" " + status.code().toUpperCase() + " ")).contains(status);
    }

    @Test
    void unknownCodeIsEmpty() {
        assertThat(ExecutionStatus.fromCode("completed")).isEmpty();
        assertThat(ExecutionStatus.fromCode(null)).isEmpty();
    }

    @Test
    void anExecutionRecordsTimesAsItMovesAndRefusesAnIllegalMove() {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        Execution e = Execution.requested(Ref.parse("core.noop"), Map.of(), Optional.empty(), OptionalLong.empty(),
                OptionalLong.empty(), t0).withId(7);

        Execution done = e.moveTo(SCHEDULED, t0.plusMillis(1)).startedBy("w1", t0.plusMillis(2), t0.plusSeconds(30))
                .finished(SUCCEEDED, t0.plusMillis(3), Optional.of(0), Execution.Output.none(), Optional.empty(), Optional.empty());

        assertThat(done.scheduledAt()).contains(t0.plusMillis(1));
        assertThat(done.startedAt()).contains(t0.plusMillis(2));
        assertThat(done.finishedAt()).contains(t0.plusMillis(3));
        assertThat(done.result()).isEqualTo(Optional.empty());
        assertThat(done.worker()).contains("w1");
        assertThat(done.leaseExpiresAt()).isEmpty();
        assertThatThrownBy(() -> done.moveTo(RUNNING, t0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("succeeded to running");
    }

    @Test
    void aWorkflowTaskIsKeptThroughEveryMoveAndNeedsAParent() {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        Execution.TaskOf task = new Execution.TaskOf("greet", 2, java.util.OptionalInt.of(1), 0);
        Execution child = Execution.requested(Ref.parse("core.noop"), Map.of(), Optional.empty(), OptionalLong.of(5),
                OptionalLong.empty(), Optional.of(task), t0).withId(8);

        Execution done = child.moveTo(SCHEDULED, t0).startedBy("w1", t0, t0.plusSeconds(30))
                .endedWithout(FAILED, t0.plusMillis(1), "boom");

        assertThat(done.task()).contains(task);
        assertThatThrownBy(() -> Execution.requested(Ref.parse("core.noop"), Map.of(), Optional.empty(),
                OptionalLong.empty(), OptionalLong.empty(), Optional.of(task), t0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parent");
    }
}
