package io.attune.application.port.in;

import io.attune.domain.execution.ExecutionStatus;
import io.attune.domain.execution.OutputChunk;
import java.util.List;
import java.util.Optional;

/** Following what an action prints while it runs (and reading it afterwards, until retention deletes it). */
public interface ExecutionOutputs {

    /** The most chunks one read returns; ask again with the last seq for the rest. */
    int MAX_CHUNKS = 500;

    /**
     * The chunks of execution {@code id} after seq {@code after} (0 for all), oldest first, at most
     * {@link #MAX_CHUNKS}, of one stream when given. NotFound when the execution does not exist; Invalid
     * (field {@code after}) for a negative {@code after}.
     */
    OutputView after(long id, long after, Optional<OutputChunk.Stream> stream);

    /**
     * What a read found: the execution's status, the chunks, and {@code done} when the execution had ended and no
     * chunk follows these (a follower can stop asking).
     */
    record OutputView(ExecutionStatus status, List<OutputChunk> chunks, boolean done) {
        public OutputView {
            chunks = List.copyOf(chunks);
        }

        /** The seq to ask after next: the last chunk's, or {@code after} when there was none. */
        public long next(long after) {
            return chunks.isEmpty() ? after : chunks.getLast().seq();
        }
    }
}
