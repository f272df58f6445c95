package io.attune.application.port.out;

import io.attune.domain.action.Action;
import io.attune.domain.action.RunnerType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Runs one action for a worker: a subprocess for shell, python and node actions. Parameters reach the process as one
 * JSON document on stdin and as {@code ATTUNE_PARAM_<NAME>} variables, never interpolated into a command line.
 */
public interface ActionRunner {

    /** The runner types this runner can execute. */
    Set<RunnerType> runners();

    /**
     * What this runner found of the runtimes it serves (interpreter version and path), as workers advertise them; a
     * runner built into the worker has none to tell.
     */
    default java.util.List<io.attune.application.port.in.ExecutionQueries.WorkerRuntime> runtimes() {
        return java.util.List.of();
    }

    /**
     * True for a runner whose actions end in microseconds and touch nothing outside their result (in-process
     * {@code core.noop}, {@code core.echo}): the worker then runs them inside the transaction that takes the
     * execution and writes its end in that same transaction (one commit, no {@code running} notification).
     */
    default boolean inline() {
        return false;
    }

    /**
     * Starts the action and returns at once. Never throws for a failure of the action itself: a process that cannot
     * be started ends as {@link RunOutcome.FailedToStart}.
     */
    RunningAction start(RunRequest request);

    /** An action that has been started. */
    interface RunningAction {

        /** Waits for the end: exit, timeout (the whole process tree killed) or cancellation. */
        RunOutcome await() throws InterruptedException;

        /** Asks the action to stop: SIGTERM to the process tree, SIGKILL after the grace period. Idempotent. */
        void cancel();

        /**
         * What the action printed since the previous call, each stream in order, within the same cap as the final
         * output (so everything handed out is a prefix of {@link Output}'s text); empty strings when nothing new. Once
         * {@link #await} returned, one more call hands out the rest. Called by one thread at a time. A runner that
         * does not follow output (in-process, HTTP) hands out nothing.
         */
        default NewOutput takeNewOutput() {
            return NewOutput.NONE;
        }
    }

    /** Output printed since the last look. */
    record NewOutput(String stdout, String stderr) {
        public static final NewOutput NONE = new NewOutput("", "");

        public boolean isEmpty() {
            return stdout.isEmpty() && stderr.isEmpty();
        }
    }

    /** What to run and how. {@code packDirectory} holds the action's {@code entry_point} under {@code actions/}. */
    record RunRequest(long executionId, Action action, Path packDirectory, Map<String, Object> parameters,
                      Duration timeout, Map<String, String> environment, int outputCapBytes) {
        public RunRequest {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(timeout, "timeout");
            parameters = parameters == null ? Map.of() : parameters;
            environment = Map.copyOf(environment == null ? Map.of() : environment);
            if (outputCapBytes < 1) {
                throw new IllegalArgumentException("outputCapBytes must be positive");
            }
        }
    }

    /** How a run ended. stdout/stderr are capped; the overflow is counted in bytes. */
    sealed interface RunOutcome {

        /** The process exited by itself. {@code result} is the parsed stdout for {@code output_format: json}. */
        record Exited(int exitCode, Output output, Optional<Object> result, Optional<String> resultError) implements RunOutcome {
        }

        /** The timeout passed; the process tree was killed. */
        record TimedOut(Output output) implements RunOutcome {
        }

        /** Canceled on request; the process tree was killed. */
        record Canceled(Output output) implements RunOutcome {
        }

        /** The process could not be started (missing interpreter, missing entry point). */
        record FailedToStart(String reason) implements RunOutcome {
        }
    }

    /** Captured output, each stream cut at the cap. */
    record Output(String stdout, String stderr, long stdoutOverflowBytes, long stderrOverflowBytes) {
        public static Output empty() {
            return new Output("", "", 0, 0);
        }
    }
}
