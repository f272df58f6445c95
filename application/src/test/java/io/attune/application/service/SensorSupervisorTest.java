package io.attune.application.service;

import static io.attune.application.contract.CatalogSamples.content;
import static io.attune.application.contract.CatalogSamples.trigger;
import static org.assertj.core.api.Assertions.assertThat;

import io.attune.application.fake.InMemoryCatalog;
import io.attune.application.fake.InMemorySensorStates;
import io.attune.application.fake.InMemoryStore;
import io.attune.application.fake.InMemoryTransactionRunner;
import io.attune.application.fake.ScriptedSensorProcesses;
import io.attune.application.fake.MutableClock;
import io.attune.application.port.in.EventIntake;
import io.attune.application.port.in.UseCaseException;
import io.attune.application.port.out.Leadership;
import io.attune.domain.action.RunnerType;
import io.attune.domain.common.Ref;
import io.attune.domain.event.Event;
import io.attune.domain.pack.Pack;
import io.attune.domain.pack.PackContent;
import io.attune.domain.sensor.Sensor;
import io.attune.domain.sensor.SensorError;
import io.attune.domain.sensor.SensorState;
import io.attune.domain.sensor.SensorStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SensorSupervisorTest {

    private static final Ref WATCH = Ref.parse("demo.watch");
    private static final Ref IDLE = Ref.parse("demo.idle");
    private static final Pack PACK = new Pack("demo", "Demo", "1.0.0", "", "/srv/packs/demo");

    private final MutableClock clock = new MutableClock(Instant.parse("2031-01-01T00:00:00Z"));
    private final InMemoryStore store = new InMemoryStore();
    private final InMemoryCatalog catalog = new InMemoryCatalog(store);
    private final InMemoryTransactionRunner tx = new InMemoryTransactionRunner(store);
    private final InMemorySensorStates states = new InMemorySensorStates();
    private final ScriptedSensorProcesses processes = new ScriptedSensorProcesses();
    private final RecordingIntake intake = new RecordingIntake();
    private final SwitchableLeadership leadership = new SwitchableLeadership();
    private final SensorSupervisor supervisor = new SensorSupervisor(new SensorSupervisor.Settings("host-1", 3),
            catalog.sensors(), catalog, states, processes, intake, leadership, tx, clock);

    private static Sensor sensor(Ref ref, boolean enabled, Map<String, Object> config) {
        return new Sensor(ref, "", RunnerType.PYTHON, ref.name() + ".py", List.of(Ref.parse("demo.alert")), config,
                enabled);
    }

    private void install(Sensor... sensors) {
        PackContent pack = content("demo").with(trigger("demo.alert"), trigger("demo.other"))
                .with((Object[]) sensors).build(PACK);
        tx.run(() -> catalog.replace(pack));
    }

    private SensorState state(Ref ref) {
        return states.find(ref).orElseThrow();
    }

    private void after(Duration wait) {
        clock.advance(wait);
        supervisor.supervise();
    }

    @Test
    void startsEnabledSensorsFromTheirPackDirectoryAndRecordsDisabledOnes() {
        install(sensor(WATCH, true, Map.of()), sensor(IDLE, false, Map.of()));

        supervisor.supervise();

        assertThat(processes.started()).hasSize(1);
        ScriptedSensorProcesses.Process process = processes.last(WATCH);
        assertThat(process.directory()).isEqualTo(Path.of("/srv/packs/demo"));
        SensorState watch = state(WATCH);
        assertThat(watch.status()).isEqualTo(SensorStatus.RUNNING);
        assertThat(watch.pid()).contains(process.pid());
        assertThat(watch.instance()).contains("host-1");
        assertThat(watch.startedAt()).contains(clock.instant());
        assertThat(watch.restarts()).isZero();
        assertThat(state(IDLE).status()).isEqualTo(SensorStatus.DISABLED);

        supervisor.supervise();
        assertThat(processes.started()).hasSize(1);
    }

    @Test
    void eachLineOfADeclaredTriggerBecomesAnEventFromTheSensor() {
        install(sensor(WATCH, true, Map.of()));
        supervisor.supervise();

        processes.last(WATCH).writes(Map.of("trigger", "demo.alert", "payload", Map.of("host", "web-1")));
        processes.last(WATCH).writes(Map.of("trigger", "demo.alert"));
        supervisor.supervise();

        assertThat(intake.submitted).containsExactly(
                new EventIntake.SubmitEvent("demo.alert", Map.of("host", "web-1"), Optional.of("sensor:demo.watch")),
                new EventIntake.SubmitEvent("demo.alert", Map.of(), Optional.of("sensor:demo.watch")));
        assertThat(state(WATCH).eventsEmitted()).isEqualTo(2);
        assertThat(state(WATCH).errors()).isZero();
    }

    @Test
    void malformedLinesAreRecordedAsErrorsWhileTheSensorKeepsRunning() {
        install(sensor(WATCH, true, Map.of()));
        supervisor.supervise();
        ScriptedSensorProcesses.Process process = processes.last(WATCH);

        process.writesGarbage("hello");
        process.writes(Map.of("payload", Map.of()));
        process.writes(Map.of("trigger", "demo.other", "payload", Map.of()));
        process.writes(Map.of("trigger", "demo.alert", "payload", "text"));
        process.writes(Map.of("trigger", "demo.alert", "payload", Map.of("refuse", true)));
        process.writes(Map.of("trigger", "demo.alert", "payload", Map.of("host", "ok")));
        supervisor.supervise();

        assertThat(process.stopped()).isFalse();
        assertThat(processes.started()).hasSize(1);
        assertThat(intake.submitted).extracting(EventIntake.SubmitEvent::payload).containsExactly(Map.of("host", "ok"));
        SensorState watch = state(WATCH);
        assertThat(watch.status()).isEqualTo(SensorStatus.RUNNING);
        assertThat(watch.errors()).isEqualTo(5);
        assertThat(watch.eventsEmitted()).isEqualTo(1);
        // three kept, newest first
        assertThat(states.errors(WATCH, 10)).extracting(SensorError::reason).satisfiesExactly(
                refused -> assertThat(refused).contains("payload.host is required"),
                notObject -> assertThat(notObject).contains("\"payload\" must be a JSON object"),
                undeclared -> assertThat(undeclared).contains("'demo.other' is not one of the sensor's triggers"));
        assertThat(states.errors(WATCH, 10).getFirst().occurredAt()).isEqualTo(clock.instant());
    }

    @Test
    void aCrashedSensorIsRestartedAfterABackoffThatDoublesUpToTheCap() {
        install(sensor(WATCH, true, Map.of()));
        supervisor.supervise();

        processes.last(WATCH).crashes(3, "Traceback: boom\n");
        after(Duration.ofMillis(100));
        SensorState crashed = state(WATCH);
        assertThat(crashed.status()).isEqualTo(SensorStatus.BACKOFF);
        assertThat(crashed.lastExitCode()).contains(3);
        assertThat(crashed.lastError()).contains("exited with code 3: Traceback: boom");
        assertThat(crashed.pid()).isEmpty();

        after(Duration.ofMillis(800));
        assertThat(processes.of(WATCH)).hasSize(1);
        after(Duration.ofMillis(200));
        assertThat(processes.of(WATCH)).hasSize(2);
        assertThat(state(WATCH).status()).isEqualTo(SensorStatus.RUNNING);
        assertThat(state(WATCH).restarts()).isEqualTo(1);

        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            processes.last(WATCH).crashes(1, "");
            after(Duration.ofMillis(10));
            int before = processes.of(WATCH).size();
            long waited = 0;
            while (processes.of(WATCH).size() == before) {
                after(Duration.ofMillis(500));
                waited += 500;
            }
            waits.add(waited);
        }
        assertThat(waits).containsExactly(2000L, 4000L, 8000L, 16000L, 32000L, 60000L, 60000L, 60000L);
        assertThat(state(WATCH).restarts()).isEqualTo(9);
    }

    @Test
    void aCrashAfterAStableMinuteIsRestartedAfterOneSecondAgain() {
        install(sensor(WATCH, true, Map.of()));
        supervisor.supervise();
        for (int i = 0; i < 3; i++) {
            processes.last(WATCH).crashes(1, "");
            after(Duration.ofMillis(10));
            after(Duration.ofSeconds(10));
        }
        assertThat(processes.of(WATCH)).hasSize(4);

        after(Duration.ofMinutes(1));
        processes.last(WATCH).crashes(1, "");
        after(Duration.ofMillis(10));
        after(Duration.ofSeconds(1));

        assertThat(processes.of(WATCH)).hasSize(5);
    }

    @Test
    void aSensorThatCannotStartIsFailedAndTriedAgainLater() {
        install(sensor(WATCH, true, Map.of()));
        processes.refuse(WATCH, true);

        supervisor.supervise();

        assertThat(state(WATCH).status()).isEqualTo(SensorStatus.FAILED);
        assertThat(state(WATCH).lastError()).contains("cannot start: python3 was not found on PATH");
        processes.refuse(WATCH, false);
        after(Duration.ofMillis(500));
        assertThat(processes.started()).isEmpty();
        after(Duration.ofMillis(500));
        assertThat(processes.of(WATCH)).hasSize(1);
        assertThat(state(WATCH).status()).isEqualTo(SensorStatus.RUNNING);
    }

    @Test
    void disablingStopsTheProcessAndRemovingForgetsTheSensor() {
        install(sensor(WATCH, true, Map.of()), sensor(IDLE, true, Map.of()));
        supervisor.supervise();
        states.recordError(WATCH, new SensorError(clock.instant(), "x", "y"), 3);

        install(sensor(WATCH, false, Map.of()), sensor(IDLE, true, Map.of()));
        supervisor.supervise();
        assertThat(processes.last(WATCH).stopped()).isTrue();
        assertThat(state(WATCH).status()).isEqualTo(SensorStatus.DISABLED);
        assertThat(state(WATCH).pid()).isEmpty();

        install(sensor(IDLE, true, Map.of()));
        supervisor.supervise();
        assertThat(states.find(WATCH)).isEmpty();
        assertThat(states.errors(WATCH, 10)).isEmpty();
        assertThat(processes.last(IDLE).stopped()).isFalse();

        tx.run(() -> catalog.delete("demo"));
        supervisor.supervise();
        assertThat(processes.last(IDLE).stopped()).isTrue();
        assertThat(states.list()).isEmpty();
    }

    @Test
    void aChangedSensorIsRestartedWithItsNewDefinition() {
        install(sensor(WATCH, true, Map.of("path", "/tmp/a")));
        supervisor.supervise();

        install(sensor(WATCH, true, Map.of("path", "/tmp/b")));
        supervisor.supervise();

        assertThat(processes.of(WATCH)).hasSize(2);
        assertThat(processes.of(WATCH).get(0).stopped()).isTrue();
        assertThat(processes.last(WATCH).sensor().config()).isEqualTo(Map.of("path", "/tmp/b"));
        assertThat(processes.last(WATCH).stopped()).isFalse();
    }

    @Test
    void onlyTheLeaderRunsSensorsAndLosingTheLeadStopsThem() {
        install(sensor(WATCH, true, Map.of()));
        leadership.leading = false;
        supervisor.supervise();
        assertThat(processes.started()).isEmpty();

        leadership.leading = true;
        supervisor.supervise();
        assertThat(processes.started()).hasSize(1);

        leadership.leading = false;
        supervisor.supervise();
        assertThat(processes.last(WATCH).stopped()).isTrue();
        assertThat(state(WATCH).status()).isEqualTo(SensorStatus.STOPPED);

        leadership.leading = true;
        supervisor.supervise();
        assertThat(processes.of(WATCH)).hasSize(2);
    }

    @Test
    void stopAllStopsEveryProcessAndResigns() {
        install(sensor(WATCH, true, Map.of()), sensor(IDLE, true, Map.of()));
        supervisor.supervise();

        supervisor.stopAll();

        assertThat(processes.started()).allMatch(ScriptedSensorProcesses.Process::stopped);
        assertThat(states.list()).extracting(SensorState::status).containsOnly(SensorStatus.STOPPED);
        assertThat(leadership.resigned).containsExactly(SensorSupervisor.DUTY);
    }

    /** Records what it is asked to submit; refuses a payload with {@code refuse} as its schema would. */
    private static final class RecordingIntake implements EventIntake {
        final List<SubmitEvent> submitted = new ArrayList<>();

        @Override
        public synchronized Event submit(SubmitEvent command) {
            if (command.payload().containsKey("refuse")) {
                throw UseCaseException.Invalid.of("payload.host", "payload.host is required");
            }
            submitted.add(command);
            return new Event(submitted.size(), Ref.parse(command.trigger()), command.payload(),
                    Instant.EPOCH, command.source());
        }
    }

    private static final class SwitchableLeadership implements Leadership {
        boolean leading = true;
        final List<String> resigned = new ArrayList<>();

        @Override
        public boolean lead(String duty) {
            return leading;
        }

        @Override
        public void resign(String duty) {
            resigned.add(duty);
        }
    }
}
