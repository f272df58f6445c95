package io.attune.application.service;

import io.attune.application.port.in.ExecutionOutputs;
import io.attune.application.port.in.FieldError;
import io.attune.application.port.in.UseCaseException;
import io.attune.application.port.out.ExecutionOutputRepository;
import io.attune.application.port.out.TransactionRunner;
import io.attune.domain.execution.OutputChunk;
import java.util.List;
import java.util.Optional;

/** Reads the output chunks that workers store while actions run. */
public final class ExecutionOutputService implements ExecutionOutputs {

    private final ExecutionOutputRepository outputs;
    private final TransactionRunner tx;

    public ExecutionOutputService(ExecutionOutputRepository outputs, TransactionRunner tx) {
        this.outputs = outputs;
        this.tx = tx;
    }

    @Override
    public OutputView after(long id, long after, Optional<OutputChunk.Stream> stream) {
        if (after < 0) {
            throw new UseCaseException.Invalid("after must not be negative",
                    List.of(FieldError.of("after", "must be 0 or a seq returned before, got " + after)));
        }
        ExecutionOutputRepository.OutputPage page = tx.readOnly(() -> outputs.after(id, after, stream, MAX_CHUNKS))
                .orElseThrow(() -> new UseCaseException.NotFound("execution", Long.toString(id)));
        boolean done = page.status().isTerminal() && page.chunks().size() < MAX_CHUNKS;
        return new OutputView(page.status(), page.chunks(), done);
    }
}
