package io.attune.adapters.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.attune.application.port.out.ActionRunner;
import io.attune.application.port.out.ActionRunner.Output;
import io.attune.application.port.out.ActionRunner.RunOutcome;
import io.attune.application.port.out.ActionRunner.RunRequest;
import io.attune.application.port.out.ActionRunner.RunningAction;
import io.attune.domain.action.OutputFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One started action process. Whichever comes first decides how it ends: its own exit, the timeout, or cancel();
 * a timeout or cancel then kills the whole process tree, and in every case whatever is left in the supervisor's process
 * group is killed before the outcome is made.
 */
final class SubprocessRun implements RunningAction {

    private static final Logger LOG = LoggerFactory.getLogger(SubprocessRun.class);

    private enum Ending { EXITED, TIMED_OUT, CANCELED }

    private final Process process;
    private final RunRequest request;
    private final Duration grace;
    private final ObjectMapper json;
    private final StreamCapture stdout;
    private final StreamCapture stderr;
    private final CompletableFuture<Ending> ending = new CompletableFuture<>();
    private final CompletableFuture<RunOutcome> outcome = new CompletableFuture<>();

    private SubprocessRun(Process process, RunRequest request, Duration grace, ObjectMapper json) {
        this.process = process;
        this.request = request;
        this.grace = grace;
        this.json = json;
        String name = "attune-execution-" + request.executionId();
        this.stdout = StreamCapture.start(process.getInputStream(), request.outputCapBytes(), name + "-stdout");
        this.stderr = StreamCapture.start(process.getErrorStream(), request.outputCapBytes(), name + "-stderr");
    }

    /** Feeds {@code stdin} to the process, then closes it, and arms the timeout. */
    static SubprocessRun watch(Process process, byte[] stdin, RunRequest request, Duration grace, ObjectMapper json) {
        SubprocessRun run = new SubprocessRun(process, request, grace, json);
        Thread.ofPlatform().daemon().name("attune-execution-" + request.executionId() + "-stdin").start(() -> {
            try (OutputStream in = process.getOutputStream()) {
                in.write(stdin);
            } catch (IOException e) {
                // the process exited or closed stdin without reading it all: its own business
            }
        });
        process.onExit().thenRun(() -> run.ending.complete(Ending.EXITED));
        run.ending.completeOnTimeout(Ending.TIMED_OUT, saturatedMillis(request.timeout()), TimeUnit.MILLISECONDS);
        run.ending.thenAccept(e -> Thread.ofVirtual().name("attune-execution-" + request.executionId() + "-end")
                .start(() -> run.finish(e)));
        return run;
    }

    @Override
    public RunOutcome await() throws InterruptedException {
        try {
            return outcome.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("finishing execution " + request.executionId() + " failed", e.getCause());
        }
    }

    @Override
    public void cancel() {
        ending.complete(Ending.CANCELED);
    }

    @Override
    public ActionRunner.NewOutput takeNewOutput() {
        return new ActionRunner.NewOutput(stdout.takeNew(), stderr.takeNew());
    }

    private void finish(Ending how) {
        try {
            if (how != Ending.EXITED) {
                ProcessTree.terminate(process.toHandle(), grace);
            }
            // The root is gone (it exited, or SIGKILL was sent): its exit status is a moment away at most.
            process.waitFor(grace.toMillis() + 1000, TimeUnit.MILLISECONDS);
            // what the action left in the background goes with it, before its slot is given back
            ProcessTree.killGroup(process.pid());
            Output output = collectOutput();
            outcome.complete(switch (how) {
                case EXITED -> exited(process.exitValue(), output);
                case TIMED_OUT -> new RunOutcome.TimedOut(output);
                case CANCELED -> new RunOutcome.Canceled(output);
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome.completeExceptionally(e);
        } catch (RuntimeException e) {
            outcome.completeExceptionally(e);
        }
    }

    /**
     * Output after the end. A process that left the tree (a double-forked daemon) can hold the pipes open for as long
     * as it lives, so the readers get the grace period and are then abandoned with what they have.
     */
    private Output collectOutput() throws InterruptedException {
        long deadline = System.nanoTime() + grace.toNanos();
        boolean stdoutEnded = stdout.awaitEnd(Duration.ofNanos(deadline - System.nanoTime()));
        boolean stderrEnded = stderr.awaitEnd(Duration.ofNanos(deadline - System.nanoTime()));
        if (!stdoutEnded || !stderrEnded) {
            LOG.warn("execution {}: output still held open by a process outside the action's tree after {} ms;"
                    + " later output is dropped", request.executionId(), grace.toMillis());
            stdout.abandon();
            stderr.abandon();
        }
        StreamCapture.Captured out = stdout.captured();
        StreamCapture.Captured err = stderr.captured();
        return new Output(out.text(), err.text(), out.overflowBytes(), err.overflowBytes());
    }

    private RunOutcome exited(int exitCode, Output output) {
        if (request.action().outputFormat() != OutputFormat.JSON) {
            return new RunOutcome.Exited(exitCode, output, Optional.empty(), Optional.empty());
        }
        JsonResult parsed = JsonResult.parse(json, output.stdout(), output.stdoutOverflowBytes());
        return new RunOutcome.Exited(exitCode, output, parsed.result(), parsed.error());
    }

    private static long saturatedMillis(Duration duration) {
        try {
            return Math.max(0, duration.toMillis());
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}
