package io.attune.application.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attune.application.port.out.ExecutionOutputRepository;
import io.attune.application.port.out.ExecutionOutputRepository.OutputPage;
import io.attune.application.port.out.ExecutionRepository;
import io.attune.domain.execution.Execution;
import io.attune.domain.execution.ExecutionStatus;
import io.attune.domain.execution.OutputChunk;
import io.attune.domain.execution.OutputChunk.Stream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What every ExecutionOutputRepository must do: store chunks of several executions in one call, read them back in seq
 * order after a seq, per stream, bounded, with the execution's status; refuse a seq stored twice.
 */
public abstract class ExecutionOutputRepositoryContract extends StorageContract {

    private static final Instant T0 = Instant.parse("2031-05-06T07:08:09.123456Z");

    protected abstract ExecutionOutputRepository outputs();

    protected abstract ExecutionRepository executions();

    private Execution execution() {
        return write(() -> executions().insert(ExecutionRepositoryContract.requested("demo.tail", T0)));
    }

    private static OutputChunk chunk(long execution, long seq, Stream stream, String data) {
        return new OutputChunk(execution, seq, stream, data, T0.plusMillis(seq));
    }

    @Test
    void readsTheChunksAfterASeqInOrderWithTheStatus() {
        long a = execution().id();
        long b = execution().id();
        write(() -> outputs().append(List.of(chunk(a, 1, Stream.STDOUT, "one\n"), chunk(b, 1, Stream.STDOUT, "other\n"),
                chunk(a, 2, Stream.STDERR, "warn: ü \"quoted\" <b>\n"))));
        write(() -> outputs().append(List.of(chunk(a, 3, Stream.STDOUT, "two\n"))));

        OutputPage all = read(() -> outputs().after(a, 0, Optional.empty(), 100)).orElseThrow();
        assertThat(all.status()).isEqualTo(ExecutionStatus.REQUESTED);
        assertThat(all.chunks()).containsExactly(chunk(a, 1, Stream.STDOUT, "one\n"),
                chunk(a, 2, Stream.STDERR, "warn: ü \"quoted\" <b>\n"), chunk(a, 3, Stream.STDOUT, "two\n"));
        assertThat(read(() -> outputs().after(a, 1, Optional.empty(), 100)).orElseThrow().chunks())
                .extracting(OutputChunk::seq).containsExactly(2L, 3L);
        assertThat(read(() -> outputs().after(a, 3, Optional.empty(), 100)).orElseThrow().chunks()).isEmpty();
        assertThat(read(() -> outputs().after(b, 0, Optional.empty(), 100)).orElseThrow().chunks())
                .containsExactly(chunk(b, 1, Stream.STDOUT, "other\n"));
    }

    @Test
    void readsOneStreamAndAtMostTheLimit() {
        long a = execution().id();
        write(() -> outputs().append(List.of(chunk(a, 1, Stream.STDOUT, "1"), chunk(a, 2, Stream.STDERR, "2"),
                chunk(a, 3, Stream.STDOUT, "3"), chunk(a, 4, Stream.STDERR, "4"))));

        assertThat(read(() -> outputs().after(a, 0, Optional.of(Stream.STDERR), 100)).orElseThrow().chunks())
                .extracting(OutputChunk::data).containsExactly("2", "4");
        assertThat(read(() -> outputs().after(a, 1, Optional.of(Stream.STDOUT), 100)).orElseThrow().chunks())
                .extracting(OutputChunk::data).containsExactly("3");
        assertThat(read(() -> outputs().after(a, 0, Optional.empty(), 2)).orElseThrow().chunks())
                .extracting(OutputChunk::seq).containsExactly(1L, 2L);
    }

    @Test
    void anUnknownExecutionHasNoPageAndAKnownOneWithoutOutputAnEmptyOne() {
        long a = execution().id();
        write(() -> outputs().append(List.of()));

        assertThat(read(() -> outputs().after(a + 1000, 0, Optional.empty(), 10))).isEmpty();
        assertThat(read(() -> outputs().after(a, 0, Optional.empty(), 10)))
                .contains(new OutputPage(ExecutionStatus.REQUESTED, List.of()));
    }

    @Test
    void refusesASeqStoredTwice() {
        long a = execution().id();
        write(() -> outputs().append(List.of(chunk(a, 1, Stream.STDOUT, "first"))));

        assertThatThrownBy(() -> write(() -> outputs().append(List.of(chunk(a, 1, Stream.STDERR, "again")))))
                .isInstanceOf(RuntimeException.class);
        assertThat(read(() -> outputs().after(a, 0, Optional.empty(), 10)).orElseThrow().chunks())
                .extracting(OutputChunk::data).containsExactly("first");
    }
}
