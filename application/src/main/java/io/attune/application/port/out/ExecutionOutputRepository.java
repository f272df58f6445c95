package io.attune.application.port.out;

import io.attune.domain.execution.ExecutionStatus;
import io.attune.domain.execution.OutputChunk;
import java.util.List;
import java.util.Optional;

/** Outgoing persistence port for the output chunks of running actions (see {@link OutputChunk}). */
public interface ExecutionOutputRepository {

    /**
     * Stores the chunks (of any executions) together, in one statement; nothing for an empty list. A chunk whose
     * {@code (executionId, seq)} is already stored, or whose execution does not exist, fails the whole call.
     */
    void append(List<OutputChunk> chunks);

    /**
     * The execution's status, read before its chunks, and its chunks with {@code seq > after} in {@code seq} order,
     * at most {@code limit}, of one stream when {@code stream} is given; empty when the execution does not exist.
     * Status first: once it reads terminal, every chunk written before the end is in the list (or after it).
     */
    Optional<OutputPage> after(long executionId, long after, Optional<OutputChunk.Stream> stream, int limit);

    /** An execution's status and a run of its chunks. */
    record OutputPage(ExecutionStatus status, List<OutputChunk> chunks) {
        public OutputPage {
            chunks = List.copyOf(chunks);
        }
    }
}
