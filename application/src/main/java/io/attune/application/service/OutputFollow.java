package io.attune.application.service;

import io.attune.application.port.out.ActionRunner;
import io.attune.domain.execution.OutputChunk;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns what one running action printed into output chunks, numbered from 1, with the values of its secret parameters
 * masked as in its final output. When there are secrets to mask, a line is held back until it ends (or the run does),
 * so that a secret printed across two looks is still masked whole.
 */
final class OutputFollow {

    private final long executionId;
    private final ActionRunner.RunningAction run;
    private final List<String> secrets;
    private final StringBuilder heldOut = new StringBuilder();
    private final StringBuilder heldErr = new StringBuilder();
    private long seq;

    OutputFollow(long executionId, ActionRunner.RunningAction run, List<String> secrets) {
        this.executionId = executionId;
        this.run = run;
        this.secrets = List.copyOf(secrets);
    }

    /** The chunks of what was printed since the last call (stdout's first); {@code last} hands out all that is held. */
    List<OutputChunk> take(Instant now, boolean last) {
        ActionRunner.NewOutput printed = run.takeNewOutput();
        if (printed.isEmpty() && !last) {
            return List.of();
        }
        List<OutputChunk> chunks = new ArrayList<>(2);
        add(chunks, OutputChunk.Stream.STDOUT, heldOut, printed.stdout(), now, last);
        add(chunks, OutputChunk.Stream.STDERR, heldErr, printed.stderr(), now, last);
        return chunks;
    }

    private void add(List<OutputChunk> chunks, OutputChunk.Stream stream, StringBuilder held, String printed,
                     Instant now, boolean last) {
        held.append(printed);
        int end = last || secrets.isEmpty() ? held.length() : held.lastIndexOf("\n") + 1;
        if (end == 0) {
            return;
        }
        String data = Secrets.masked(held.substring(0, end), secrets);
        held.delete(0, end);
        chunks.add(new OutputChunk(executionId, ++seq, stream, data, now));
    }
}
