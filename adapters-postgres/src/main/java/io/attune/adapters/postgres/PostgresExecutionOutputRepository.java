package io.attune.adapters.postgres;

import io.attune.application.port.out.ExecutionOutputRepository;
import io.attune.domain.execution.ExecutionStatus;
import io.attune.domain.execution.OutputChunk;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/**
 * Output chunks in {@code execution_output}: a batch is one {@code INSERT … SELECT FROM unnest(…)} whatever its size;
 * a read is the execution's status, then a range of the primary key.
 */
@Singleton
public final class PostgresExecutionOutputRepository implements ExecutionOutputRepository {

    private final Jdbc jdbc;

    PostgresExecutionOutputRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void append(List<OutputChunk> chunks) {
        if (chunks.isEmpty()) {
            return;
        }
        Long[] ids = chunks.stream().map(OutputChunk::executionId).toArray(Long[]::new);
        Long[] seqs = chunks.stream().map(OutputChunk::seq).toArray(Long[]::new);
        String[] streams = chunks.stream().map(c -> c.stream().code()).toArray(String[]::new);
        String[] data = chunks.stream().map(OutputChunk::data).toArray(String[]::new);
        String[] at = chunks.stream().map(c -> c.at().truncatedTo(java.time.temporal.ChronoUnit.MICROS).toString()).toArray(String[]::new);
        jdbc.write(c -> Jdbc.update(c, """
                INSERT INTO execution_output (execution_id, seq, stream, data, at)
                SELECT * FROM unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::timestamptz[])""",
                ids, seqs, streams, data, at));
    }

    @Override
    public Optional<OutputPage> after(long executionId, long after, Optional<OutputChunk.Stream> stream, int limit) {
        return jdbc.read(c -> {
            Optional<ExecutionStatus> status = Jdbc.one(c, "SELECT status FROM executions WHERE id = ?",
                    row -> ExecutionStatus.fromCode(row.getString("status")).orElseThrow(), executionId);
            if (status.isEmpty()) {
                return Optional.empty();
            }
            List<OutputChunk> chunks = Jdbc.list(c, """
                            SELECT seq, stream, data, at FROM execution_output
                            WHERE execution_id = ? AND seq > ? AND (?::text IS NULL OR stream = ?::text)
                            ORDER BY seq LIMIT ?""",
                    row -> new OutputChunk(executionId, row.getLong("seq"),
                            OutputChunk.Stream.fromCode(row.getString("stream")).orElseThrow(), row.getString("data"),
                            Jdbc.instant(row, "at").orElseThrow()),
                    executionId, after, stream.map(OutputChunk.Stream::code).orElse(null),
                    stream.map(OutputChunk.Stream::code).orElse(null), limit);
            return Optional.of(new OutputPage(status.get(), chunks));
        });
    }
}
