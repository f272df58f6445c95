package io.attune.application.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.attune.application.port.in.ExecutionQueries.WorkerView;
import io.attune.application.port.out.ExecutionRepository;
import io.attune.application.port.out.WorkerRepository;
import io.attune.domain.execution.Execution;
import io.attune.domain.execution.ExecutionStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What every WorkerRepository must do: register (and re-register) workers as active, record heartbeats and orderly
 * stops, mark silent workers lost (and active again when they heartbeat), prune the long-gone ones, and list them by
 * name with what each runs. How long a silence makes a worker lost is the caller's business (the repository reads no
 * clock).
 */
public abstract class WorkerRepositoryContract extends StorageContract {

    private static final Instant T0 = Instant.parse("2031-02-03T04:05:06.789Z");
    private static final Duration BEAT = Duration.ofSeconds(10);

    protected abstract WorkerRepository workers();

    /** The executions the running counts are taken from. */
    protected abstract ExecutionRepository executions();

    private WorkerView only(String name) {
        return read(() -> workers().list()).stream().filter(w -> w.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aRegisteredWorkerIsListedActiveWithWhatItAdvertised() {
        write(() -> workers().register("worker-1", "host-a", Set.of("shell", "python"), 4, BEAT, T0));

        assertThat(read(() -> workers().list()))
                .containsExactly(new WorkerView("worker-1", "host-a", Set.of("shell", "python"), 4, "active", T0, BEAT, T0, 0));
    }

    @Test
    void registeringAgainReplacesWhatTheWorkerAdvertisedAndMakesItActive() {
        write(() -> workers().register("worker-1", "host-a", Set.of("shell"), 4, BEAT, T0));
        write(() -> workers().stopped("worker-1", T0.plusSeconds(5)));

        write(() -> workers().register("worker-1", "host-b", Set.of("node"), 2, Duration.ofMillis(1500),
                T0.plusSeconds(10)));

        assertThat(only("worker-1")).isEqualTo(new WorkerView("worker-1", "host-b", Set.of("node"), 2, "active",
                T0.plusSeconds(10), Duration.ofMillis(1500), T0.plusSeconds(10), 0));
    }

    @Test
    void aHeartbeatRecordsItsTimeAndIsRefusedForAnUnknownWorker() {
        write(() -> workers().register("worker-1", "host-a", Set.of("shell"), 4, BEAT, T0));

        assertThat(write(() -> workers().heartbeat("worker-1", T0.plusSeconds(15)))).isTrue();
        assertThat(write(() -> workers().heartbeat("nobody", T0.plusSeconds(15)))).isFalse();

        WorkerView worker = only("worker-1");
        assertThat(worker.heartbeatAt()).isEqualTo(T0.plusSeconds(15));
        assertThat(worker.startedAt()).isEqualTo(T0);
        assertThat(worker.status()).isEqualTo("active");
        assertThat(read(() -> workers().list())).extracting(WorkerView::name).containsExactly("worker-1");
    }

    @Test
    void aStoppedWorkerIsListedAsStopped() {
        write(() -> workers().register("worker-1", "host-a", Set.of("shell"), 4, BEAT, T0));
        write(() -> workers().stopped("worker-1", T0.plusSeconds(5)));
        write(() -> workers().stopped("nobody", T0.plusSeconds(5)));

        assertThat(only("worker-1").status()).isEqualTo("stopped");
        assertThat(read(() -> workers().list())).hasSize(1);
    }

    @Test
    void workersAreListedByNameEachWithTheNumberOfExecutionsItIsRunningOrCanceling() {
        write(() -> workers().register("worker-b", "h", Set.of("shell"), 4, BEAT, T0));
        write(() -> workers().register("worker-a", "h", Set.of("shell"), 4, BEAT, T0));
        write(() -> workers().register("worker-c", "h", Set.of("shell"), 4, BEAT, T0));
        Execution running = start("worker-a");
        Execution canceling = start("worker-a");
        assertThat(write(() -> executions().update(canceling.moveTo(ExecutionStatus.CANCELING, T0.plusSeconds(3)),
                ExecutionStatus.RUNNING))).isTrue();
        Execution finished = start("worker-a");
        assertThat(write(() -> executions().update(finished.finished(ExecutionStatus.SUCCEEDED, T0.plusSeconds(3),
                Optional.of(0), Execution.Output.none(), Optional.empty(), Optional.empty()), ExecutionStatus.RUNNING)))
                .isTrue();
        start("worker-b");

        assertThat(read(() -> workers().list())).extracting(WorkerView::name, WorkerView::running)
                .containsExactly(tuple("worker-a", 2),
                        tuple("worker-b", 1),
                        tuple("worker-c", 0));
        assertThat(running.worker()).contains("worker-a");
    }

    private Execution start(String worker) {
        Execution requested = write(() -> executions().insert(ExecutionRepositoryContract.requested("demo.greet", T0)));
        Execution scheduled = requested.moveTo(ExecutionStatus.SCHEDULED, T0.plusSeconds(1));
        Execution started = scheduled.startedBy(worker, T0.plusSeconds(2), T0.plusSeconds(60));
        write(() -> {
            assertThat(executions().update(scheduled, ExecutionStatus.REQUESTED)).isTrue();
            assertThat(executions().update(started, ExecutionStatus.SCHEDULED)).isTrue();
        });
        return started;
    }

    @Test
    void activeWorkersThatMissedTheirHeartbeatsAreMarkedLostOnceEachByItsOwnInterval() {
        write(() -> workers().register("worker-a", "h", Set.of("shell"), 4, BEAT, T0));
        write(() -> workers().register("worker-b", "h", Set.of("shell"), 4, BEAT, T0));
        write(() -> workers().register("worker-c", "h", Set.of("shell"), 4, BEAT, T0));
        write(() -> workers().register("worker-d", "h", Set.of("shell"), 4, Duration.ofSeconds(20), T0));
        write(() -> workers().heartbeat("worker-b", T0.plusSeconds(40)));
        write(() -> workers().stopped("worker-c", T0.plusSeconds(1)));

        assertThat(write(() -> workers().markLost(T0.plusSeconds(30), 3))).as("exactly three missed").isEmpty();
        assertThat(write(() -> workers().markLost(T0.plusMillis(30_001), 3))).containsExactly("worker-a");
        assertThat(write(() -> workers().markLost(T0.plusSeconds(31), 3))).isEmpty();
        assertThat(write(() -> workers().markLost(T0.plusSeconds(61), 3))).containsExactly("worker-d");

        assertThat(read(() -> workers().list())).extracting(WorkerView::name, WorkerView::status, WorkerView::heartbeatAt)
                .containsExactly(tuple("worker-a", "lost", T0),
                        tuple("worker-b", "active", T0.plusSeconds(40)),
                        tuple("worker-c", "stopped", T0),
                        tuple("worker-d", "lost", T0));
    }

    @Test
    void aDrainingWorkerIsListedDrainingAndIsLostWhenItFallsSilent() {
        write(() -> workers().register("worker-a", "h", Set.of("shell"), 4, BEAT, T0));
        write(() -> workers().draining("worker-a", T0.plusSeconds(1)));
        write(() -> workers().draining("nobody", T0.plusSeconds(1)));

        assertThat(only("worker-a").status()).isEqualTo("draining");
        assertThat(only("worker-a").heartbeatAt()).isEqualTo(T0);
        assertThat(write(() -> workers().markLost(T0.plusSeconds(30), 3))).isEmpty();
        assertThat(write(() -> workers().markLost(T0.plusSeconds(31), 3))).containsExactly("worker-a");
        assertThat(only("worker-a").status()).isEqualTo("lost");
    }

    @Test
    void aLostWorkerThatHeartbeatsIsActiveAgain() {
        write(() -> workers().register("worker-a", "h", Set.of("shell"), 4, BEAT, T0));
        assertThat(write(() -> workers().markLost(T0.plusSeconds(31), 3))).containsExactly("worker-a");

        assertThat(write(() -> workers().heartbeat("worker-a", T0.plusSeconds(40)))).isTrue();

        assertThat(only("worker-a").status()).isEqualTo("active");
        assertThat(only("worker-a").heartbeatAt()).isEqualTo(T0.plusSeconds(40));
    }

    @Test
    void pruningDeletesOnlyLostAndStoppedWorkersSilentSinceBeforeTheGivenTime() {
        write(() -> workers().register("lost-old", "h", Set.of("shell"), 4, BEAT, T0));
        write(() -> workers().register("stopped-old", "h", Set.of("shell"), 4, BEAT, T0));
        write(() -> workers().register("active-old", "h", Set.of("shell"), 4, BEAT, T0));
        write(() -> workers().register("lost-recent", "h", Set.of("shell"), 4, BEAT, T0.plusSeconds(100)));
        write(() -> workers().markLost(T0.plusSeconds(200), 3));
        write(() -> workers().stopped("stopped-old", T0.plusSeconds(1)));
        write(() -> workers().register("active-old", "h", Set.of("shell"), 4, BEAT, T0));

        assertThat(write(() -> workers().prune(T0.plusSeconds(50)))).isEqualTo(2);

        assertThat(read(() -> workers().list())).extracting(WorkerView::name, WorkerView::status)
                .containsExactly(tuple("active-old", "active"), tuple("lost-recent", "lost"));
    }

    @Test
    void aWorkerIsFoundByNameWithWhatItRuns() {
        write(() -> workers().register("worker-a", "h", Set.of("shell"), 4, BEAT, T0));
        start("worker-a");

        assertThat(read(() -> workers().find("worker-a"))).hasValueSatisfying(w -> {
            assertThat(w.status()).isEqualTo("active");
            assertThat(w.running()).isEqualTo(1);
        });
        assertThat(read(() -> workers().find("nobody"))).isEmpty();
    }
}
