package io.attune.application.service;

import io.attune.application.port.in.ExecutionCommands.ExecutionView;
import io.attune.application.port.in.ExecutionCommands.RequestExecution;
import io.attune.application.port.in.ExecutionQueries;
import io.attune.application.port.in.UseCaseException;
import io.attune.application.port.in.WorkflowCommands;
import io.attune.application.port.in.WorkflowDuties;
import io.attune.application.port.out.ActionRepository;
import io.attune.application.port.out.ExecutionRepository;
import io.attune.application.port.out.KeyRepository;
import io.attune.application.port.out.SecretCipher;
import io.attune.application.port.out.TransactionRunner;
import io.attune.application.port.out.WorkflowRepository;
import io.attune.application.port.out.WorkflowRepository.PendingRerun;
import io.attune.application.port.out.WorkflowRepository.StoredState;
import io.attune.domain.action.Action;
import io.attune.domain.action.RunnerType;
import io.attune.domain.common.Ref;
import io.attune.domain.execution.Execution;
import io.attune.domain.execution.ExecutionStatus;
import io.attune.domain.key.Key;
import io.attune.domain.key.KeyScope;
import io.attune.domain.workflow.TaskStatus;
import io.attune.domain.workflow.WorkflowCommand;
import io.attune.domain.workflow.WorkflowDefinition;
import io.attune.domain.workflow.WorkflowEngine;
import io.attune.domain.workflow.WorkflowEnv;
import io.attune.domain.workflow.WorkflowEvent;
import io.attune.domain.workflow.WorkflowSource;
import io.attune.domain.workflow.WorkflowState;
import io.attune.domain.workflow.WorkflowStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * Runs workflows: the engine ({@link WorkflowEngine}, pure) decides, this service stores its state and carries out its
 * commands in the transaction of each event (start, a child's end, a timer, pause, resume, cancel), so a crash resumes
 * exactly where it stopped. Children are ordinary executions ({@code parent} and {@code task} set), requested through
 * {@link ExecutionService} and ended through {@link ExecutionEnding}, whose end reaches their workflow here
 * ({@link #onEnded}). Messages are published after each commit.
 *
 * <p>A child's result as {@code result()} shows it: a shell, python or node action's is
 * {@code {stdout, stderr, return_code, succeeded, failed, result}} with {@code result} the parsed JSON output when the
 * action declares {@code output_format: json}, else the stdout; a subworkflow's is its output; an in-process action's
 * (core.noop, core.echo) has the same shape with its own result's fields beside ({@code message}); core.http's is its
 * own result. A child that could not be requested at all (unknown action,
 * parameters refused) ends its task failed at once with {@code {error}}.
 */
public final class WorkflowService implements WorkflowDuties, WorkflowCommands, EndListener, WaitListener {

    private static final System.Logger LOG = System.getLogger(WorkflowService.class.getName());
    private static final int TIMERS_PER_ROUND = 100;

    private final ExecutionService requests;
    private final ExecutionQueries queries;
    private final ExecutionRepository executions;
    private final ActionRepository actions;
    private final WorkflowRepository workflows;
    private final WorkflowCatalog catalog;
    private final WorkflowEngine engine;
    private final KeyRepository keys;
    private final Secrets secrets;
    private final Dispatch dispatch;
    private final ExecutionEnding ending;
    private final TransactionRunner tx;
    private final Clock clock;

    public WorkflowService(ExecutionService requests, ExecutionRepository executions, ActionRepository actions,
                           WorkflowRepository workflows, WorkflowCatalog catalog, WorkflowEngine engine,
                           KeyRepository keys, SecretCipher cipher, Dispatch dispatch, ExecutionEnding ending,
                           TransactionRunner tx, Clock clock) {
        this.requests = requests;
        this.queries = requests;
        this.executions = executions;
        this.actions = actions;
        this.workflows = workflows;
        this.catalog = catalog;
        this.engine = engine;
        this.keys = keys;
        this.secrets = new Secrets(cipher);
        this.dispatch = dispatch;
        this.ending = ending;
        this.tx = tx;
        this.clock = clock;
    }

    // ---- start ------------------------------------------------------------------------------------------------------

    @Override
    public boolean start(long id) {
        boolean started = dispatch.inTransaction(pending -> startWithin(id, pending));
        return started;
    }

    private boolean startWithin(long id, Dispatch.Pending pending) {
        Optional<Execution> found = executions.find(id).filter(e -> e.status() == ExecutionStatus.SCHEDULED);
        if (found.isEmpty()) {
            return false; // started already, canceled, or unknown: a redelivery does nothing
        }
        Execution scheduled = found.get();
        Instant now = clock.instant();
        Execution running = scheduled.moveTo(ExecutionStatus.RUNNING, now);
        if (!executions.update(running, ExecutionStatus.SCHEDULED)) {
            return false;
        }
        dispatch.announce(running, e -> RunnerType.WORKFLOW, now, pending);
        Optional<StoredState> rerun = workflows.findForUpdate(id);
        WorkflowEngine.Step step;
        StoredState stored;
        try {
            if (rerun.isPresent() && rerun.get().rerun().isPresent()) {
                stored = rerun.get();
                step = rerunStep(stored.rerun().get(), stored.definition());
                if (!workflows.update(id, step.state().toJson(), stored.version())) {
                    throw new IllegalStateException("the state of workflow " + id + " changed under its lock");
                }
            } else {
                WorkflowSource source = catalog.source(scheduled.action());
                WorkflowDefinition definition = catalog.parse(scheduled.action(), source);
                Map<String, Object> input = input(scheduled);
                step = engine.start(definition, input, env(id, scheduled.action()), now);
                stored = new StoredState(id, scheduled.action(), source, step.state().toJson(), Optional.empty(), 0);
                workflows.insert(stored);
            }
        } catch (UseCaseException | IllegalArgumentException | IllegalStateException cannot) {
            // the definition went away or broke since the request, or the engine refused to start: the workflow fails
            failUnstarted(id, cannot.getMessage(), pending);
            return true;
        }
        carryOut(id, step.commands(), pending);
        return true;
    }

    private void failUnstarted(long id, String why, Dispatch.Pending pending) {
        EndOutcome outcome = ending.endWithin(id, e -> e.status() == ExecutionStatus.RUNNING
                ? Optional.of(at -> e.endedWithout(ExecutionStatus.FAILED, at, "the workflow could not start: " + why))
                : Optional.empty(), pending);
        requireEnded(outcome);
    }

    /** The input a workflow starts with: its parameters, secret ones opened. */
    private Map<String, Object> input(Execution workflow) {
        Optional<Action> action = actions.find(workflow.action());
        return action.map(a -> secrets.open(a.parameters(), workflow.parameters())).orElse(workflow.parameters());
    }

    // ---- events -----------------------------------------------------------------------------------------------------

    /**
     * A child's end reaches its workflow, inside the child's ending transaction: the workflow's state row is locked,
     * the engine applies the end, and its commands are carried out there.
     */
    @Override
    public void onEnded(Execution ended, Dispatch.Pending pending) {
        if (ended.parent().isEmpty() || ended.task().isEmpty()) {
            return;
        }
        Execution.TaskOf task = ended.task().get();
        apply(ended.parent().getAsLong(), new WorkflowEvent.ChildEnded(task.run(), task.item(), task.attempt(),
                taskStatus(ended.status()), resultOf(ended), ended.finishedAt().orElseGet(clock::instant)), pending);
    }

    /**
     * A child that waits for a person (an inquiry put it in pending) reaches its workflow, inside the transaction that
     * made it wait: the workflow pauses once its other running children have ended, and resumes when the wait ends.
     */
    @Override
    public void onWaiting(Execution waiting, Dispatch.Pending pending) {
        if (waiting.parent().isEmpty() || waiting.task().isEmpty()) {
            return;
        }
        Execution.TaskOf task = waiting.task().get();
        apply(waiting.parent().getAsLong(), new WorkflowEvent.ChildWaiting(task.run(), task.item(), task.attempt(),
                clock.instant()), pending);
    }

    /**
     * Applies one event to workflow {@code id} in the caller's transaction: locks its state, stores the engine's new
     * state, then carries out the commands (a command may apply further events to this or another workflow, which
     * read the state just stored). Does nothing for an execution without a workflow state.
     */
    private void apply(long id, WorkflowEvent event, Dispatch.Pending pending) {
        Optional<StoredState> found = workflows.findForUpdate(id);
        if (found.isEmpty() || found.get().rerun().isPresent()) {
            return; // not a started workflow: nothing waits for this event
        }
        StoredState stored = found.get();
        WorkflowEngine.Step step;
        try {
            WorkflowDefinition definition = catalog.parse(stored.action(), stored.definition());
            step = engine.handle(definition, WorkflowState.fromJson(stored.state()), event, env(id, stored.action()));
        } catch (RuntimeException broken) {
            // the event is often a child's end, written in this transaction: a workflow that cannot go on fails,
            // and its other children are canceled, rather than holding the child's end back (and its slot) for ever
            LOG.log(System.Logger.Level.WARNING, "workflow " + id + " cannot apply " + event + ": " + broken, broken);
            finish(id, new WorkflowCommand.Finish(WorkflowStatus.FAILED, null, List.of(Map.of("type", "error",
                    "message", "the workflow could not go on: " + broken.getMessage()))), pending);
            cancelChildren(id, pending);
            return;
        }
        Map<String, Object> next = step.state().toJson();
        if (step.commands().isEmpty() && next.equals(stored.state())) {
            return; // a duplicate or stale event
        }
        if (!workflows.update(id, next, stored.version())) {
            throw new IllegalStateException("the state of workflow " + id + " changed under its lock");
        }
        carryOut(id, step.commands(), pending);
    }

    private void carryOut(long id, List<WorkflowCommand> commands, Dispatch.Pending pending) {
        for (WorkflowCommand command : commands) {
            switch (command) {
                case WorkflowCommand.RunChild run -> runChild(id, run, pending);
                case WorkflowCommand.StartTimer timer -> workflows.addTimer(new WorkflowRepository.Timer(id, timer.run(),
                        timer.attempt(), clock.instant().plusMillis(timer.delayMillis())));
                case WorkflowCommand.CancelChildren cancel -> cancelChildren(id, pending);
                case WorkflowCommand.PauseChildren pause -> childWorkflows(id, ExecutionStatus.RUNNING)
                        .forEach(child -> apply(child.id(), new WorkflowEvent.Pause(clock.instant()), pending));
                case WorkflowCommand.ResumeChildren resume -> childWorkflows(id, ExecutionStatus.PAUSING,
                        ExecutionStatus.PAUSED)
                        .forEach(child -> apply(child.id(), new WorkflowEvent.Resume(clock.instant()), pending));
                case WorkflowCommand.StatusChanged changed -> showStatus(id, changed.status(), pending);
                case WorkflowCommand.Finish finish -> finish(id, finish, pending);
            }
        }
    }

    private void runChild(long id, WorkflowCommand.RunChild run, Dispatch.Pending pending) {
        Execution.TaskOf task = new Execution.TaskOf(run.task(), run.run(), run.item(), run.attempt());
        ExecutionService.Stored stored;
        try {
            stored = requests.requestWithin(new RequestExecution(run.action(), run.input(), Optional.empty(),
                    OptionalLong.of(id), OptionalLong.empty()), Optional.of(task), pending);
        } catch (UseCaseException refused) {
            // nothing was written for the child: its task fails at once
            apply(id, new WorkflowEvent.ChildEnded(run.run(), run.item(), run.attempt(), TaskStatus.FAILED,
                    Map.of("error", refused.getMessage()), clock.instant()), pending);
            return;
        }
        Execution child = stored.execution();
        if (child.status().isTerminal()) {
            // a policy canceled or rejected it on the spot: no ending told anyone
            apply(id, new WorkflowEvent.ChildEnded(run.run(), run.item(), run.attempt(), taskStatus(child.status()),
                    resultOf(child), child.finishedAt().orElseGet(clock::instant)), pending);
        }
    }

    private List<Execution> childWorkflows(long id, ExecutionStatus... statuses) {
        List<ExecutionStatus> wanted = Arrays.asList(statuses);
        return executions.children(id).stream()
                .filter(child -> wanted.contains(child.status()) && isWorkflow(child)).toList();
    }

    /** Cancels every child that has not ended: waiting ones end here, running ones are stopped, workflows cascade. */
    private void cancelChildren(long id, Dispatch.Pending pending) {
        for (Execution seen : executions.children(id)) {
            // an earlier cancel in this loop may have ended it (a subworkflow that ended at once): read it again
            Execution child = executions.find(seen.id()).orElse(seen);
            switch (child.status()) {
                case SUCCEEDED, FAILED, TIMEOUT, CANCELED, ABANDONED, CANCELING -> {
                }
                case REQUESTED, DELAYED, SCHEDULED -> requireEnded(ending.endWithin(child.id(),
                        e -> e.status() == child.status()
                                ? Optional.of(at -> e.endedWithout(ExecutionStatus.CANCELED, at, "canceled with its workflow"))
                                : Optional.empty(), pending));
                case RUNNING, PENDING, PAUSING, PAUSED -> {
                    if (isWorkflow(child)) {
                        apply(child.id(), new WorkflowEvent.Cancel(clock.instant()), pending);
                    } else if (child.status() == ExecutionStatus.PENDING) {
                        // waiting for a person (core.ask): no worker to stop, it ends here and its inquiry with it
                        requireEnded(ending.endWithin(child.id(), e -> e.status() == ExecutionStatus.PENDING
                                ? Optional.of(at -> e.endedWithout(ExecutionStatus.CANCELED, at, "canceled with its workflow"))
                                : Optional.empty(), pending));
                    } else {
                        stop(child, pending);
                    }
                }
            }
        }
    }

    /** Running → canceling, with the cancel request its worker hears. */
    private void stop(Execution child, Dispatch.Pending pending) {
        Instant now = clock.instant();
        Execution canceling = child.moveTo(ExecutionStatus.CANCELING, now);
        if (!executions.update(canceling, child.status())) {
            throw new IllegalStateException("execution " + child.id() + " changed while its workflow canceled it");
        }
        dispatch.announce(canceling, dispatch::runnerOf, now, pending);
        dispatch.requestCancel(canceling, now, pending);
    }

    /**
     * Shows the workflow's status on its execution (and on the status feed): the status its state holds now, not the
     * one the command named, since carrying out earlier commands of the same step (a subworkflow resumed) may have moved
     * the workflow on meanwhile.
     */
    private void showStatus(long id, WorkflowStatus named, Dispatch.Pending pending) {
        WorkflowStatus status = workflows.findForUpdate(id)
                .map(stored -> WorkflowState.fromJson(stored.state()).status()).orElse(named);
        if (status.isTerminal()) {
            return; // its Finish ends the execution
        }
        ExecutionStatus target = switch (status) {
            case RUNNING -> ExecutionStatus.RUNNING;
            case PAUSING -> ExecutionStatus.PAUSING;
            case PAUSED -> ExecutionStatus.PAUSED;
            case CANCELING -> ExecutionStatus.CANCELING;
            case SUCCEEDED, FAILED, CANCELED -> throw new IllegalArgumentException(
                    "a workflow's end is a Finish, not a status change to " + status.code());
        };
        ExecutionStatus before = executions.find(id).map(Execution::status).orElse(target);
        moveWorkflow(id, target, pending).ifPresent(moved -> tellParent(moved, before, pending));
    }

    /**
     * A subworkflow that is now paused waits, for its parent, like a task waiting for a person (the parent can pause
     * in turn); once it runs again, it no longer waits.
     */
    private void tellParent(Execution moved, ExecutionStatus before, Dispatch.Pending pending) {
        if (moved.parent().isEmpty() || moved.task().isEmpty() || moved.status() == before) {
            return;
        }
        Execution.TaskOf task = moved.task().get();
        long parent = moved.parent().getAsLong();
        if (moved.status() == ExecutionStatus.PAUSED) {
            apply(parent, new WorkflowEvent.ChildWaiting(task.run(), task.item(), task.attempt(), clock.instant()), pending);
        } else if (moved.status() == ExecutionStatus.RUNNING && before == ExecutionStatus.PAUSED) {
            apply(parent, new WorkflowEvent.ChildResumed(task.run(), task.item(), task.attempt(), clock.instant()), pending);
        }
    }

    /** Moves a workflow execution to a non-terminal status; nothing when it is there already or cannot go there. */
    private Optional<Execution> moveWorkflow(long id, ExecutionStatus target, Dispatch.Pending pending) {
        Execution current = executions.find(id).orElseThrow(() -> new IllegalStateException("workflow " + id + " is gone"));
        if (current.status() == target) {
            return Optional.of(current);
        }
        if (!current.status().canMoveTo(target)) {
            LOG.log(System.Logger.Level.WARNING, "workflow " + id + " cannot show " + target.code() + " from "
                    + current.status().code());
            return Optional.empty();
        }
        Instant now = clock.instant();
        Execution moved = current.moveTo(target, now);
        if (!executions.update(moved, current.status())) {
            throw new IllegalStateException("workflow " + id + " changed status under its state lock");
        }
        dispatch.announce(moved, e -> RunnerType.WORKFLOW, now, pending);
        return Optional.of(moved);
    }

    /** Ends the workflow's execution: its result is the output, its errors stay in its state (shown with it). */
    private void finish(long id, WorkflowCommand.Finish finish, Dispatch.Pending pending) {
        ExecutionStatus terminal = switch (finish.status()) {
            case SUCCEEDED -> ExecutionStatus.SUCCEEDED;
            case FAILED -> ExecutionStatus.FAILED;
            case CANCELED -> ExecutionStatus.CANCELED;
            case RUNNING, PAUSING, PAUSED, CANCELING -> throw new IllegalArgumentException("not an end: " + finish.status());
        };
        Execution current = executions.find(id).orElseThrow(() -> new IllegalStateException("workflow " + id + " is gone"));
        if (current.status().isTerminal()) {
            return;
        }
        // the statuses a workflow passes on its way to this end, so that every move is one the table allows
        if (!current.status().canMoveTo(terminal)) {
            moveWorkflow(id, terminal == ExecutionStatus.CANCELED ? ExecutionStatus.CANCELING : ExecutionStatus.RUNNING,
                    pending);
        }
        Optional<String> why = finish.errors().isEmpty() ? Optional.empty() : Optional.of(finish.errors().stream()
                .map(error -> String.valueOf(error.getOrDefault("message", error)))
                .collect(Collectors.joining("; ")));
        Optional<Object> output = Optional.ofNullable(finish.output());
        requireEnded(ending.endWithin(id, e -> e.status().isTerminal() ? Optional.empty()
                : Optional.of(at -> e.finished(terminal, at, Optional.empty(), Execution.Output.none(), output,
                        why.or(() -> terminal == ExecutionStatus.CANCELED ? Optional.of("canceled on request")
                                : Optional.empty()))), pending));
    }

    private static void requireEnded(EndOutcome outcome) {
        if (outcome instanceof EndOutcome.LostRace lost) {
            // the ending wrote its slot release already: only a rollback of the whole transaction undoes it
            throw new IllegalStateException("execution " + lost.id() + " changed while it was ended; retrying");
        }
    }

    // ---- timers -----------------------------------------------------------------------------------------------------

    @Override
    public int fireDueTimers() {
        int fired = 0;
        while (fired < TIMERS_PER_ROUND) {
            boolean one = dispatch.inTransaction(pending -> {
                List<WorkflowRepository.Timer> due = workflows.dueTimers(clock.instant(), 1);
                if (due.isEmpty()) {
                    return false;
                }
                WorkflowRepository.Timer timer = due.get(0);
                workflows.deleteTimer(timer.execution(), timer.run(), timer.attempt());
                apply(timer.execution(), new WorkflowEvent.TimerDue(timer.run(), timer.attempt(), clock.instant()),
                        pending);
                return true;
            });
            if (!one) {
                break;
            }
            fired++;
        }
        return fired;
    }

    // ---- commands ---------------------------------------------------------------------------------------------------

    @Override
    public ExecutionView pause(long id) {
        return control(id, "paused", List.of(ExecutionStatus.RUNNING), new WorkflowEvent.Pause(clock.instant()));
    }

    @Override
    public ExecutionView resume(long id) {
        return control(id, "resumed", List.of(ExecutionStatus.PAUSING, ExecutionStatus.PAUSED),
                new WorkflowEvent.Resume(clock.instant()));
    }

    /**
     * Cancels a started workflow through its engine: its running children are canceled, and it ends canceled once
     * they have ended. Called by {@link ExecutionService#cancel} for a running, pausing or paused workflow.
     */
    ExecutionView cancel(long id) {
        return control(id, "canceled", List.of(ExecutionStatus.RUNNING, ExecutionStatus.PAUSING, ExecutionStatus.PAUSED),
                new WorkflowEvent.Cancel(clock.instant()));
    }

    private ExecutionView control(long id, String what, List<ExecutionStatus> from, WorkflowEvent event) {
        dispatch.inTransaction(pending -> {
            Execution current = workflowExecution(id);
            if (!from.contains(current.status())) {
                throw new UseCaseException.Conflict("workflow execution " + id + " cannot be " + what + " while "
                        + current.status().code());
            }
            if (workflows.findForUpdate(id).filter(s -> s.rerun().isEmpty()).isEmpty()) {
                throw new UseCaseException.Conflict("workflow execution " + id + " has not started yet");
            }
            apply(id, event, pending);
            return null;
        });
        return queries.get(id);
    }

    private Execution workflowExecution(long id) {
        Execution current = executions.find(id)
                .orElseThrow(() -> new UseCaseException.NotFound("execution", Long.toString(id)));
        if (!isWorkflow(current)) {
            throw new UseCaseException.Conflict("execution " + id + " is not a workflow (" + current.action() + ")");
        }
        return current;
    }

    @Override
    public ExecutionView rerun(long id, List<String> tasks, List<String> reset) {
        if (tasks.isEmpty()) {
            throw UseCaseException.Invalid.of("tasks", "name at least one task to rerun the workflow from");
        }
        long rerunId = dispatch.inTransaction(pending -> {
            Execution old = workflowExecution(id);
            if (!old.status().isTerminal()) {
                throw new UseCaseException.Conflict("workflow execution " + id + " has not ended ("
                        + old.status().code() + "): only an ended workflow is rerun");
            }
            StoredState previous = workflows.find(id).filter(s -> s.rerun().isEmpty()).orElseThrow(() ->
                    new UseCaseException.Conflict("workflow execution " + id + " never started: rerun it whole"));
            PendingRerun rerun = new PendingRerun(id, tasks, reset, clock.instant());
            WorkflowEngine.Step step;
            try {
                step = rerunStep(rerun, previous.definition());
            } catch (IllegalArgumentException unknown) {
                throw UseCaseException.Invalid.of("tasks", unknown.getMessage());
            }
            Map<String, Object> parameters = input(old);
            ExecutionService.Stored stored = requests.requestWithin(new RequestExecution(old.action().toString(),
                    parameters, old.timeoutSeconds(), OptionalLong.empty(), OptionalLong.empty()), Optional.empty(),
                    Optional.of(previous.definition()), pending);
            workflows.insert(new StoredState(stored.execution().id(), old.action(), previous.definition(),
                    step.state().toJson(), Optional.of(rerun), 0));
            return stored.execution().id();
        });
        return queries.get(rerunId);
    }

    /** The engine's rerun of an ended workflow; deterministic, so the same at the request and at the start. */
    private WorkflowEngine.Step rerunStep(PendingRerun rerun, WorkflowSource source) {
        StoredState previous = workflows.find(rerun.of()).orElseThrow(() ->
                new IllegalStateException("the workflow to rerun (" + rerun.of() + ") is gone"));
        WorkflowDefinition definition = catalog.parse(previous.action(), source);
        return engine.rerun(definition, WorkflowState.fromJson(previous.state()),
                new WorkflowEvent.Rerun(rerun.tasks(), rerun.reset(), rerun.at()), env(rerun.of(), previous.action()));
    }

    @Override
    public List<TaskRun> tasks(long id) {
        return tx.readOnly(() -> {
            workflowExecution(id);
            Optional<StoredState> stored = workflows.find(id).filter(s -> s.rerun().isEmpty());
            if (stored.isEmpty()) {
                return List.<TaskRun>of(); // not started yet
            }
            Map<Integer, List<Execution>> byRun = new HashMap<>();
            for (Execution child : executions.children(id)) {
                child.task().ifPresent(t -> byRun.computeIfAbsent(t.run(), r -> new ArrayList<>()).add(child));
            }
            return WorkflowState.fromJson(stored.get().state()).runs().stream().map(run -> new TaskRun(run.task(),
                    run.run(), run.status(), run.attempt(), run.startedAt(), run.endedAt(), run.route(), run.items(),
                    byRun.getOrDefault(run.run(), List.of()).stream()
                            .sorted(Comparator.comparingInt((Execution e) -> e.task().orElseThrow().item().orElse(-1))
                                    .thenComparingInt(e -> e.task().orElseThrow().attempt())
                                    .thenComparingLong(Execution::id))
                            .map(Execution::id).toList())).toList();
        });
    }

    @Override
    public WorkflowDefinition definition(long id) {
        return tx.readOnly(() -> {
            Execution workflow = workflowExecution(id);
            WorkflowSource source = workflows.find(id).map(StoredState::definition)
                    .orElseGet(() -> catalog.source(workflow.action()));
            return catalog.parse(workflow.action(), source);
        });
    }

    /** The errors of a workflow execution, as its state holds them; empty for other executions. */
    List<Map<String, Object>> errors(long id) {
        return workflows.find(id).filter(s -> s.rerun().isEmpty())
                .map(s -> WorkflowState.fromJson(s.state()).errors()).orElse(List.of());
    }

    // ---- what the engine reads --------------------------------------------------------------------------------------

    private WorkflowEnv env(long id, Ref action) {
        return new WorkflowEnv() {
            @Override
            public Optional<Object> key(String name) {
                return keyValue(action.pack(), name);
            }

            @Override
            public List<Object> itemResults(int run, int attempt, int count) {
                List<Object> results = new ArrayList<>(java.util.Collections.nCopies(count, null));
                for (Execution child : executions.taskChildren(id, run, attempt)) {
                    OptionalInt item = child.task().orElseThrow().item();
                    if (item.isPresent() && item.getAsInt() < count && child.status().isTerminal()) {
                        results.set(item.getAsInt(), resultOf(child));
                    }
                }
                return results;
            }
        };
    }

    /** {@code system.name} reads the system key, a bare name the workflow's pack's key, else the system's. */
    private Optional<Object> keyValue(String pack, String name) {
        Instant now = clock.instant();
        Optional<Key> key;
        try {
            key = name.startsWith("system.")
                    ? keys.find(name.substring("system.".length()), new KeyScope.System())
                    : keys.find(name, new KeyScope.Pack(pack)).filter(k -> !k.isExpired(now))
                            .or(() -> keys.find(name, new KeyScope.System()));
        } catch (IllegalArgumentException notAKeyName) {
            return Optional.empty();
        }
        return key.filter(k -> !k.isExpired(now)).flatMap(k -> {
            if (k.secret()) {
                // what a workflow reads may be published, stored in its state and shown as its output, in clear
                throw new IllegalArgumentException("key '" + name + "' is secret: a workflow does not read secrets"
                        + " (its context, state and output are stored and shown in clear); let a rule pass it to a"
                        + " secret parameter of the action instead");
            }
            try {
                return Optional.of(secrets.valueOf(k));
            } catch (UseCaseException.Conflict unreadable) {
                LOG.log(System.Logger.Level.WARNING, unreadable.getMessage());
                return Optional.empty();
            }
        });
    }

    /** A child's result in StackStorm's shape (see the class comment). */
    private Object resultOf(Execution child) {
        RunnerType runner = actions.find(child.action()).map(Action::runner).orElse(RunnerType.INTERNAL);
        return switch (runner) {
            case WORKFLOW, HTTP -> child.result().orElse(null);
            // core.ask's result is the answer, its secret fields opened for the workflow
            case INQUIRER -> secrets.openedAnswer(child).orElse(null);
            case INTERNAL -> {
                // StackStorm's core.echo is a shell action: keep its shape, with the in-process result's fields beside
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("stdout", child.output().stdout());
                result.put("stderr", child.output().stderr());
                result.put("return_code", child.exitCode().orElse(null));
                result.put("succeeded", child.status() == ExecutionStatus.SUCCEEDED);
                result.put("failed", child.status() != ExecutionStatus.SUCCEEDED);
                if (child.result().orElse(null) instanceof Map<?, ?> fields) {
                    fields.forEach((k, v) -> result.putIfAbsent(String.valueOf(k), v));
                }
                yield result;
            }
            case SHELL, PYTHON, NODE -> {
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("stdout", child.output().stdout());
                result.put("stderr", child.output().stderr());
                result.put("return_code", child.exitCode().orElse(null));
                result.put("succeeded", child.status() == ExecutionStatus.SUCCEEDED);
                result.put("failed", child.status() != ExecutionStatus.SUCCEEDED);
                result.put("result", child.result().orElse(child.output().stdout()));
                child.failure().ifPresent(why -> result.put("error", why));
                yield result;
            }
        };
    }

    private static TaskStatus taskStatus(ExecutionStatus status) {
        return switch (status) {
            case SUCCEEDED -> TaskStatus.SUCCEEDED;
            case FAILED, TIMEOUT, ABANDONED -> TaskStatus.FAILED;
            case CANCELED -> TaskStatus.CANCELED;
            case REQUESTED, DELAYED, SCHEDULED, RUNNING, PENDING, PAUSING, PAUSED, CANCELING ->
                    throw new IllegalArgumentException("a child that has not ended (" + status.code() + ") has no end");
        };
    }

    private boolean isWorkflow(Execution execution) {
        return dispatch.runnerOf(execution) == RunnerType.WORKFLOW;
    }
}
