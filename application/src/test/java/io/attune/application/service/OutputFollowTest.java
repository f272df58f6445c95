package io.attune.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.attune.application.port.out.ActionRunner;
import io.attune.domain.execution.OutputChunk;
import io.attune.domain.execution.OutputChunk.Stream;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutputFollowTest {

    private static final Instant NOW = Instant.parse("2026-12-06T13:00:00Z");

    /** A run that prints the given pieces, one per look. */
    private static ActionRunner.RunningAction printing(ActionRunner.NewOutput... pieces) {
        Deque<ActionRunner.NewOutput> left = new ArrayDeque<>(List.of(pieces));
        return new ActionRunner.RunningAction() {
            @Override
            public ActionRunner.RunOutcome await() {
                throw new UnsupportedOperationException();
            }

            @Override
            public void cancel() {
            }

            @Override
            public ActionRunner.NewOutput takeNewOutput() {
                return left.isEmpty() ? ActionRunner.NewOutput.NONE : left.poll();
            }
        };
    }

    @Test
    void withoutSecretsEveryLookHandsOutWhatWasPrintedNumberedAcrossBothStreams() {
        OutputFollow follow = new OutputFollow(7, printing(new ActionRunner.NewOutput("one\ntw", "err"),
                ActionRunner.NewOutput.NONE, new ActionRunner.NewOutput("o\n", "")), List.of());

        assertThat(follow.take(NOW, false)).containsExactly(new OutputChunk(7, 1, Stream.STDOUT, "one\ntw", NOW),
                new OutputChunk(7, 2, Stream.STDERR, "err", NOW));
        assertThat(follow.take(NOW, false)).isEmpty();
        assertThat(follow.take(NOW, false)).containsExactly(new OutputChunk(7, 3, Stream.STDOUT, "o\n", NOW));
        assertThat(follow.take(NOW, true)).isEmpty();
    }

    @Test
    void aSecretPrintedAcrossTwoLooksIsMaskedWholeAndTheLastLookHandsOutWhatWasHeld() {
        OutputFollow follow = new OutputFollow(7, printing(new ActionRunner.NewOutput("ok\nusing hunt", ""),
                new ActionRunner.NewOutput("er2-secret\nthen ", ""), new ActionRunner.NewOutput("hunter2-secret", "")),
                List.of("hunter2-secret"));

        assertThat(follow.take(NOW, false)).extracting(OutputChunk::data).containsExactly("ok\n");
        assertThat(follow.take(NOW, false)).extracting(OutputChunk::data).containsExactly("using ********\n");
        assertThat(follow.take(NOW, true)).containsExactly(new OutputChunk(7, 3, Stream.STDOUT, "then ********", NOW));
    }
}
