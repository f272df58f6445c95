package io.attune.application.service;

import io.attune.application.port.in.CatalogQueries.ComponentFilter;
import io.attune.application.port.in.EventIntake;
import io.attune.application.port.in.EventIntake.SubmitEvent;
import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.application.port.in.SensorDuties;
import io.attune.application.port.in.UseCaseException;
import io.attune.application.port.out.Leadership;
import io.attune.application.port.out.PackRepository;
import io.attune.application.port.out.SensorProcesses;
import io.attune.application.port.out.SensorProcesses.Line;
import io.attune.application.port.out.SensorProcesses.RunningSensor;
import io.attune.application.port.out.SensorRepository;
import io.attune.application.port.out.SensorStateRepository;
import io.attune.application.port.out.TransactionRunner;
import io.attune.domain.common.Ref;
import io.attune.domain.event.EventSource;
import io.attune.domain.pack.Pack;
import io.attune.domain.sensor.RestartBackoff;
import io.attune.domain.sensor.Sensor;
import io.attune.domain.sensor.SensorError;
import io.attune.domain.sensor.SensorState;
import io.attune.domain.sensor.SensorStatus;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Keeps the enabled sensors of the catalog running on the instance that leads the {@code sensors} duty: starts them,
 * stops removed and disabled ones, restarts changed ones, restarts crashed ones after a {@link RestartBackoff}, and
 * turns each line a sensor writes into an event of one of its declared triggers, or into a recorded sensor error.
 */
public final class SensorSupervisor implements SensorDuties {

    /** The name of the duty in {@link Leadership}. */
    public static final String DUTY = "sensors";

    private static final Logger LOG = System.getLogger(SensorSupervisor.class.getName());
    private static final int STDERR_IN_ERROR = 1000;

    /**
     * @param instance   names this instance in each sensor's state
     * @param errorsKept how many malformed lines are kept per sensor
     */
    public record Settings(String instance, int errorsKept) {
        public Settings {
            if (instance == null || instance.isBlank()) {
                throw new IllegalArgumentException("the supervisor's instance must be named");
            }
            if (errorsKept < 1) {
                throw new IllegalArgumentException("errorsKept must be positive, got " + errorsKept);
            }
        }
    }

    private final Settings settings;
    private final SensorRepository sensors;
    private final PackRepository packs;
    private final SensorStateRepository states;
    private final SensorProcesses processes;
    private final EventIntake intake;
    private final Leadership leadership;
    private final TransactionRunner tx;
    private final Clock clock;
    /** The sensors this instance supervises now, enabled ones only. Guarded by {@code this}. */
    private final Map<Ref, Supervised> supervised = new HashMap<>();

    public SensorSupervisor(Settings settings, SensorRepository sensors, PackRepository packs,
                            SensorStateRepository states, SensorProcesses processes, EventIntake intake,
                            Leadership leadership, TransactionRunner tx, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.sensors = sensors;
        this.packs = packs;
        this.states = states;
        this.processes = processes;
        this.intake = intake;
        this.leadership = leadership;
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public synchronized void supervise() {
        if (!leads()) {
            if (!supervised.isEmpty()) {
                LOG.log(Level.WARNING, "no longer leading the sensors: stopping {0} sensor process(es)", supervised.size());
                stopEverything();
            }
            return;
        }
        Map<Ref, Placed> catalog = catalog();
        Map<Ref, SensorState> stored = tx.readOnly(states::list).stream()
                .collect(Collectors.toMap(SensorState::sensor, s -> s));
        retire(catalog);
        for (Ref gone : stored.keySet()) {
            if (!catalog.containsKey(gone)) {
                tx.run(() -> states.remove(gone));
            }
        }
        for (Placed placed : catalog.values()) {
            Ref ref = placed.sensor().ref();
            Optional<SensorState> before = Optional.ofNullable(stored.get(ref));
            if (!placed.sensor().enabled()) {
                SensorState disabled = new SensorState(ref, SensorStatus.DISABLED, Optional.empty(), Optional.empty(),
                        Optional.empty(), before.map(SensorState::restarts).orElse(0),
                        before.flatMap(SensorState::lastExitCode), before.flatMap(SensorState::lastError),
                        before.map(SensorState::eventsEmitted).orElse(0L), before.map(SensorState::errors).orElse(0L),
                        clock.instant());
                saveIfChanged(before, disabled);
                continue;
            }
            Supervised s = supervised.computeIfAbsent(ref, r -> new Supervised(placed, before));
            s.step(clock.instant());
            saveIfChanged(before, s.state(clock.instant()));
        }
    }

    @Override
    public synchronized void stopAll() {
        stopEverything();
        try {
            leadership.resign(DUTY);
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "could not resign the sensors duty: {0}", e.getMessage());
        }
    }

