package io.attune.adapters.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.attune.application.port.out.ActionRunner.Output;
import io.attune.application.port.out.ActionRunner.RunOutcome;
import io.attune.application.port.out.ActionRunner.RunOutcome.Exited;
import io.attune.application.port.out.ActionRunner.RunRequest;
import io.attune.domain.action.Action;
import io.attune.domain.action.OutputFormat;
import io.attune.domain.action.ParameterSchema;
import io.attune.domain.action.RunnerType;
import io.attune.domain.common.Ref;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InProcessActionRunnerTest {

    private final InProcessActionRunner runner = new InProcessActionRunner();

    private static RunRequest internal(String ref, Map<String, Object> parameters) {
        Action action = new Action(Ref.parse(ref), "", RunnerType.INTERNAL, Optional.empty(), ParameterSchema.none(),
                OutputFormat.TEXT, Optional.empty(), true);
        return new RunRequest(1, action, null, parameters, Duration.ofSeconds(1), Map.of(), 1024);
    }

    @Test
    void noopSucceedsWithAnEmptyResult() throws Exception {
        assertThat(runner.start(internal("core.noop", Map.of())).await())
                .isEqualTo(new Exited(0, Output.empty(), Optional.of(Map.of()), Optional.empty()));
    }

    @Test
    void echoReturnsItsMessageAsResultAndStdout() throws Exception {
        RunOutcome outcome = runner.start(internal("core.echo", Map.of("message", "hi there"))).await();

        assertThat(outcome).isEqualTo(new Exited(0, new Output("hi there", "", 0, 0),
                Optional.of(Map.of("message", "hi there")), Optional.empty()));
    }

    @Test
    void anyOtherInternalActionIsANoop() throws Exception {
        assertThat(runner.start(internal("mypack.nothing", Map.of("x", 1))).await())
                .isInstanceOfSatisfying(RunOutcome.Exited.class, e -> {
                    assertThat(e.exitCode()).isZero();
                    assertThat(e.output().stdout()).isEmpty();
                });
    }
}
