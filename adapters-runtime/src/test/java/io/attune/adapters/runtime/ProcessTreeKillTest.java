package io.attune.adapters.runtime;

import static io.attune.adapters.runtime.Fixtures.GRACE;
import static io.attune.adapters.runtime.Fixtures.LONG;
import static io.attune.adapters.runtime.Fixtures.action;
import static io.attune.adapters.runtime.Fixtures.alive;
import static io.attune.adapters.runtime.Fixtures.pids;
import static io.attune.adapters.runtime.Fixtures.request;
import static io.attune.adapters.runtime.Fixtures.runner;
import static io.attune.adapters.runtime.Fixtures.script;
import static org.assertj.core.api.Assertions.assertThat;

import io.attune.application.port.out.ActionRunner.RunOutcome;
import io.attune.application.port.out.ActionRunner.RunOutcome.Canceled;
import io.attune.application.port.out.ActionRunner.RunOutcome.Exited;
import io.attune.application.port.out.ActionRunner.RunOutcome.TimedOut;
import io.attune.application.port.out.ActionRunner.RunRequest;
import io.attune.application.port.out.ActionRunner.RunningAction;
import io.attune.domain.action.OutputFormat;
import io.attune.domain.action.RunnerType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class ProcessTreeKillTest {

    private static final Duration TIMEOUT = Duration.ofMillis(500);

    @TempDir
    Path pack;

    private final SubprocessActionRunner runner = runner();

    private RunRequest shell(String file, Duration timeout) {
        return request(action(RunnerType.SHELL, file, OutputFormat.TEXT), pack, Map.of(), timeout);
    }

    @Test
    void timeoutKillsTheProcessAndKeepsItsOutput() throws Exception {
        script(pack, "slow.sh", "echo started\necho $$\nsleep 30\n");
        long began = System.nanoTime();

        RunOutcome outcome = runner.start(shell("slow.sh", TIMEOUT)).await();

        Duration took = Duration.ofNanos(System.nanoTime() - began);
        assertThat(outcome).isInstanceOf(TimedOut.class);
        String stdout = ((TimedOut) outcome).output().stdout();
        assertThat(stdout).startsWith("started\n");
        assertThat(took).isBetween(TIMEOUT, TIMEOUT.plus(GRACE).plusMillis(1500));
        assertThat(alive(Long.parseLong(stdout.lines().toList().get(1)))).isFalse();
    }

    @Test
    void processIgnoringSigtermIsKilledAfterTheGracePeriod() throws Exception {
        script(pack, "stubborn.sh", """
                trap '' TERM
                echo "self $$"
                sleep 30 &
                echo "child $!"
                while :; do sleep 0.05; done
                """);
        long began = System.nanoTime();

        RunOutcome outcome = runner.start(shell("stubborn.sh", TIMEOUT)).await();

        Duration took = Duration.ofNanos(System.nanoTime() - began);
        assertThat(outcome).isInstanceOf(TimedOut.class);
        assertThat(took).as("SIGTERM was ignored, so SIGKILL came only after the grace period")
                .isBetween(TIMEOUT.plus(GRACE), TIMEOUT.plus(GRACE).plusMillis(1500));
        String stdout = ((TimedOut) outcome).output().stdout();
        assertThat(pids(stdout, "self")).hasSize(1).noneMatch(Fixtures::alive);
        assertThat(pids(stdout, "child")).hasSize(1).noneMatch(Fixtures::alive);
    }

    @Test
    void timeoutKillsChildrenAndGrandchildren() throws Exception {
        script(pack, "tree.sh", """
                sleep 100 &
                echo "child $!"
                bash -c 'sleep 100 & echo "grandchild $!"; sleep 100' &
                echo "child $!"
                wait
                """);

        RunOutcome outcome = runner.start(shell("tree.sh", Duration.ofMillis(800))).await();

        assertThat(outcome).isInstanceOf(TimedOut.class);
        String stdout = ((TimedOut) outcome).output().stdout();
        List<Long> children = pids(stdout, "child");
        List<Long> grandchildren = pids(stdout, "grandchild");
        assertThat(children).hasSize(2).noneMatch(Fixtures::alive);
        assertThat(grandchildren).hasSize(1).noneMatch(Fixtures::alive);
    }

    @Test
    void cancelKillsTheTreeAndEndsAsCanceled() throws Exception {
        script(pack, "slow.sh", "echo started\nsleep 30 &\necho \"child $!\"\nwait\n");
        RunningAction running = runner.start(shell("slow.sh", LONG));
        Thread.sleep(300);
        long canceledAt = System.nanoTime();

        running.cancel();
        running.cancel();
        RunOutcome outcome = running.await();

        assertThat(Duration.ofNanos(System.nanoTime() - canceledAt)).isLessThan(GRACE.plusMillis(1500));
        assertThat(outcome).isInstanceOf(Canceled.class);
        String stdout = ((Canceled) outcome).output().stdout();
        assertThat(stdout).startsWith("started\n");
        assertThat(pids(stdout, "child")).hasSize(1).noneMatch(Fixtures::alive);
    }

    @Test
    void anOrphanHoldingTheOutputPipeDoesNotKeepTheRunWaiting() throws Exception {
        // The subshell exits at once, so its sleep leaves the tree but keeps stdout open.
        script(pack, "daemon.sh", "( sleep 30 & echo \"orphan $!\" )\necho done\n");
        long began = System.nanoTime();
        List<Long> orphans = List.of();
        try {
            RunOutcome outcome = runner.start(shell("daemon.sh", LONG)).await();

            assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(GRACE.plusMillis(1500));
            assertThat(outcome).isInstanceOf(Exited.class);
            String stdout = ((Exited) outcome).output().stdout();
            orphans = pids(stdout, "orphan");
            assertThat(stdout).endsWith("done\n");
            assertThat(orphans).hasSize(1);
        } finally {
            orphans.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        }
    }
}