    private boolean leads() {
        try {
            return leadership.lead(DUTY);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot tell who leads the sensors: {0}", e.getMessage());
            return false;
        }
    }

    /** Stops the processes of sensors that are gone, disabled or changed (a changed one starts anew this round). */
    private void retire(Map<Ref, Placed> catalog) {
        for (Iterator<Map.Entry<Ref, Supervised>> it = supervised.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Ref, Supervised> entry = it.next();
            Placed now = catalog.get(entry.getKey());
            if (now == null || !now.sensor().enabled() || !now.equals(entry.getValue().placed)) {
                LOG.log(Level.INFO, "sensor {0} {1}: stopping it", entry.getKey(),
                        now == null ? "was removed" : !now.sensor().enabled() ? "was disabled" : "changed");
                entry.getValue().stopProcess();
                it.remove();
            }
        }
    }

    private void stopEverything() {
        for (Supervised s : supervised.values()) {
            s.stopProcess();
            SensorState state = s.state(clock.instant());
            try {
                tx.run(() -> states.save(new SensorState(state.sensor(), SensorStatus.STOPPED, state.instance(),
                        Optional.empty(), Optional.empty(), state.restarts(), state.lastExitCode(), state.lastError(),
                        state.eventsEmitted(), state.errors(), state.updatedAt())));
            } catch (RuntimeException e) {
                LOG.log(Level.DEBUG, "could not record sensor {0} stopped: {1}", state.sensor(), e.getMessage());
            }
        }
        supervised.clear();
    }

    private void saveIfChanged(Optional<SensorState> before, SensorState now) {
        if (before.isEmpty() || !sameApartFromTime(before.get(), now)) {
            tx.run(() -> states.save(now));
        }
    }

    private static boolean sameApartFromTime(SensorState a, SensorState b) {
        return a.equals(new SensorState(b.sensor(), b.status(), b.instance(), b.pid(), b.startedAt(), b.restarts(),
                b.lastExitCode(), b.lastError(), b.eventsEmitted(), b.errors(), a.updatedAt()));
    }

    /** Every sensor of the catalog with its pack's directory, by ref. */
    private Map<Ref, Placed> catalog() {
        return tx.readOnly(() -> {
            Map<Ref, Placed> all = new LinkedHashMap<>();
            Map<String, Optional<Path>> directories = new HashMap<>();
            ComponentFilter everything = new ComponentFilter(Optional.empty(), Optional.empty());
            int offset = 0;
            Page<Sensor> page;
            do {
                page = sensors.list(everything, new PageRequest(PageRequest.MAX_LIMIT, offset));
                for (Sensor sensor : page.items()) {
                    Optional<Path> directory = directories.computeIfAbsent(sensor.ref().pack(),
                            pack -> packs.find(pack).map(Pack::path).flatMap(SensorSupervisor::path));
                    all.put(sensor.ref(), new Placed(sensor, directory));
                }
                offset += page.items().size();
            } while (!page.items().isEmpty() && offset < page.total());
            return all;
        });
    }

