package io.attune.application.service;

import io.attune.application.port.in.ExecutionQueries.WorkerRuntime;
import io.attune.application.port.in.UseCaseException;
import io.attune.application.port.in.WorkerDuties;
import io.attune.application.port.out.ActionRepository;
import io.attune.application.port.out.ActionRunner;
import io.attune.application.port.out.ActionRunner.RunOutcome;
import io.attune.application.port.out.ExecutionOutputRepository;
import io.attune.application.port.out.ExecutionRepository;
import io.attune.application.port.out.PackRepository;
import io.attune.application.port.out.SecretCipher;
import io.attune.application.port.out.TransactionRunner;
import io.attune.application.port.out.WorkerRepository;
import io.attune.domain.action.Action;
import io.attune.domain.action.RunnerType;
import io.attune.domain.execution.Execution;
import io.attune.domain.execution.ExecutionStatus;
import io.attune.domain.execution.OutputChunk;
import io.attune.domain.pack.Pack;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * A worker: takes dispatched executions (scheduled → running with a lease), runs them with the runner of their
 * action, and writes the end through {@link ExecutionEnding} (terminal status, slot release, next admissions,
 * messages, in one transaction).
 * Renews the leases of what it holds (from the take until its end is written) on every heartbeat, and starts no action
 * whose execution it no longer holds; a worker that dies stops renewing and heartbeating, and the executor abandons its
 * executions once it is lost. What a subprocess action prints is stored in chunks while it runs ({@link #flushOutput},
 * and once more after its end, before the end is written). An orderly stop ({@link #beginStop}, then {@link #stop}) lets what
 * runs finish for a while, then kills what is left before it frees the slots.
 */
public final class WorkerService implements WorkerDuties {

    private static final System.Logger LOG = System.getLogger(WorkerService.class.getName());
    /** How an execution killed by an orderly stop ends: abandoned, with a reason that starts so. */
    public static final String SHUT_DOWN = "worker shut down";

    /**
     * How a worker is set up: it heartbeats every {@code heartbeat} (said to the registry, where the executor judges
     * from it whether the worker is lost) and holds a lease of {@code lease} on what it runs.
     */
    public record Settings(String name, String host, int capacity, Duration heartbeat, Duration lease,
                           Duration defaultTimeout, int outputCapBytes, Map<String, String> environment,
                           Map<String, String> labels) {
        public Settings {
            if (capacity < 1) {
                throw new IllegalArgumentException("capacity must be at least 1");
            }
            if (heartbeat.isNegative() || heartbeat.isZero()) {
                throw new IllegalArgumentException("heartbeat must be positive, got " + heartbeat);
            }
            environment = Map.copyOf(environment);
            labels = Map.copyOf(labels);
        }

        /** A worker without labels. */
        public Settings(String name, String host, int capacity, Duration heartbeat, Duration lease,
                        Duration defaultTimeout, int outputCapBytes, Map<String, String> environment) {
            this(name, host, capacity, heartbeat, lease, defaultTimeout, outputCapBytes, environment, Map.of());
        }
    }

    private final Settings settings;
    private final Map<RunnerType, ActionRunner> runners = new EnumMap<>(RunnerType.class);
    /** The runtimes this worker serves, as its runners found them, by runner code. */
    private final List<WorkerRuntime> runtimes;
    private final ExecutionRepository executions;
    private final ActionRepository actions;
    private final PackRepository packs;
    private final WorkerRepository workers;
    private final Secrets secrets;
    private final Dispatch dispatch;
    private final ExecutionEnding ending;
    private final TransactionRunner tx;
    private final Clock clock;
    private final Executor background;
    private final ExecutionOutputRepository outputs;
    /** The output of each running subprocess action, from its start until its last chunks are written. */
    private final Map<Long, OutputFollow> follows = new ConcurrentHashMap<>();
    /**
     * Held while chunks are taken and written: a run's last chunks wait for a flush in progress, so that every chunk
     * of an execution is stored before its end is written.
     */
    private final Object outputWrites = new Object();
    private final Map<Long, ActionRunner.RunningAction> running = new ConcurrentHashMap<>();
    /**
     * The executions this worker holds, from the take's commit until their end is written (a wider span than
     * {@link #running}: the start waits for a thread and the spawn, the end for a database connection): every
     * heartbeat renews their leases, so that the executor never abandons one of them while this worker is alive.
     */
    private final Set<Long> owned = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.Semaphore slots;
    private volatile GroupCommit<Long, Optional<Boolean>> inlineTakes;
    private volatile GroupCommit<RunEnd, EndOutcome> runEnds;
    /** Cancels heard for executions not (yet) running here, by when they were heard. */
    private final Map<Long, Instant> earlyCancels = new ConcurrentHashMap<>();
    private static final Duration EARLY_CANCEL_MEMORY = Duration.ofMinutes(1);
    /** Set by {@link #beginStop}: no more takes. */
    private volatile boolean stopping;
    /** Set by {@link #beginStop}: heartbeats say the worker is draining, not active. */
    private volatile boolean draining;
    /** Set by {@link #stop} once the drain is over: whatever still runs or starts is killed. */
    private volatile boolean killing;
    /** The drain that ran out, for the reason written on what it killed. */
    private volatile Duration drain = Duration.ZERO;
    /** The runs {@link #stop} killed: their end is written as abandoned, not canceled. */
    private final Set<Long> killedByStop = ConcurrentHashMap.newKeySet();
    /** Held by a heartbeat and by the stop's last word, so that no heartbeat makes a stopped worker active again. */
    private final Object registry = new Object();
    private boolean stopped;
    /**
     * Released by {@link #stop} (once the work queues are cancelled) or by {@link #close}: deliveries held back while
     * stopping are let go.
     */
    private final java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1);

    public WorkerService(Settings settings, List<ActionRunner> runners, ExecutionRepository executions,
                         ActionRepository actions, PackRepository packs, WorkerRepository workers,
                         SecretCipher cipher, Dispatch dispatch, ExecutionEnding ending, TransactionRunner tx, Clock clock,
                         Executor background, ExecutionOutputRepository outputs) {
        this.settings = settings;
        runners.forEach(r -> r.runners().forEach(type -> this.runners.put(type, r)));
        Map<String, WorkerRuntime> found = new java.util.TreeMap<>();
        this.runners.keySet().forEach(type -> found.put(type.code(),
                new WorkerRuntime(type.code(), Optional.empty(),
                        Optional.empty())));
        runners.forEach(r -> r.runtimes().stream().filter(d -> found.containsKey(d.runner()))
                .forEach(d -> found.put(d.runner(), d)));
        this.runtimes = List.copyOf(found.values());
        this.executions = executions;
        this.actions = actions;
        this.packs = packs;
        this.workers = workers;
        this.secrets = new Secrets(cipher);
        this.dispatch = dispatch;
        this.ending = ending;
        this.tx = tx;
        this.clock = clock;
        this.background = background;
        this.outputs = outputs;
        this.slots = new java.util.concurrent.Semaphore(settings.capacity(), true);
    }

    /** The runner types this worker can run (its queues). */
    public Set<RunnerType> runnerTypes() {
        return Set.copyOf(runners.keySet());
    }

    @Override
    public Set<String> runners() {
        return runners.keySet().stream().map(RunnerType::code).collect(java.util.stream.Collectors.toSet());
    }

    @Override
    public Map<String, String> labels() {
        return settings.labels();
    }

    public String name() {
        return settings.name();
    }

    /** Registers the worker; call once at start. */
    public void register() {
        tx.run(() -> workers.register(settings.name(), settings.host(), runtimes, settings.labels(),
                settings.capacity(), settings.heartbeat(), clock.instant()));
    }

    /**
     * Records a heartbeat and renews the leases of everything this worker holds, from the take until the end is written
     * (not only what runs: a start or an end that waits a while keeps its lease too). A run whose lease could not be renewed
     * is no longer this worker's (the executor judged the worker lost, say after a long pause, and freed its slot): its
     * process tree is killed at once, so that it does not overlap the execution admitted in its place.
     */
    public void heartbeat() {
        Instant now = clock.instant();
        List<Long> ids = new ArrayList<>(owned);
        int renewed;
        synchronized (registry) {
            if (stopped) {
                return;
            }
            renewed = tx.inTransaction(() -> {
                if (!workers.heartbeat(settings.name(), now)) {
                    workers.register(settings.name(), settings.host(), runtimes, settings.labels(),
                            settings.capacity(), settings.heartbeat(), now);
                }
                if (draining) {
                    workers.draining(settings.name(), now);
                }
                return ids.isEmpty() ? 0 : executions.renewLeases(settings.name(), ids, now.plus(settings.lease()));
            });
        }
        if (renewed < ids.size()) {
            killDisowned(ids);
        }
    }

    private void killDisowned(List<Long> ids) {
        for (long id : ids) {
            boolean ours = tx.readOnly(() -> executions.find(id))
                    .filter(e -> !e.status().isTerminal() && e.worker().equals(Optional.of(settings.name())))
                    .isPresent();
            ActionRunner.RunningAction run = running.get(id);
            if (!ours && run != null) {
                LOG.log(System.Logger.Level.WARNING, "execution " + id + " was ended without this worker (judged lost?):"
                        + " killing its process tree");
                run.cancel();
            }
        }
    }

    /** The runtimes this worker serves, as found at start. */
    public List<WorkerRuntime> runtimes() {
        return runtimes;
    }

    /**
     * The first step of an orderly stop: from now on the worker takes no more work (a delivery in hand is held until
     * {@link #stop} lets it go back to its queue) and says it is {@code draining}. Call it before the work queues are
     * cancelled, so that no delivery that arrives meanwhile is started.
     */
    public void beginStop() {
        stopping = true;
        synchronized (registry) {
            if (!stopped) {
                draining = true;
                tx.run(() -> workers.draining(settings.name(), clock.instant()));
            }
        }
    }

    /**
     * Orderly stop, in an order that never lets the next execution overlap one of these, once the work queues are no
     * longer consumed: lets go of the deliveries held since {@link #beginStop} (they go back to their queue for another
     * worker), lets what runs finish for up to {@code drain} (heartbeats go on renewing their leases), then kills the
     * process tree of every action still running, waits until each run is over and writes their ends as abandoned
     * ("worker shut down") through the normal end path, which frees their slots and admits the next, and only then
     * marks itself stopped. Returns false when runs were still not over {@code within} after the kill: their leases
     * then lapse and the executor abandons them once this worker is silent.
     */
    public boolean stop(Duration drain, Duration within) {
        beginStop();
        released.countDown();
        long drainEnd = System.nanoTime() + drain.toNanos();
        boolean drained;
        while (!(drained = idle()) && System.nanoTime() < drainEnd) {
            sleepQuietly(20);
        }
        if (!drained) {
            LOG.log(System.Logger.Level.INFO, "worker " + settings.name() + ": " + running.size() + " action(s) still"
                    + " running after the drain of " + drain + ": killing their process trees");
            killing = true;
            this.drain = drain;
            long deadline = System.nanoTime() + within.toNanos();
            while (!(drained = idle()) && System.nanoTime() < deadline) {
                running.forEach(this::killForStop);
                sleepQuietly(20);
            }
        }
        if (!drained) {
            LOG.log(System.Logger.Level.WARNING, "worker " + settings.name() + " stopped with " + running.size()
                    + " action(s) not yet over " + within + " after they were killed; their leases will lapse");
        }
        try {
            synchronized (registry) {
                stopped = true;
                tx.run(() -> workers.stopped(settings.name(), clock.instant()));
            }
        } finally {
            released.countDown();
        }
        return drained;
    }

    /** A run is over once its end is written and its slot released; a take in flight may still start one. */
    private boolean idle() {
        return slots.availablePermits() == settings.capacity();
    }

    private void killForStop(long id, ActionRunner.RunningAction run) {
        if (killedByStop.add(id)) {
            run.cancel();
        }
    }

    /**
     * {@inheritDoc} Blocks while the worker already runs {@code capacity} actions, so the broker's unacknowledged
     * deliveries (prefetch = capacity) bound what this worker takes on.
     */
    @Override
    public boolean take(long id) {
        holdWhileStopping();
        // an inline action ends before take returns: the broker's prefetch alone bounds how many run at once
        GroupCommit<Long, Optional<Boolean>> grouped = inlineTakes;
        Optional<Boolean> inline = grouped == null ? takeInline(id) : grouped.submit(id);
        if (inline.isPresent()) {
            return inline.get();
        }
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a free slot", e);
        }
        if (stopping) {
            slots.release();
            holdWhileStopping();
        }
        boolean started = false;
        try {
            started = takeAndStart(id);
            return started;
        } finally {
            if (!started) {
                slots.release();
            }
        }
    }

    @Override
    public boolean hasRoom() {
        return !stopping && slots.availablePermits() > 0;
    }

    private boolean takeAndStart(long id) {
        Optional<Taken> taken = dispatch.inTransaction(pending -> {
            Optional<Execution> found = executions.find(id).filter(e -> e.status() == ExecutionStatus.SCHEDULED);
            if (found.isEmpty()) {
                return Optional.<Taken>empty();
            }
            Execution scheduled = found.get();
            Optional<Action> action = actions.find(scheduled.action());
            Instant now = clock.instant();
            Execution started = scheduled.startedBy(settings.name(), now, now.plus(settings.lease()));
            if (!executions.update(started, ExecutionStatus.SCHEDULED)) {
                return Optional.<Taken>empty();
            }
            Optional<Path> packDir = action.flatMap(a -> packs.find(a.pack())).map(Pack::path).filter(p -> p != null).map(Path::of);
            dispatch.announce(started, e -> action.map(Action::runner).orElse(RunnerType.INTERNAL), now, pending);
            return Optional.of(new Taken(started, action, packDir));
        });
        if (taken.isEmpty()) {
            return false;
        }
        owned.add(id);
        try {
            background.execute(() -> {
                try {
                    run(taken.get());
                } finally {
                    owned.remove(id);
                    slots.release();
                }
            });
        } catch (RuntimeException e) {
            owned.remove(id);
            throw e;
        }
        return true;
    }

    /**
     * From now on, inline takes that arrive together are written by group commit ({@link GroupCommit}): one
     * transaction for the batch. A batch in which one execution changed under the take fails as a whole, and each of
     * its executions is then taken alone.
     */
    public void groupInlineTakes(int committers, int maxBatch) {
        inlineTakes = new GroupCommit<>("attune-inline-takes-" + settings.name(), committers, maxBatch,
                this::takeInlineAll, this::takeInline);
    }

    /**
     * From now on, the ends of runs that finish together are written by group commit ({@link GroupCommit}): one
     * transaction for the batch, so that the slot releases of one policy key are written under one lock and one commit
     * (a limit of 5 is then not one commit round trip per release). A batch in which one execution changed under its
     * end fails as a whole, and each end is then written alone.
     */
    public void groupRunEnds(int committers, int maxBatch) {
        runEnds = new GroupCommit<>("attune-run-ends-" + settings.name(), committers, maxBatch, this::endAll,
                end -> ending.end(end.id(), end.how()));
    }

    /** The end of one run: which execution, and how its run ends it. */
    private record RunEnd(long id, ExecutionEnding.Ending how) {
    }

    private List<GroupCommit.Outcome<EndOutcome>> endAll(List<RunEnd> ends) {
        return endTogether(ends.stream().map(end -> new ExecutionEnding.End(end.id(), end.how())).toList(), o -> o);
    }

    /**
     * Ends executions together in one transaction ({@link ExecutionEnding#endAllWithin}: their slots released under
     * one lock of each key). A lost race fails the batch as a whole (its releases are written), and each is then
     * ended alone.
     */
    private <O> List<GroupCommit.Outcome<O>> endTogether(List<ExecutionEnding.End> ends,
                                                         java.util.function.Function<EndOutcome, O> outcome) {
        return dispatch.inTransaction(pending -> {
            List<GroupCommit.Outcome<O>> results = new ArrayList<>();
            for (EndOutcome ended : ending.endAllWithin(ends, pending)) {
                if (ended instanceof EndOutcome.LostRace lost) {
                    throw new GroupCommit.BatchFailed("execution " + lost.id() + " changed while its end was written ("
                            + lost.expected().code() + " no longer)");
                }
                results.add(new GroupCommit.Outcome.Done<>(outcome.apply(ended)));
            }
            return results;
        });
    }

    /**
     * A stopping worker takes nothing: the delivery is held, unacknowledged, until its queues are no longer consumed
     * (or the listener stops and interrupts this wait), then refused, and the broker gives it to another worker. Held
     * rather than refused at once so that a listener still consuming does not get it straight back.
     */
    private void holdWhileStopping() {
        if (!stopping) {
            return;
        }
        try {
            released.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("the worker is stopping: the delivery goes back to its queue");
    }

    /** Stops grouping inline takes and run ends, and lets go of the deliveries held while stopping. */
    public void close() {
        released.countDown();
        GroupCommit<Long, Optional<Boolean>> grouped = inlineTakes;
        inlineTakes = null;
        if (grouped != null) {
            grouped.close();
        }
        GroupCommit<RunEnd, EndOutcome> ends = runEnds;
        runEnds = null;
        if (ends != null) {
            ends.close();
        }
    }

    private List<GroupCommit.Outcome<Optional<Boolean>>> takeInlineAll(List<Long> ids) {
        return endTogether(ids.stream().map(id -> new ExecutionEnding.End(id, this::runInlineEnd)).toList(),
                WorkerService::inlineTaken);
    }

    /**
     * Takes, runs and ends an execution of an inline runner (see {@link ActionRunner#inline}) in one transaction
     * through {@link ExecutionEnding}: found scheduled, run, then the slot release and the compare-and-set from
     * scheduled to its end. Empty when the execution's action is not inline; false when the execution was not there to
     * take (a lost race rolls back, releasing nothing).
     */
    private Optional<Boolean> takeInline(long id) {
        return inlineTaken(ending.end(id, this::runInlineEnd));
    }

    /** What an inline take came to: true when ended here, false when not there to take, empty when not inline. */
    private static Optional<Boolean> inlineTaken(EndOutcome outcome) {
        return switch (outcome) {
            case EndOutcome.Ended ended -> Optional.of(true);
            case EndOutcome.LostRace lost -> Optional.of(false);
            case EndOutcome.NotFound notFound -> notFound.current()
                    .filter(e -> e.status() == ExecutionStatus.SCHEDULED)
                    .map(e -> Optional.<Boolean>empty())
                    .orElse(Optional.of(false));
        };
    }

    /** Runs a scheduled execution of an inline action here and now; empty when it is not one to run inline. */
    private Optional<java.util.function.Function<Instant, Execution>> runInlineEnd(Execution scheduled) {
        if (scheduled.status() != ExecutionStatus.SCHEDULED) {
            return Optional.empty();
        }
        long id = scheduled.id();
        Optional<Action> action = actions.find(scheduled.action());
        ActionRunner runner = action.map(a -> runners.get(a.runner())).orElse(null);
        if (runner == null || !runner.inline() || earlyCancels.containsKey(id)) {
            return Optional.empty();
        }
        Instant start = clock.instant();
        Execution started = scheduled.startedBy(settings.name(), start, start.plus(settings.lease()));
        RunOutcome result = runInline(runner, action.get(), started);
        return Optional.of(now -> ended(started, result, now));
    }

    private RunOutcome runInline(ActionRunner runner, Action action, Execution execution) {
        try {
            Map<String, Object> parameters = parametersFor(action, execution);
            return Secrets.masked(action.parameters(), parameters, runner.start(new ActionRunner.RunRequest(
                    execution.id(), action, null, parameters, execution.timeoutSeconds().or(action::timeoutSeconds)
                    .map(Duration::ofSeconds).orElse(settings.defaultTimeout()), settings.environment(),
                    settings.outputCapBytes())).await());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new RunOutcome.FailedToStart("the worker was interrupted");
        } catch (UseCaseException e) {
            return new RunOutcome.FailedToStart(e.getMessage());
        } catch (RuntimeException e) {
            return new RunOutcome.FailedToStart("the worker failed to run the action: " + e.getMessage());
        }
    }

    /**
     * What the action receives: the stored parameters with its secret ones decrypted, here and nowhere before. A
     * Conflict naming the parameter when one cannot be decrypted (the execution then fails without starting).
     */
    private Map<String, Object> parametersFor(Action action, Execution execution) {
        return secrets.open(action.parameters(), execution.parameters());
    }

    @Override
    public void cancel(long id) {
        ActionRunner.RunningAction run = running.get(id);
        if (run != null) {
            run.cancel();
            return;
        }
        // the cancel may overtake the start of a run this worker just took: remember it for a while
        Instant now = clock.instant();
        earlyCancels.values().removeIf(at -> at.isBefore(now.minus(EARLY_CANCEL_MEMORY)));
        earlyCancels.put(id, now);
        ActionRunner.RunningAction started = running.get(id);
        if (started != null && earlyCancels.remove(id) != null) {
            started.cancel();
        }
    }

    private record Taken(Execution execution, Optional<Action> action, Optional<Path> packDirectory) {
    }

    private void run(Taken taken) {
        Execution execution = taken.execution();
        RunOutcome outcome;
        try {
            outcome = runToEnd(taken);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = new RunOutcome.FailedToStart("the worker was interrupted");
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "running execution " + execution.id() + " failed", e);
            outcome = new RunOutcome.FailedToStart("the worker failed to run the action: " + e.getMessage());
        } finally {
            running.remove(execution.id());
            writeLastOutput(execution.id());
        }
        // a run the stop killed ends abandoned; one that ended on its own meanwhile keeps its own end
        boolean stoppedHere = killedByStop.remove(execution.id());
        finish(execution.id(), outcome, stoppedHere);
    }

    private RunOutcome runToEnd(Taken taken) throws InterruptedException {
        Execution execution = taken.execution();
        if (taken.action().isEmpty()) {
            return new RunOutcome.FailedToStart("action '" + execution.action() + "' no longer exists");
        }
        Action action = taken.action().get();
        ActionRunner runner = runners.get(action.runner());
        if (runner == null) {
            return new RunOutcome.FailedToStart("this worker cannot run '" + action.runner().code() + "' actions");
        }
        Duration timeout = execution.timeoutSeconds().or(action::timeoutSeconds)
                .map(s -> Duration.ofSeconds(s)).orElse(settings.defaultTimeout());
        Map<String, Object> parameters;
        try {
            parameters = parametersFor(action, execution);
        } catch (UseCaseException e) {
            return new RunOutcome.FailedToStart(e.getMessage());
        }
        if (!stillOurs(execution.id())) {
            LOG.log(System.Logger.Level.WARNING, "execution " + execution.id() + " was ended without this worker"
                    + " between its take and its start (judged lost?): its action is not started");
            return new RunOutcome.FailedToStart("the execution was no longer this worker's when its action was to start");
        }
        ActionRunner.RunningAction run = runner.start(new ActionRunner.RunRequest(execution.id(), action,
                taken.packDirectory().orElse(null), parameters, timeout, settings.environment(),
                settings.outputCapBytes()));
        running.put(execution.id(), run);
        follows.put(execution.id(), new OutputFollow(execution.id(), run, Secrets.maskedValues(action.parameters(),
                parameters)));
        if (earlyCancels.remove(execution.id()) != null) {
            run.cancel();
        }
        if (killing) {
            killForStop(execution.id(), run);
        }
        return Secrets.masked(action.parameters(), parameters, run.await());
    }

    /**
     * Stores what the running actions printed since the last flush, all in one statement; no statement when none
     * printed anything. Called every flush interval (500 ms) while the worker runs.
     */
    public void flushOutput() {
        if (follows.isEmpty()) {
            return;
        }
        synchronized (outputWrites) {
            Instant now = clock.instant();
            List<OutputChunk> chunks = new ArrayList<>();
            follows.values().forEach(follow -> chunks.addAll(follow.take(now, false)));
            writeOutput(chunks);
        }
    }

    /** Stores the rest of a run's output once it ended, before its end is written; nothing when there is none. */
    private void writeLastOutput(long id) {
        synchronized (outputWrites) {
            OutputFollow follow = follows.remove(id);
            if (follow != null) {
                writeOutput(follow.take(clock.instant(), true));
            }
        }
    }

    /** A failed write loses those chunks only: the whole output is still written with the end. */
    private void writeOutput(List<OutputChunk> chunks) {
        if (chunks.isEmpty()) {
            return;
        }
        try {
            tx.run(() -> outputs.append(chunks));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "storing " + chunks.size() + " output chunk(s) of running actions"
                    + " failed: " + e.getMessage());
        }
    }

    /**
     * Whether this worker still holds the execution, renewing its lease if so: checked right before the process
     * starts, so that an execution the executor abandoned meanwhile (its slot freed, maybe admitted to another) never
     * gets its action started. A lease just renewed is not abandoned before it expires again, and the heartbeats renew
     * it from then on. A database failure here fails the run without starting it (the end says why).
     */
    private boolean stillOurs(long id) {
        Instant until = clock.instant().plus(settings.lease());
        return tx.inTransaction(() -> executions.renewLeases(settings.name(), List.of(id), until)) == 1;
    }

    /**
     * Writes the end of a run through {@link ExecutionEnding}: terminal status, slot release, next admissions and
     * messages, in one transaction. A lost race (the execution changed under the end: a cancel moved it to canceling)
     * is tried again from a fresh read; a transaction that fails (a deadlock the database broke, a lost connection) is
     * logged and retried.
     */
    private void finish(long id, RunOutcome outcome, boolean stoppedHere) {
        Optional<String> stopReason = stoppedHere ? Optional.of(SHUT_DOWN + ": the action outlasted the drain of "
                + drain.toMillis() / 1000.0 + " s; its process tree was killed") : Optional.empty();
        RuntimeException last = null;
        for (int attempt = 1; attempt <= 5; attempt++) {
            try {
                ExecutionEnding.Ending how = current -> endOfRun(current, outcome, stopReason);
                GroupCommit<RunEnd, EndOutcome> grouped = runEnds;
                EndOutcome ended = grouped == null ? ending.end(id, how) : grouped.submit(new RunEnd(id, how));
                if (!(ended instanceof EndOutcome.LostRace lost)) {
                    return; // ended, or no longer running here (ended by a sweep or a cancel meanwhile)
                }
                LOG.log(System.Logger.Level.DEBUG, "execution " + id + " changed while its end was written (was "
                        + lost.expected().code() + "; attempt " + attempt + ")");
                continue;
            } catch (RuntimeException e) {
                last = e;
                LOG.log(System.Logger.Level.WARNING, "writing the end of execution " + id + " failed (attempt "
                        + attempt + "): " + e.getMessage());
            }
            sleepQuietly(50L * attempt);
        }
        LOG.log(System.Logger.Level.ERROR, "could not write the end of execution " + id
                + "; its lease will lapse and it will be abandoned", last);
    }

    /** How a run ends the execution: only one still running (or canceling) is ended by its run. */
    private static Optional<java.util.function.Function<Instant, Execution>> endOfRun(Execution e, RunOutcome outcome,
                                                                                     Optional<String> stopReason) {
        if (e.status() != ExecutionStatus.RUNNING && e.status() != ExecutionStatus.CANCELING) {
            return Optional.empty();
        }
        return Optional.of(now -> stopReason.isPresent() && outcome instanceof RunOutcome.Canceled c
                ? e.finished(ExecutionStatus.ABANDONED, now, Optional.empty(), output(c.output()), Optional.empty(),
                        stopReason)
                : ended(e, outcome, now));
    }

    /** The execution as its run ended. */
    private static Execution ended(Execution e, RunOutcome outcome, Instant now) {
        return switch (outcome) {
            case RunOutcome.Exited x when x.exitCode() == 0 && x.resultError().isEmpty() ->
                    e.finished(ExecutionStatus.SUCCEEDED, now, Optional.of(0), output(x.output()), x.result(), Optional.empty());
            case RunOutcome.Exited x -> e.finished(ExecutionStatus.FAILED, now, Optional.of(x.exitCode()),
                    output(x.output()), x.result(), x.resultError().or(() -> Optional.of("exited with code " + x.exitCode())));
            case RunOutcome.TimedOut t -> e.finished(ExecutionStatus.TIMEOUT, now, Optional.empty(), output(t.output()),
                    Optional.empty(), Optional.of("timed out; the process tree was killed"));
            case RunOutcome.Canceled c -> e.finished(ExecutionStatus.CANCELED, now, Optional.empty(), output(c.output()),
                    Optional.empty(), Optional.of("canceled on request"));
            case RunOutcome.FailedToStart f -> e.finished(ExecutionStatus.FAILED, now, Optional.empty(),
                    Execution.Output.none(), Optional.empty(), Optional.of(f.reason()));
        };
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }


    private static Execution.Output output(ActionRunner.Output o) {
        return new Execution.Output(o.stdout(), o.stderr(), o.stdoutOverflowBytes(), o.stderrOverflowBytes());
    }
}
