package io.attune.adapters.http.execution;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.attune.adapters.http.support.Times;
import io.attune.application.port.in.ExecutionOutputs.OutputView;
import io.attune.domain.execution.OutputChunk;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** What an execution printed after a seq, as the API shows it, with its status so a follower knows when to stop. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "ExecutionOutput")
public record ExecutionOutputJson(
        @Schema(example = "running") String status,
        @Schema(description = "the execution has ended and no chunk follows these: stop asking") boolean done,
        @Schema(description = "the seq to pass as `after` next") long next,
        List<Chunk> chunks) {

    /** One piece of stdout or stderr, in the order the worker stored it. */
    @Schema(name = "ExecutionOutputChunk")
    public record Chunk(long seq, @Schema(example = "stdout") String stream, String data,
                        @Schema(description = "when the worker stored it") String at) {
    }

    static ExecutionOutputJson of(OutputView view, long after) {
        return new ExecutionOutputJson(view.status().code(), view.done(), view.next(after),
                view.chunks().stream().map(ExecutionOutputJson::chunk).toList());
    }

    private static Chunk chunk(OutputChunk c) {
        return new Chunk(c.seq(), c.stream().code(), c.data(), Times.iso(c.at()));
    }
}
