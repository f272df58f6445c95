package io.attune.adapters.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.attune.application.port.out.SensorProcesses.Line;
import io.attune.application.port.out.SensorProcesses.RunningSensor;
import io.attune.application.port.out.SensorProcesses.Start;
import io.attune.domain.action.RunnerType;
import io.attune.domain.common.Ref;
import io.attune.domain.sensor.Sensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubprocessSensorProcessesTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path pack;

    private final SubprocessSensorProcesses processes = new SubprocessSensorProcesses(
            SubprocessSettings.defaults().withKillGrace(Duration.ofMillis(300)), 200,
            Map.of("PATH", System.getenv("PATH"), "ATTUNE_DATABASE_URL", "jdbc:postgresql://secret"));
    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private RunningSensor running;

    @AfterEach
    void stop() {
        if (running != null) {
            running.stop();
        }
    }

    private void sensorFile(String file, String text) throws IOException {
        Path path = pack.resolve("sensors").resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
    }

    private static Sensor sensor(RunnerType runner, String entryPoint, Map<String, Object> config) {
        return new Sensor(Ref.parse("fixture.watch"), "", runner, entryPoint, List.of(Ref.parse("fixture.alert")),
                config, true);
    }

    private RunningSensor start(Sensor sensor) {
        Start start = processes.start(sensor, pack, lines::add);
        assertThat(start).isInstanceOf(Start.Started.class);
        running = ((Start.Started) start).process();
        return running;
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("waited too long").isNegative();
            Thread.sleep(20);
        }
    }

    @Test
    void eachStdoutLineArrivesParsedAndTheConfigComesOnStdinAndInTheEnvironment() throws Exception {
        sensorFile("watch.sh", """
                read -r config
                echo "{\\"stdin\\": $config, \\"env\\": $ATTUNE_SENSOR_CONFIG, \\"me\\": \\"$ATTUNE_SENSOR\\", \\"db\\": \\"${ATTUNE_DATABASE_URL:-none}\\"}"
                echo
                echo 'not json'
                echo '[1, 2]'
                echo '{"trigger": "fixture.alert", "payload": {"n": 1}}'
                sleep 300
                """);

        start(sensor(RunnerType.SHELL, "watch.sh", Map.of("path", "/tmp/x", "n", 3)));
        await(() -> lines.size() == 4);

        assertThat(lines.get(0)).isInstanceOfSatisfying(Line.JsonObject.class, l -> assertThat(l.value()).isEqualTo(
                Map.of("stdin", Map.of("path", "/tmp/x", "n", 3), "env", Map.of("path", "/tmp/x", "n", 3),
                        "me", "fixture.watch", "db", "none")));
        assertThat(lines.get(1)).isInstanceOfSatisfying(Line.Malformed.class, l -> {
            assertThat(l.text()).isEqualTo("not json");
            assertThat(l.reason()).startsWith("not JSON");
        });
        assertThat(lines.get(2)).isInstanceOfSatisfying(Line.Malformed.class,
                l -> assertThat(l.reason()).startsWith("not a JSON object"));
        assertThat(lines.get(3)).isInstanceOfSatisfying(Line.JsonObject.class, l -> assertThat(l.value())
                .isEqualTo(Map.of("trigger", "fixture.alert", "payload", Map.of("n", 1))));
        assertThat(running.alive()).isTrue();
        assertThat(running.exitCode()).isEmpty();
    }

    @Test
    void aLineOverTheCapIsMalformedAndTheNextOneIsReadAgain() throws Exception {
        sensorFile("long.sh", """
                printf '{"a": "%0300d"}\\n' 0
                echo '{"b": 1}'
                sleep 300
                """);

        start(sensor(RunnerType.SHELL, "long.sh", Map.of()));
        await(() -> lines.size() == 2);

        assertThat(lines.get(0)).isInstanceOfSatisfying(Line.Malformed.class,
                l -> assertThat(l.reason()).isEqualTo("the line is longer than 200 bytes"));
        assertThat(lines.get(1)).isEqualTo(new Line.JsonObject("{\"b\": 1}", Map.of("b", 1)));
    }

    @Test
    void aPythonSensorsLinesArriveWithoutFlushing() throws Exception {
        sensorFile("watch.py", """
                import json, sys, time
                config = json.loads(sys.stdin.readline())
                print(json.dumps({"trigger": "fixture.alert", "payload": config}))
                time.sleep(300)
                """);

        start(sensor(RunnerType.PYTHON, "watch.py", Map.of("k", "v")));
        await(() -> lines.size() == 1);

        assertThat(((Line.JsonObject) lines.getFirst()).value().get("payload")).isEqualTo(Map.of("k", "v"));
    }

    @Test
    void anExitedSensorReportsItsCodeAndTheTailOfStderr() throws Exception {
        sensorFile("crash.sh", """
                echo '{"trigger": "fixture.alert"}'
                echo "starting" >&2
                echo "fatal: cannot reach the server" >&2
                exit 3
                """);

        RunningSensor sensor = start(sensor(RunnerType.SHELL, "crash.sh", Map.of()));
        await(() -> !sensor.alive());

        assertThat(sensor.exitCode()).contains(3);
        await(() -> sensor.stderrTail().contains("fatal"));
        assertThat(sensor.stderrTail()).isEqualTo("starting\nfatal: cannot reach the server\n");
        await(() -> lines.size() == 1);
    }

    @Test
    void theStderrTailKeepsTheLastBytes() throws Exception {
        sensorFile("noisy.sh", """
                for i in $(seq 1 2000); do echo "line $i" >&2; done
                echo "the end" >&2
                """);

        RunningSensor sensor = start(sensor(RunnerType.SHELL, "noisy.sh", Map.of()));
        await(() -> !sensor.alive() && sensor.stderrTail().endsWith("the end\n"));

        assertThat(sensor.stderrTail()).hasSizeLessThanOrEqualTo(4096).doesNotContain("line 1\n").contains("line 2000\n");
    }

    @Test
    void stopKillsTheWholeProcessTree() throws Exception {
        sensorFile("tree.sh", """
                sleep 300 &
                echo "{\\"child\\": $!}"
                wait
                """);
        RunningSensor sensor = start(sensor(RunnerType.SHELL, "tree.sh", Map.of()));
        await(() -> lines.size() == 1);
        long child = ((Number) ((Line.JsonObject) lines.getFirst()).value().get("child")).longValue();
        assertThat(ProcessHandle.of(child)).isPresent();

        sensor.stop();
        sensor.stop();

        assertThat(sensor.alive()).isFalse();
        assertThat(ProcessHandle.of(child).filter(ProcessTree::isRunning)).isEmpty();
        assertThat(ProcessHandle.of(sensor.pid()).filter(ProcessTree::isRunning)).isEmpty();
    }

    @Test
    void aSensorRunsUnderTheSupervisorInASessionOfItsOwnLikeAnAction() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(ProcessLauncher.detect().isPresent(), "needs util-linux");
        sensorFile("who.sh", """
                read -r config
                echo "{\\"self\\": $$, \\"parent\\": \\"$(tr '\\0\\n"' '   ' < /proc/$PPID/cmdline | cut -c1-150)\\"}"
                sleep 300
                """);
        RunningSensor sensor = start(sensor(RunnerType.SHELL, "who.sh", Map.of()));
        await(() -> lines.size() == 1);
        Map<String, Object> seen = ((Line.JsonObject) lines.getFirst()).value();
        long self = ((Number) seen.get("self")).longValue();

        String stat = Files.readString(Path.of("/proc", Long.toString(self), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        assertThat(Long.parseLong(fields[1])).as("parent").isEqualTo(sensor.pid());
        assertThat(Long.parseLong(fields[3])).as("session").isEqualTo(sensor.pid());
        assertThat((String) seen.get("parent")).contains("trap 'kill -KILL 0' HUP");
    }

    @Test
    void aMissingEntryPointOrInterpreterIsRefused() throws Exception {
        assertThat(processes.start(sensor(RunnerType.SHELL, "absent.sh", Map.of()), pack, lines::add))
                .isInstanceOfSatisfying(Start.Refused.class, r -> assertThat(r.reason()).contains("not found"));
        sensorFile("watch.py", "print('hi')\n");
        SubprocessSensorProcesses noPython = new SubprocessSensorProcesses(
                SubprocessSettings.defaults().withPython("no-such-python"), 200, Map.of("PATH", System.getenv("PATH")));
        assertThat(noPython.start(sensor(RunnerType.PYTHON, "watch.py", Map.of()), pack, lines::add))
                .isInstanceOfSatisfying(Start.Refused.class,
                        r -> assertThat(r.reason()).isEqualTo("the python interpreter 'no-such-python' was not found on PATH"));
        Files.writeString(pack.resolve("outside.sh"), "echo hi\n");
        Files.createSymbolicLink(pack.resolve("sensors").resolve("link.sh"), pack.resolve("outside.sh"));
        assertThat(processes.start(sensor(RunnerType.SHELL, "link.sh", Map.of()), pack, lines::add))
                .isInstanceOfSatisfying(Start.Refused.class,
                        r -> assertThat(r.reason()).contains("outside the pack's sensors folder"));
    }
}