    private static Optional<Path> path(String text) {
        try {
            return text == null || text.isBlank() ? Optional.empty() : Optional.of(Path.of(text));
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    /** A sensor as the catalog has it, with the directory its pack was installed from. */
    private record Placed(Sensor sensor, Optional<Path> directory) {
    }

    /** One enabled sensor under supervision: its current process (if any), backoff and counters. */
    private final class Supervised {

        private final Placed placed;
        private final Set<String> declared;
        private final AtomicLong events;
        private final AtomicLong errors;
        private RestartBackoff backoff = RestartBackoff.none();
        private RunningSensor process;
        private SensorStatus status = SensorStatus.STOPPED;
        private Instant startedAt;
        private Instant nextStart;
        private boolean attempted;
        private int restarts;
        private Optional<Integer> lastExitCode;
        private Optional<String> lastError;

        Supervised(Placed placed, Optional<SensorState> before) {
            this.placed = placed;
            this.declared = placed.sensor().triggers().stream().map(Ref::toString).collect(Collectors.toSet());
            this.events = new AtomicLong(before.map(SensorState::eventsEmitted).orElse(0L));
            this.errors = new AtomicLong(before.map(SensorState::errors).orElse(0L));
            this.restarts = before.map(SensorState::restarts).orElse(0);
            this.lastExitCode = before.flatMap(SensorState::lastExitCode);
            this.lastError = before.flatMap(SensorState::lastError);
        }

        Ref ref() {
            return placed.sensor().ref();
        }

        /** Notices an ended process, or starts one when none runs and the backoff allows. */
        void step(Instant now) {
            if (process != null) {
                if (!process.alive()) {
                    ended(now);
                }
                return;
            }
            if (nextStart != null && now.isBefore(nextStart)) {
                return;
            }
            if (attempted) {
                restarts++;
            }
            attempted = true;
            SensorProcesses.Start start = placed.directory().isEmpty()
                    ? new SensorProcesses.Start.Refused("the sensor's pack has no installation directory")
                    : processes.start(placed.sensor(), placed.directory().get(), this::line);
            switch (start) {
                case SensorProcesses.Start.Started started -> {
                    process = started.process();
                    startedAt = now;
                    status = SensorStatus.RUNNING;
                    LOG.log(Level.INFO, "sensor {0} started (pid {1})", ref(), Long.toString(process.pid()));
                }
                case SensorProcesses.Start.Refused refused -> {
                    backoff = backoff.afterCrash(Duration.ZERO);
                    nextStart = now.plus(backoff.delay());
                    status = SensorStatus.FAILED;
                    lastError = Optional.of("cannot start: " + refused.reason());
                    LOG.log(Level.WARNING, "sensor {0} cannot start: {1}", ref(), refused.reason());
                }
            }
        }

        private void ended(Instant now) {
            lastExitCode = process.exitCode();
            String tail = process.stderrTail().strip();
            if (tail.length() > STDERR_IN_ERROR) {
                tail = "..." + tail.substring(tail.length() - STDERR_IN_ERROR);
            }
            lastError = Optional.of("exited" + lastExitCode.map(c -> " with code " + c).orElse("")
                    + (tail.isEmpty() ? "" : ": " + tail));
            backoff = backoff.afterCrash(Duration.between(startedAt, now));
            nextStart = now.plus(backoff.delay());
            status = SensorStatus.BACKOFF;
            process = null;
            LOG.log(Level.WARNING, "sensor {0} {1}; restarting in {2}", ref(), lastError.get(), backoff.delay());
        }

        void stopProcess() {
            if (process != null) {
                process.stop();
                process = null;
            }
            status = SensorStatus.STOPPED;
        }

        SensorState state(Instant now) {
            boolean running = process != null;
            return new SensorState(ref(), status, Optional.of(settings.instance()),
                    running ? Optional.of(process.pid()) : Optional.empty(),
                    running ? Optional.of(startedAt) : Optional.empty(), restarts, lastExitCode, lastError,
                    events.get(), errors.get(), now);
        }

        /** Called on the process's reader thread for each stdout line. */
        void line(Line line) {
            switch (line) {
                case Line.Malformed malformed -> error(malformed.text(), malformed.reason());
                case Line.JsonObject object -> emit(object);
            }
        }

        @SuppressWarnings("unchecked")
        private void emit(Line.JsonObject object) {
            Map<String, Object> value = object.value();
            if (!(value.get("trigger") instanceof String trigger) || trigger.isBlank()) {
                error(object.text(), "no \"trigger\": each line must be {\"trigger\": \"<ref>\", \"payload\": {...}}");
                return;
            }
            if (!declared.contains(trigger)) {
                error(object.text(), "trigger '" + trigger + "' is not one of the sensor's triggers "
                        + placed.sensor().triggers().stream().map(Ref::toString).sorted().toList());
                return;
            }
            Object payload = value.getOrDefault("payload", Map.of());
            if (!(payload instanceof Map<?, ?>)) {
                error(object.text(), "\"payload\" must be a JSON object");
                return;
            }
            try {
                intake.submit(new SubmitEvent(trigger, (Map<String, Object>) payload,
                        Optional.of(EventSource.sensor(ref()))));
                events.incrementAndGet();
            } catch (UseCaseException e) {
                error(object.text(), e.getMessage());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "an event of sensor {0} could not be recorded: {1}", ref(), e.getMessage());
                error(object.text(), "the event could not be recorded: " + e.getMessage());
            }
        }

        private void error(String text, String reason) {
            errors.incrementAndGet();
            try {
                tx.run(() -> states.recordError(ref(), new SensorError(clock.instant(), text, reason),
                        settings.errorsKept()));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not record an error of sensor {0}: {1}", ref(), e.getMessage());
            }
        }
    }
}
