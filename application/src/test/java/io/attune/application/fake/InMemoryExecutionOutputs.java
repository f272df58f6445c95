package io.attune.application.fake;

import io.attune.application.port.out.ExecutionOutputRepository;
import io.attune.application.port.out.ExecutionRepository;
import io.attune.domain.execution.OutputChunk;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** In-memory output chunks; the statuses are read from the executions fake. */
public final class InMemoryExecutionOutputs implements ExecutionOutputRepository {

    private final ExecutionRepository executions;
    /** Chunks by execution, by seq. */
    private final Map<Long, TreeMap<Long, OutputChunk>> chunks = new TreeMap<>();

    public InMemoryExecutionOutputs(ExecutionRepository executions) {
        this.executions = executions;
    }

    @Override
    public synchronized void append(List<OutputChunk> added) {
        for (OutputChunk chunk : added) {
            if (executions.find(chunk.executionId()).isEmpty()) {
                throw new IllegalStateException("no execution " + chunk.executionId());
            }
            TreeMap<Long, OutputChunk> stored = chunks.get(chunk.executionId());
            if (stored != null && stored.containsKey(chunk.seq())
                    || added.stream().filter(c -> c.executionId() == chunk.executionId() && c.seq() == chunk.seq())
                    .count() > 1) {
                throw new IllegalStateException("chunk " + chunk.seq() + " of execution " + chunk.executionId()
                        + " is already stored");
            }
        }
        added.forEach(c -> chunks.computeIfAbsent(c.executionId(), id -> new TreeMap<>()).put(c.seq(), c));
    }

    @Override
    public synchronized Optional<OutputPage> after(long executionId, long after, Optional<OutputChunk.Stream> stream,
                                                   int limit) {
        return executions.find(executionId).map(e -> {
            List<OutputChunk> found = new ArrayList<>();
            chunks.getOrDefault(executionId, new TreeMap<>()).tailMap(after, false).values().stream()
                    .filter(c -> stream.isEmpty() || stream.get() == c.stream()).limit(limit).forEach(found::add);
            return new OutputPage(e.status(), found);
        });
    }

    /** Everything stored for one execution, in seq order (for tests). */
    public synchronized List<OutputChunk> of(long executionId) {
        return List.copyOf(chunks.getOrDefault(executionId, new TreeMap<>()).values());
    }

    public synchronized void clear() {
        chunks.clear();
    }
}
