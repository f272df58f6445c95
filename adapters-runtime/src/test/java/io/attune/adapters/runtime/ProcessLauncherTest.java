package io.attune.adapters.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class ProcessLauncherTest {

    private static final String TREE = "sleep 300 & echo \"child $!\"; echo \"self $$\"; sleep 300";

    @BeforeAll
    static void linuxWithUtilLinux() {
        assumeTrue(ProcessLauncher.detect().isPresent(), "needs Linux with util-linux setsid and setpriv");
    }

    private static List<Long> pids(Process process, int count) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        List<Long> pids = new ArrayList<>();
        while (pids.size() < count) {
            String line = out.readLine();
            assertThat(line).as("output of the launched tree").isNotNull();
            pids.add(Long.parseLong(line.substring(line.indexOf(' ') + 1)));
        }
        return pids;
    }

    private static boolean allGoneWithin(List<Long> pids, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            if (pids.stream().noneMatch(Fixtures::alive)) {
                return true;
            }
            Thread.sleep(10);
        }
        return false;
    }

    private static ProcessBuilder shell(String script) {
        return new ProcessBuilder("bash", "-c", script);
    }

    @Test
    void theWholeTreeDiesWhenTheThreadThatLaunchedItEnds() throws Exception {
        ProcessLauncher.LaunchThread thread = new ProcessLauncher.LaunchThread("test-launcher");
        ProcessLauncher launcher = new ProcessLauncher(ProcessLauncher.detect(), new ProcessUser.Server(), thread);
        Process process = launcher.start(shell(TREE));
        List<Long> pids = new ArrayList<>(pids(process, 2));
        pids.add(process.pid());
        Thread.sleep(200);
        assertThat(pids).allMatch(Fixtures::alive);

        thread.close();

        assertThat(allGoneWithin(pids, Duration.ofSeconds(1))).as("tree %s gone within a second", pids).isTrue();
    }

    @Test
    void aProcessLaunchedForAThreadThatEndsLivesOn() throws Exception {
        ProcessLauncher launcher = ProcessLauncher.forUser(new ProcessUser.Server());
        Process[] started = new Process[1];
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                started[0] = launcher.start(shell("sleep 300"));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        caller.join();
        Thread platform = Thread.ofPlatform().start(() -> { });
        platform.join();
        try {
            Thread.sleep(300);
            assertThat(started[0].isAlive()).isTrue();
        } finally {
            ProcessTree.terminate(started[0].toHandle(), Duration.ZERO);
        }
    }

    @Test
    void stdinReachesTheCommandAndItsExitCodeComesBack() throws Exception {
        ProcessLauncher launcher = ProcessLauncher.forUser(new ProcessUser.Server());
        Process process = launcher.start(shell("read -r line; echo \"got $line\"; exit 7"));
        try (OutputStream in = process.getOutputStream()) {
            in.write("hello\n".getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(5, TimeUnit.SECONDS)).isTrue();
        assertThat(out).isEqualTo("got hello\n");
        assertThat(process.exitValue()).isEqualTo(7);
        Process killed = launcher.start(shell("kill -KILL $$"));
        assertThat(killed.waitFor(5, TimeUnit.SECONDS)).isTrue();
        assertThat(killed.exitValue()).isEqualTo(128 + 9);
    }

    @Test
    void theCommandRunsInASessionOfItsOwnUnderTheSupervisor() throws Exception {
        ProcessLauncher launcher = ProcessLauncher.forUser(new ProcessUser.Server());
        Process process = launcher.start(shell("echo \"self $$\"; sleep 300"));
        try {
            long self = pids(process, 1).getFirst();

            String stat = Files.readString(Path.of("/proc", Long.toString(self), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long parent = Long.parseLong(fields[1]);
            long group = Long.parseLong(fields[2]);
            long session = Long.parseLong(fields[3]);
            assertThat(parent).isEqualTo(process.pid());
            assertThat(group).isEqualTo(process.pid());
            assertThat(session).isEqualTo(process.pid());
            assertThat(Files.readString(Path.of("/proc", Long.toString(parent), "cmdline")))
                    .contains(ProcessLauncher.SUPERVISOR_NAME);
        } finally {
            ProcessTree.terminate(process.toHandle(), Duration.ZERO);
        }
    }

    @Test
    void asAnotherUserTheParentDeathSignalSurvivesTheSwitch() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "switching users needs root");
        ProcessLauncher.LaunchThread thread = new ProcessLauncher.LaunchThread("test-launcher-nobody");
        ProcessUser.Account nobody = new ProcessUser.Account("nobody", 65534, 65534, Path.of("/nonexistent"));
        ProcessLauncher launcher = new ProcessLauncher(ProcessLauncher.detect(), nobody, thread);
        ProcessBuilder builder = shell(TREE).directory(Path.of("/").toFile());
        Process process = launcher.start(builder);
        List<Long> pids = new ArrayList<>(pids(process, 2));
        pids.add(process.pid());
        for (long pid : pids) {
            assertThat(Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")))
                    .anyMatch(l -> l.matches("Uid:\\s+65534\\s+65534\\s+65534\\s+65534"));
        }

        thread.close();

        assertThat(allGoneWithin(pids, Duration.ofSeconds(1))).as("tree %s gone within a second", pids).isTrue();
    }

    @Test
    void withoutSetprivAnActionUserIsRefusedRatherThanRunAsTheServer() {
        ProcessUser.Account nobody = new ProcessUser.Account("nobody", 65534, 65534, Path.of("/nonexistent"));

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new ProcessLauncher(Optional.empty(), nobody, new ProcessLauncher.LaunchThread("unused")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("setpriv");
    }
}
