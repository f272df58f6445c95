package io.attune.application.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attune.application.port.out.ExecutionRepository;
import io.attune.application.port.out.WorkflowRepository;
import io.attune.application.port.out.WorkflowRepository.PendingRerun;
import io.attune.application.port.out.WorkflowRepository.StoredState;
import io.attune.application.port.out.WorkflowRepository.Timer;
import io.attune.domain.common.Ref;
import io.attune.domain.execution.Execution;
import io.attune.domain.workflow.WorkflowSource;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** What every WorkflowRepository must do: keep a workflow's state whole, write it back by version, fire timers once. */
public abstract class WorkflowRepositoryContract extends StorageContract {

    private static final Instant T0 = Instant.parse("2031-02-03T04:05:06.789Z");
    private static final Ref FLOW = Ref.parse("demo.flow");
    private static final WorkflowSource TEXT = new WorkflowSource("actions/workflows/flow.yaml",
            "version: 1.0\ntasks:\n  a:\n    action: core.noop\n");

    protected abstract WorkflowRepository workflows();

    /** The executions the states belong to (PostgreSQL refers to them). */
    protected abstract ExecutionRepository executions();

    private long workflowExecution() {
        return write(() -> executions().insert(Execution.requested(FLOW, Map.of(), Optional.empty(), OptionalLong.empty(),
                OptionalLong.empty(), T0))).id();
    }

    @Test
    void aStoredStateReadsBackWholeAtVersionZeroWithOrWithoutALock() {
        long id = workflowExecution();
        Map<String, Object> state = Map.of("status", "running", "runs", List.of(Map.of("task", "a", "run", 0)),
                "ctx", Map.of("n", 1.5, "ok", true, "none", List.of()));
        write(() -> workflows().insert(new StoredState(id, FLOW, TEXT, state, Optional.empty(), 7)));

        StoredState expected = new StoredState(id, FLOW, TEXT, state, Optional.empty(), 0);
        assertThat(read(() -> workflows().find(id))).contains(expected);
        assertThat(write(() -> workflows().findForUpdate(id))).contains(expected);
        assertThat(read(() -> workflows().find(id + 1000))).isEmpty();
    }

    @Test
    void aSecondStateForTheSameExecutionIsRefused() {
        long id = workflowExecution();
        write(() -> workflows().insert(new StoredState(id, FLOW, TEXT, Map.of("a", 1), Optional.empty(), 0)));

        assertThatThrownBy(() -> write(() -> workflows().insert(new StoredState(id, FLOW, TEXT, Map.of("b", 2),
                Optional.empty(), 0)))).isInstanceOf(IllegalStateException.class);
        assertThat(read(() -> workflows().find(id)).orElseThrow().state()).isEqualTo(Map.of("a", 1));
    }

    @Test
    void anUpdateWritesOnlyAtTheExpectedVersionAndForgetsThePendingRerun() {
        long old = workflowExecution();
        long id = workflowExecution();
        PendingRerun rerun = new PendingRerun(old, List.of("b", "c"), List.of("c"), T0);
        write(() -> workflows().insert(new StoredState(id, FLOW, TEXT, Map.of("step", 0), Optional.of(rerun), 0)));
        assertThat(read(() -> workflows().find(id)).orElseThrow().rerun()).contains(rerun);

        assertThat(write(() -> workflows().update(id, Map.of("step", 1), 0))).isTrue();
        assertThat(write(() -> workflows().update(id, Map.of("step", 2), 0))).isFalse();

        StoredState stored = read(() -> workflows().find(id)).orElseThrow();
        assertThat(stored.state()).isEqualTo(Map.of("step", 1));
        assertThat(stored.version()).isEqualTo(1);
        assertThat(stored.rerun()).isEmpty();
        assertThat(write(() -> workflows().update(id + 1000, Map.of(), 0))).isFalse();
    }

    @Test
    void dueTimersAreTheEarliestDueOnesAndADeletedOneIsGone() {
        long id = workflowExecution();
        long other = workflowExecution();
        write(() -> {
            workflows().addTimer(new Timer(id, 1, 0, T0.plusSeconds(5)));
            workflows().addTimer(new Timer(other, 0, 2, T0.plusSeconds(1)));
            workflows().addTimer(new Timer(id, 2, 0, T0.plusSeconds(60)));
            workflows().addTimer(new Timer(id, 1, 0, T0.plusSeconds(3))); // replaces the first
        });

        assertThat(write(() -> workflows().dueTimers(T0.plusSeconds(10), 10))).containsExactly(
                new Timer(other, 0, 2, T0.plusSeconds(1)), new Timer(id, 1, 0, T0.plusSeconds(3)));
        assertThat(write(() -> workflows().dueTimers(T0.plusSeconds(10), 1))).hasSize(1);
        assertThat(write(() -> workflows().dueTimers(T0, 10))).isEmpty();

        assertThat(write(() -> workflows().deleteTimer(other, 0, 2))).isTrue();
        assertThat(write(() -> workflows().deleteTimer(other, 0, 2))).isFalse();
        assertThat(write(() -> workflows().dueTimers(T0.plusSeconds(60), 10))).containsExactly(
                new Timer(id, 1, 0, T0.plusSeconds(3)), new Timer(id, 2, 0, T0.plusSeconds(60)));
    }
}
