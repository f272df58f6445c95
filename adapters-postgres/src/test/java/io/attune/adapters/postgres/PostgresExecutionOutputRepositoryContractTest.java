package io.attune.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.attune.application.contract.ExecutionOutputRepositoryContract;
import io.attune.application.contract.ExecutionRepositoryContract;
import io.attune.application.port.out.ExecutionOutputRepository;
import io.attune.application.port.out.ExecutionRepository;
import io.attune.application.port.out.RetentionStore;
import io.attune.application.port.out.TransactionRunner;
import io.attune.domain.execution.Execution;
import io.attune.domain.execution.ExecutionStatus;
import io.attune.domain.execution.OutputChunk;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The ExecutionOutputRepositoryContract run by the PostgreSQL adapter's beans on a real PostgreSQL. */
class PostgresExecutionOutputRepositoryContractTest extends ExecutionOutputRepositoryContract {

    @Override
    protected TransactionRunner transactions() {
        return TestDatabase.bean(TransactionRunner.class);
    }

    @Override
    protected void resetStorage() {
        TestDatabase.reset();
    }

    @Override
    protected ExecutionOutputRepository outputs() {
        return TestDatabase.bean(ExecutionOutputRepository.class);
    }

    @Override
    protected ExecutionRepository executions() {
        return TestDatabase.bean(ExecutionRepository.class);
    }

    @Test
    void retentionDeletesTheChunksWithTheirExecution() {
        Instant t = Instant.parse("2031-05-06T07:08:09Z");
        Execution requested = write(() -> executions().insert(ExecutionRepositoryContract.requested("demo.tail", t)));
        Execution ended = requested.moveTo(ExecutionStatus.SCHEDULED, t).endedWithout(ExecutionStatus.FAILED, t, "x");
        write(() -> executions().update(ended, ExecutionStatus.REQUESTED));
        write(() -> outputs().append(List.of(new OutputChunk(ended.id(), 1, OutputChunk.Stream.STDOUT, "x", t))));

        assertThat(write(() -> TestDatabase.bean(RetentionStore.class)
                .deleteExecutionsFinishedBefore(t.plusSeconds(1), 10))).isEqualTo(1);

        assertThat(read(() -> outputs().after(ended.id(), 0, Optional.empty(), 10))).isEmpty();
    }
}
