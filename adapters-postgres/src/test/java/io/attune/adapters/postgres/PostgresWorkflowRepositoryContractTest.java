package io.attune.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.attune.application.contract.WorkflowRepositoryContract;
import io.attune.application.port.out.ExecutionRepository;
import io.attune.application.port.out.TransactionRunner;
import io.attune.application.port.out.WorkflowRepository;
import io.attune.domain.common.Ref;
import io.attune.domain.execution.Execution;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The WorkflowRepositoryContract run by the PostgreSQL adapter's beans on a real PostgreSQL, and what only a database
 * with row locks shows: a timer another transaction holds is skipped, not waited for.
 */
class PostgresWorkflowRepositoryContractTest extends WorkflowRepositoryContract {

    @Override
    protected TransactionRunner transactions() {
        return TestDatabase.bean(TransactionRunner.class);
    }

    @Override
    protected void resetStorage() {
        TestDatabase.reset();
    }

    @Override
    protected WorkflowRepository workflows() {
        return TestDatabase.bean(WorkflowRepository.class);
    }

    @Override
    protected ExecutionRepository executions() {
        return TestDatabase.bean(ExecutionRepository.class);
    }

    @Test
    void aDueTimerHeldByAnotherTransactionIsSkippedNotWaitedFor() throws Exception {
        Instant t0 = Instant.parse("2031-02-03T04:05:06Z");
        long id = transactions().inTransaction(() -> executions().insert(Execution.requested(Ref.parse("demo.flow"),
                Map.of(), Optional.empty(), OptionalLong.empty(), OptionalLong.empty(), t0))).id();
        transactions().run(() -> {
            workflows().addTimer(new WorkflowRepository.Timer(id, 0, 0, t0));
            workflows().addTimer(new WorkflowRepository.Timer(id, 1, 0, t0.plusSeconds(1)));
        });
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<List<WorkflowRepository.Timer>> first = CompletableFuture.supplyAsync(() ->
                transactions().inTransaction(() -> {
                    List<WorkflowRepository.Timer> mine = workflows().dueTimers(t0.plusSeconds(5), 1);
                    held.countDown();
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return mine;
                }));
        assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();

        List<WorkflowRepository.Timer> second = transactions().inTransaction(() ->
                workflows().dueTimers(t0.plusSeconds(5), 10));
        release.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).extracting(WorkflowRepository.Timer::run).containsExactly(0);
        assertThat(second).extracting(WorkflowRepository.Timer::run).containsExactly(1);
    }
}
