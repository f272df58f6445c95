package io.attune.domain.workflow;

import io.attune.domain.workflow.TaskSpec.Transition;
import io.attune.domain.workflow.WorkflowDefinition.Assignment;
import io.attune.domain.workflow.WorkflowState.Arrival;
import io.attune.domain.workflow.WorkflowState.JoinWait;
import io.attune.domain.workflow.WorkflowState.Run;
import io.attune.domain.workflow.expr.ExpressionException;
import io.attune.domain.workflow.expr.Expressions;
import io.attune.domain.workflow.expr.Scope;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The workflow engine: a pure function from (definition, state, event) to (new state, commands), with Orquesta's
 * semantics: start tasks are those no transition leads to; a task's transitions are evaluated in order when it ends,
 * each taken one publishing into the context it carries; a task without {@code join} runs once per arrival, a join
 * waits for all (or a count of) its inbound tasks; with-items runs each item once within its concurrency; retries and
 * delays wait on timers; a failure no transition handles fails the workflow once its running tasks end, and nothing
 * new starts meanwhile (fail-fast). No clock, no I/O: times come with the events, keys and item results through
 * {@link WorkflowEnv}.
 */
public final class WorkflowEngine {

    private final Expressions expressions;

    public WorkflowEngine(Expressions expressions) {
        this.expressions = expressions;
    }

    /** The new state and what the platform must do, in order. */
    public record Step(WorkflowState state, List<WorkflowCommand> commands) {
        public Step {
            commands = List.copyOf(commands);
        }
    }

    /**
     * Problems of an input against the workflow's declared input (an undeclared name, a required one missing), each
     * as (field, message); empty when the input is acceptable.
     */
    public static List<Map.Entry<String, String>> checkInput(WorkflowDefinition definition, Map<String, Object> input) {
        List<Map.Entry<String, String>> problems = new ArrayList<>();
        Set<String> declared = definition.input().stream().map(WorkflowDefinition.InputParam::name)
                .collect(Collectors.toSet());
        input.keySet().stream().filter(k -> !declared.contains(k)).sorted().forEach(k -> problems.add(
                new AbstractMap.SimpleImmutableEntry<>("parameters." + k, "is not an input of this workflow (it takes: "
                        + (declared.isEmpty() ? "nothing" : String.join(", ", declared.stream().sorted().toList())) + ")")));
        definition.input().stream().filter(p -> !p.hasDefault() && !input.containsKey(p.name())).forEach(p ->
                problems.add(new AbstractMap.SimpleImmutableEntry<>("parameters." + p.name(), "is required")));
        return problems;
    }

    /** Starts a workflow: input with defaults, vars rendered, start tasks requested. Call checkInput first. */
    public Step start(WorkflowDefinition definition, Map<String, Object> input, WorkflowEnv env, Instant at) {
        WorkflowState state = new WorkflowState();
        state.startedAt = at;
        Turn turn = new Turn(definition, state, env, at);
        try {
            for (WorkflowDefinition.InputParam p : definition.input()) {
                Object value = input.containsKey(p.name()) ? WorkflowState.copy(input.get(p.name()))
                        : turn.render(p.defaultValue(), Scope.of(state.ctx0));
                state.ctx0.put(p.name(), value);
            }
            for (Assignment v : definition.vars()) {
                state.ctx0.put(v.name(), turn.render(v.value(), Scope.of(state.ctx0)));
            }
        } catch (ExpressionException e) {
            state.errors.add(error(e.getMessage(), null));
            state.failing = true;
            turn.settle();
            return new Step(state, turn.commands);
        }
        for (TaskSpec task : definition.startTasks()) {
            turn.arrive(task.name(), state.ctx0, null); // contexts are shared, never changed once stored
        }
        turn.settle();
        return new Step(state, turn.commands);
    }

    /** Applies one event (not {@link WorkflowEvent.Rerun}: see {@link #rerun}). The given state is not changed. */
    public Step handle(WorkflowDefinition definition, WorkflowState given, WorkflowEvent event, WorkflowEnv env) {
        WorkflowState state = given.copyOf();
        Turn turn = new Turn(definition, state, env, event.at());
        switch (event) {
            case WorkflowEvent.ChildEnded ended -> turn.childEnded(ended);
            case WorkflowEvent.TimerDue due -> turn.timerDue(due);
            case WorkflowEvent.ChildWaiting waiting -> turn.childWaits(waiting.run(), waiting.item(), waiting.attempt(), true);
            case WorkflowEvent.ChildResumed resumed -> turn.childWaits(resumed.run(), resumed.item(), resumed.attempt(), false);
            case WorkflowEvent.Pause pause -> turn.pause();
            case WorkflowEvent.Resume resume -> turn.resume();
            case WorkflowEvent.Cancel cancel -> turn.cancel();
            case WorkflowEvent.Rerun rerun -> throw new IllegalArgumentException("a rerun starts a new workflow: use rerun()");
        }
        if (!given.status().isTerminal()) {
            turn.reconcileWaits();
            turn.settle();
        }
        return new Step(state, turn.commands);
    }

    /**
     * The start of a new workflow that reruns an ended one ({@code previous}) from the tasks the event names, with the
     * context those tasks started with. Throws IllegalArgumentException naming a task that never ran or is unknown.
     */
    public Step rerun(WorkflowDefinition definition, WorkflowState previous, WorkflowEvent.Rerun event, WorkflowEnv env) {
        if (!previous.status().isTerminal()) {
            throw new IllegalArgumentException("only an ended workflow can be rerun; this one is " + previous.status().code());
        }
        if (event.tasks().isEmpty()) {
            throw new IllegalArgumentException("name at least one task to rerun from");
        }
        WorkflowState state = new WorkflowState();
        state.startedAt = event.at();
        state.ctx0 = WorkflowState.copyMap(previous.ctx0);
        Turn turn = new Turn(definition, state, env, event.at());
        for (String name : event.reset()) {
            if (!event.tasks().contains(name)) {
                throw new IllegalArgumentException("task '" + name + "' is reset but not rerun: name it in tasks too");
            }
        }
        for (String name : event.tasks()) {
            if (definition.task(name).isEmpty()) {
                throw new IllegalArgumentException("the workflow has no task '" + name + "'");
            }
            Run last = previous.runs.stream().filter(r -> r.task.equals(name)).reduce((a, b) -> b)
                    .orElseThrow(() -> new IllegalArgumentException("task '" + name + "' did not run, so it cannot be rerun"));
            Map<String, Object> carried = new LinkedHashMap<>();
            if (last.withItems() && !event.reset().contains(name)) {
                List<Object> results = env.itemResults(last.id, last.attempt, last.items.size());
                for (int i = 0; i < last.itemStatus.length; i++) {
                    if (last.itemStatus[i] == 's') {
                        carried.put(Integer.toString(i), i < results.size() ? results.get(i) : null);
                    }
                }
                last.carried.forEach(carried::putIfAbsent);
            }
            turn.startRun(name, WorkflowState.copyMap(last.ctx), carried);
        }
        turn.settle();
        return new Step(state, turn.commands);
    }

    private static Map<String, Object> error(String message, String task) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("type", "error");
        e.put("message", message);
        if (task != null) {
            e.put("task_id", task);
            e.put("route", 0);
        }
        return e;
    }

    /** One event's work on a state: the commands it gives, in order. */
    private final class Turn {
        final WorkflowDefinition def;
        final WorkflowState s;
        final WorkflowEnv env;
        final Instant at;
        final List<WorkflowCommand> commands = new ArrayList<>();

        Turn(WorkflowDefinition def, WorkflowState s, WorkflowEnv env, Instant at) {
            this.def = def;
            this.s = s;
            this.env = env;
            this.at = at;
        }

        Object render(Object raw, Scope scope) {
            try {
                return expressions.render(raw, scope);
            } catch (ExpressionException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new ExpressionException(String.valueOf(raw), String.valueOf(e.getMessage()));
            }
        }

        boolean isTrue(String raw, Scope scope) {
            try {
                return expressions.isTrue(raw, scope);
            } catch (ExpressionException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new ExpressionException(raw, String.valueOf(e.getMessage()));
            }
        }

        TaskSpec spec(String task) {
            return def.task(task).orElseThrow(() -> new IllegalStateException("the workflow has no task '" + task + "'"));
        }

        // ---- arrivals and starts ----

        /** A transition (or the start) reached {@code task}; a join waits for its inbound tasks. */
        void arrive(String task, Map<String, Object> ctx, String from) {
            TaskSpec spec = spec(task);
            if (spec.join().isEmpty()) {
                s.ready.add(new Arrival(task, ctx));
                return;
            }
            JoinWait wait = s.joins.computeIfAbsent(task, t -> new JoinWait());
            wait.arrived.add(from == null ? "" : from);
            wait.ctx.putAll(ctx);
            boolean satisfied = spec.join().get().count().isPresent()
                    ? wait.arrived.size() >= spec.join().get().count().getAsInt()
                    : wait.arrived.containsAll(def.inbound(task));
            if (satisfied) {
                s.joins.remove(task);
                s.ready.add(new Arrival(task, wait.ctx));
            }
        }

        /** Starts what waits, fills with-items, and ends the workflow when nothing is left to wait for. */
        void settle() {
            while (s.status == WorkflowStatus.RUNNING && !s.failing) {
                if (!s.ready.isEmpty()) {
                    Arrival a = s.ready.poll();
                    startRun(a.task(), a.ctx(), Map.of());
                    continue;
                }
                Optional<Run> due = s.runs.stream().filter(r -> r.status == TaskStatus.DELAYED && r.due).findFirst();
                if (due.isPresent()) {
                    due.get().due = false;
                    begin(due.get());
                    continue;
                }
                boolean filled = false;
                for (Run r : s.runs) {
                    if (r.status == TaskStatus.RUNNING && r.withItems() && r.count('p') > 0 && fill(r)) {
                        filled = true;
                    }
                }
                if (!filled) {
                    break;
                }
            }
            boolean inFlight = s.runs.stream().anyMatch(Run::active);
            boolean busy = s.runs.stream().anyMatch(Run::busy);
            switch (s.status) {
                case RUNNING -> {
                    if (inFlight) {
                        return;
                    }
                    if (!s.failing && !s.ready.isEmpty()) {
                        return;
                    }
                    // runs with nothing in flight that could not go on: items never started, delays never due
                    for (Run r : s.runs) {
                        if (r.status == TaskStatus.RUNNING || r.status == TaskStatus.DELAYED) {
                            r.status = TaskStatus.FAILED;
                            r.endedAt = at;
                        }
                    }
                    if (!s.failing) {
                        s.joins.forEach((task, wait) -> s.errors.add(error("UnreachableJoinError: the join task '" + task
                                + "' is partially satisfied but unreachable", task)));
                    }
                    finish(s.failing || !s.joins.isEmpty() ? WorkflowStatus.FAILED : WorkflowStatus.SUCCEEDED);
                }
                case PAUSING -> {
                    if (busy) {
                        return;
                    }
                    s.status = WorkflowStatus.PAUSED;
                    commands.add(new WorkflowCommand.StatusChanged(WorkflowStatus.PAUSED));
                }
                case CANCELING -> {
                    if (!inFlight) {
                        finish(WorkflowStatus.CANCELED);
                    }
                }
                case PAUSED, CANCELED, SUCCEEDED, FAILED -> {
                }
            }
        }

        void startRun(String task, Map<String, Object> ctx, Map<String, Object> carried) {
            Run r = new Run();
            r.id = s.runs.size();
            r.task = task;
            r.ctx = ctx;
            r.startedAt = at;
            r.carried = new LinkedHashMap<>(carried);
            s.runs.add(r);
            r.starts.add(s.sequence.size());
            s.sequence.add(task);
            TaskSpec spec = spec(task);
            if (spec.delay().isPresent()) {
                try {
                    long seconds = number(render(spec.delay().get(), scope(r, null, null)), "delay");
                    if (seconds > 0) {
                        r.status = TaskStatus.DELAYED;
                        commands.add(new WorkflowCommand.StartTimer(r.id, r.attempt, seconds * 1000));
                        return;
                    }
                } catch (ExpressionException e) {
                    failRun(r, e.getMessage());
                    return;
                }
            }
            begin(r);
        }

        /** Runs the task's action (or its items), or ends an action-less task at once. */
        void begin(Run r) {
            TaskSpec spec = spec(r.task);
            r.status = TaskStatus.RUNNING;
            if (spec.action().isEmpty()) {
                ended(r, TaskStatus.SUCCEEDED, null);
                return;
            }
            try {
                if (spec.with().isPresent()) {
                    TaskSpec.WithItems with = spec.with().get();
                    Object items = render(with.items(), scope(r, null, null));
                    if (!(items instanceof List<?> list)) {
                        throw new ExpressionException(String.valueOf(with.items()), "with-items needs a list, got "
                                + (items == null ? "null" : items.getClass().getSimpleName()));
                    }
                    r.items = itemsOf(r.ctx, list);
                    r.itemVars = with.variables();
                    r.concurrency = with.concurrency().isPresent()
                            ? (int) number(render(with.concurrency().get(), scope(r, null, null)), "concurrency") : 0;
                    r.itemStatus = new char[r.items.size()];
                    Arrays.fill(r.itemStatus, 'p');
                    r.carried.keySet().forEach(k -> {
                        int i = Integer.parseInt(k);
                        if (i < r.itemStatus.length) {
                            r.itemStatus[i] = 's';
                        }
                    });
                    if (r.count('p') == 0) {
                        endItems(r);
                    }
                    // the items start in settle(), within the concurrency
                    return;
                }
                Map<String, Object> input = inputOf(spec, scope(r, null, null));
                r.childActive = true;
                commands.add(new WorkflowCommand.RunChild(r.id, r.task, OptionalInt.empty(), r.attempt,
                        spec.action().get(), input));
            } catch (ExpressionException e) {
                failRun(r, e.getMessage());
            }
        }

        /**
         * The items as stored: the context's own list when the items are one of its values (stored once, see
         * {@link WorkflowState#toJson()}), else a copy.
         */
        @SuppressWarnings("unchecked")
        List<Object> itemsOf(Map<String, Object> ctx, List<?> items) {
            for (Object value : ctx.values()) {
                if (value instanceof List<?> l && l.equals(items)) {
                    return (List<Object>) l;
                }
            }
            return new ArrayList<>(items.stream().map(WorkflowState::copy).toList());
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> inputOf(TaskSpec spec, Scope scope) {
            Object input = render(spec.input(), scope);
            return input instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        }

        /** Starts pending items while the concurrency allows; whether any started. */
        boolean fill(Run r) {
            boolean any = false;
            TaskSpec spec = spec(r.task);
            if (r.count('f') + r.count('c') > 0) {
                return false; // an item failed: the rest are not started (the task fails once running ones end)
            }
            int running = r.count('r') + r.count('w'); // a waiting item holds its place
            for (int i = 0; i < r.itemStatus.length; i++) {
                if (r.concurrency > 0 && running >= r.concurrency) {
                    break;
                }
                if (r.itemStatus[i] != 'p') {
                    continue;
                }
                r.itemStatus[i] = 'r';
                running++;
                any = true;
                try {
                    Map<String, Object> input = inputOf(spec, scope(r, null, null, itemValue(r, i)));
                    commands.add(new WorkflowCommand.RunChild(r.id, r.task, OptionalInt.of(i), r.attempt,
                            spec.action().get(), input));
                } catch (ExpressionException e) {
                    r.itemStatus[i] = 'f';
                    s.errors.add(error(e.getMessage() + " (item " + i + ")", r.task));
                    if (r.count('r') == 0) {
                        endItems(r);
                    }
                    return true;
                }
            }
            return any;
        }

        Object itemValue(Run r, int i) {
            Object value = r.items.get(i);
            if (r.itemVars.isEmpty()) {
                return value;
            }
            Map<String, Object> named = new LinkedHashMap<>();
            if (r.itemVars.size() == 1) {
                named.put(r.itemVars.get(0), value);
            } else {
                List<?> parts = value instanceof List<?> l ? l : List.of(value);
                for (int k = 0; k < r.itemVars.size(); k++) {
                    named.put(r.itemVars.get(k), k < parts.size() ? parts.get(k) : null);
                }
            }
            return named;
        }

        // ---- events ----

        void childEnded(WorkflowEvent.ChildEnded e) {
            if (e.run() < 0 || e.run() >= s.runs.size()) {
                return;
            }
            Run r = s.runs.get(e.run());
            if (r.attempt != e.attempt() || r.status != TaskStatus.RUNNING) {
                return; // a duplicate, or the end of an attempt a retry replaced
            }
            if (e.item().isPresent()) {
                int i = e.item().getAsInt();
                if (!r.withItems() || i >= r.itemStatus.length || r.itemStatus[i] != 'r' && r.itemStatus[i] != 'w') {
                    return;
                }
                r.itemStatus[i] = switch (e.status()) {
                    case SUCCEEDED -> 's';
                    case CANCELED -> 'c';
                    default -> 'f';
                };
                if (r.count('r') + r.count('w') == 0 && (r.count('p') == 0 || r.count('f') + r.count('c') > 0
                        || s.status == WorkflowStatus.CANCELING || s.failing)) {
                    endItems(r);
                }
                return;
            }
            if (r.withItems() || !r.childActive) {
                return;
            }
            r.childActive = false;
            r.waiting = false;
            ended(r, e.status(), e.result());
        }

        void endItems(Run r) {
            TaskStatus status = r.count('f') > 0 || r.count('p') > 0 && s.status != WorkflowStatus.CANCELING
                    ? TaskStatus.FAILED : r.count('c') > 0 || r.count('p') > 0 ? TaskStatus.CANCELED : TaskStatus.SUCCEEDED;
            List<Object> results = new ArrayList<>(env.itemResults(r.id, r.attempt, r.items.size()));
            while (results.size() < r.items.size()) {
                results.add(null);
            }
            r.carried.forEach((k, v) -> results.set(Integer.parseInt(k), v));
            ended(r, status, results);
        }

        void timerDue(WorkflowEvent.TimerDue e) {
            if (e.run() < 0 || e.run() >= s.runs.size()) {
                return;
            }
            Run r = s.runs.get(e.run());
            if (r.status != TaskStatus.DELAYED || r.attempt != e.attempt() || r.due) {
                return;
            }
            if (s.status == WorkflowStatus.RUNNING && !s.failing) {
                begin(r);
            } else {
                r.due = true; // started on resume; dropped if the workflow fails or is canceled
            }
        }

        void pause() {
            if (s.status == WorkflowStatus.PAUSING || s.status == WorkflowStatus.PAUSED) {
                s.pausedOnRequest = true; // already paused by a wait: now it stays paused until resumed on request
                return;
            }
            if (s.status != WorkflowStatus.RUNNING) {
                return;
            }
            s.pausedOnRequest = true;
            s.status = WorkflowStatus.PAUSING;
            commands.add(new WorkflowCommand.StatusChanged(WorkflowStatus.PAUSING));
            commands.add(new WorkflowCommand.PauseChildren());
        }

        void resume() {
            if (s.status != WorkflowStatus.PAUSING && s.status != WorkflowStatus.PAUSED) {
                return;
            }
            s.status = WorkflowStatus.RUNNING;
            s.pausedOnRequest = false;
            s.pausedByWait = false;
            commands.add(new WorkflowCommand.StatusChanged(WorkflowStatus.RUNNING));
            commands.add(new WorkflowCommand.ResumeChildren());
        }

        /** A child of run {@code run} starts ({@code waits}) or stops waiting without ending. */
        void childWaits(int run, OptionalInt item, int attempt, boolean waits) {
            if (run < 0 || run >= s.runs.size()) {
                return;
            }
            Run r = s.runs.get(run);
            if (r.attempt != attempt || r.status != TaskStatus.RUNNING) {
                return;
            }
            if (item.isPresent()) {
                int i = item.getAsInt();
                if (r.withItems() && i < r.itemStatus.length && r.itemStatus[i] == (waits ? 'r' : 'w')) {
                    r.itemStatus[i] = waits ? 'w' : 'r';
                }
            } else if (!r.withItems() && r.childActive) {
                r.waiting = waits;
            }
        }

        /**
         * A running workflow one of whose children waits pauses (its other children finish first); one paused by waits
         * alone resumes once none waits. A pause on request is left to a resume on request.
         */
        void reconcileWaits() {
            boolean waits = s.runs.stream().anyMatch(Run::waits);
            if (s.status == WorkflowStatus.RUNNING && waits) {
                s.status = WorkflowStatus.PAUSING;
                s.pausedByWait = true;
                commands.add(new WorkflowCommand.StatusChanged(WorkflowStatus.PAUSING));
            } else if ((s.status == WorkflowStatus.PAUSING || s.status == WorkflowStatus.PAUSED) && s.pausedByWait
                    && !s.pausedOnRequest && !waits) {
                s.status = WorkflowStatus.RUNNING;
                s.pausedByWait = false;
                commands.add(new WorkflowCommand.StatusChanged(WorkflowStatus.RUNNING));
            }
        }

        void cancel() {
            if (s.status.isTerminal() || s.status == WorkflowStatus.CANCELING) {
                return;
            }
            s.status = WorkflowStatus.CANCELING;
            s.ready.clear();
            for (Run r : s.runs) {
                if (r.status == TaskStatus.DELAYED || r.status == TaskStatus.RUNNING && !r.active()) {
                    r.status = TaskStatus.CANCELED;
                    r.endedAt = at;
                }
            }
            if (s.runs.stream().anyMatch(Run::active)) {
                commands.add(new WorkflowCommand.StatusChanged(WorkflowStatus.CANCELING));
                commands.add(new WorkflowCommand.CancelChildren());
            }
        }

        // ---- ends of runs ----

        void failRun(Run r, String message) {
            s.errors.add(error(message, r.task));
            r.status = TaskStatus.FAILED;
            r.childActive = false;
            r.endedAt = at;
            r.outCtx = r.ctx;
            r.endOrder = ++s.ends;
            s.failing = true;
        }

        /** A run's action ended: retry it, or end it and take its transitions. */
        void ended(Run r, TaskStatus status, Object result) {
            TaskSpec spec = spec(r.task);
            try {
                if (spec.retry().isPresent() && status != TaskStatus.CANCELED && s.status != WorkflowStatus.CANCELING) {
                    TaskSpec.Retry retry = spec.retry().get();
                    Scope scope = scope(r, status, result);
                    boolean wanted = retry.when().isPresent() ? isTrue(retry.when().get(), scope)
                            : status == TaskStatus.FAILED;
                    long count = number(render(retry.count(), scope), "retry.count");
                    if (wanted && r.attempt < count) {
                        r.attempt++;
                        r.starts.add(s.sequence.size());
                        s.sequence.add(r.task);
                        long delay = retryDelay(retry, r.attempt, scope);
                        if (delay > 0) {
                            r.status = TaskStatus.DELAYED;
                            commands.add(new WorkflowCommand.StartTimer(r.id, r.attempt, delay * 1000));
                        } else {
                            begin(r);
                        }
                        return;
                    }
                }
            } catch (ExpressionException e) {
                failRun(r, e.getMessage());
                return;
            }
            r.status = status;
            r.endedAt = at;
            r.endOrder = ++s.ends;
            r.outCtx = r.ctx;
            if (status == TaskStatus.CANCELED) {
                // a child canceled on its own (not by this workflow's cancel) cancels its workflow, as in Orquesta
                cancel();
                return;
            }
            boolean taken = false;
            // contexts are never changed once stored, so a transition without publish shares the run's
            Map<String, Object> out = r.ctx;
            try {
                for (Transition t : spec.next()) {
                    Scope scope = scope(r, status, result);
                    if (t.when().isPresent() && !isTrue(t.when().get(), scope)) {
                        continue;
                    }
                    taken = true;
                    Map<String, Object> carried = r.ctx;
                    if (!t.publish().isEmpty()) {
                        carried = new LinkedHashMap<>(r.ctx);
                        for (Assignment p : t.publish()) {
                            carried.put(p.name(), render(p.value(), scope(carried, r, status, result)));
                        }
                        if (out == r.ctx) {
                            out = new LinkedHashMap<>(r.ctx);
                        }
                        out.putAll(carried);
                    }
                    for (String target : t.targets()) {
                        switch (target) {
                            case "fail" -> s.failing = true;
                            case "noop", "continue" -> {
                            }
                            case "retry" -> {
                                r.route.add(target);
                                r.attempt++;
                                r.outCtx = null;
                                r.endedAt = null;
                                r.starts.add(s.sequence.size());
                                s.sequence.add(r.task);
                                begin(r);
                                return;
                            }
                            default -> arrive(target, carried, r.task);
                        }
                        r.route.add(target);
                    }
                }
            } catch (ExpressionException e) {
                r.outCtx = out;
                s.errors.add(error(e.getMessage(), r.task));
                s.failing = true;
                return;
            }
            r.outCtx = out;
            if (status == TaskStatus.FAILED && !taken) {
                Map<String, Object> err = error("Execution failed. See result for details.", r.task);
                err.put("result", result);
                s.errors.add(err);
                s.failing = true;
            }
        }

        long retryDelay(TaskSpec.Retry retry, int attempt, Scope scope) {
            long base = number(render(retry.delay(), scope), "retry.delay");
            long delay = switch (retry.backoff()) {
                case CONSTANT -> base;
                case LINEAR -> base * attempt;
                case EXPONENTIAL -> base * (1L << Math.min(30, attempt - 1));
            };
            if (retry.maxDelay().isPresent()) {
                delay = Math.min(delay, number(render(retry.maxDelay().get(), scope), "retry.max_delay"));
            }
            return Math.max(0, delay);
        }

        void finish(WorkflowStatus status) {
            Object output = null;
            if (status != WorkflowStatus.CANCELED && !def.output().isEmpty()) {
                Map<String, Object> ctx = new LinkedHashMap<>(s.ctx0);
                s.runs.stream().filter(r -> r.outCtx != null).sorted(Comparator.comparingInt(r -> r.endOrder))
                        .forEach(r -> ctx.putAll(r.outCtx));
                Map<String, Object> rendered = new LinkedHashMap<>();
                for (Assignment o : def.output()) {
                    try {
                        rendered.put(o.name(), render(o.value(), scope(ctx, null, null, null)));
                        ctx.put(o.name(), rendered.get(o.name()));
                    } catch (ExpressionException e) {
                        if (status == WorkflowStatus.SUCCEEDED) {
                            s.errors.add(error(e.getMessage(), null));
                            status = WorkflowStatus.FAILED;
                        }
                    }
                }
                output = rendered;
            }
            s.status = status;
            commands.add(new WorkflowCommand.Finish(status, output, s.errors));
        }

        // ---- scopes ----

        Scope scope(Run r, TaskStatus status, Object result) {
            return scope(r.ctx, r, status, result);
        }

        Scope scope(Run r, TaskStatus status, Object result, Object item) {
            return new RunScope(r.ctx, status, result, item, true);
        }

        Scope scope(Map<String, Object> ctx, Run r, TaskStatus status, Object result) {
            return new RunScope(ctx, status, result, null, false);
        }

        /** What an expression sees during one run: its context, its end, the current item. */
        final class RunScope implements Scope {
            private final Map<String, Object> ctx;
            private final TaskStatus status;
            private final Object result;
            private final Object item;
            private final boolean hasItem;

            RunScope(Map<String, Object> ctx, TaskStatus status, Object result, Object item, boolean hasItem) {
                this.ctx = ctx;
                this.status = status;
                this.result = result;
                this.item = item;
                this.hasItem = hasItem;
            }

            @Override
            public Map<String, Object> ctx() {
                return ctx;
            }

            @Override
            public Optional<Object> result() {
                // a null result reads as no result (Optional holds no null): result() of an action-less task fails
                return status == null ? Optional.empty() : Optional.ofNullable(result);
            }

            @Override
            public Optional<String> currentStatus() {
                return Optional.ofNullable(status).map(TaskStatus::code);
            }

            @Override
            public Optional<String> taskStatus(String task) {
                return s.runs.stream().filter(x -> x.task.equals(task)).reduce((a, b) -> b).map(x -> x.status.code());
            }

            @Override
            public Optional<Object> item() {
                return hasItem ? Optional.ofNullable(item) : Optional.empty();
            }

            @Override
            public Optional<Object> key(String name) {
                return env.key(name);
            }
        }
    }

    private static long number(Object value, String field) {
        if (value instanceof Number n) {
            if (n instanceof Double || n instanceof Float || n instanceof BigDecimal) {
                double d = n.doubleValue();
                if (d != Math.rint(d)) {
                    throw new ExpressionException(String.valueOf(value), field + " must be a whole number");
                }
            }
            return n.longValue();
        }
        if (value instanceof String text) {
            try {
                return Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                throw new ExpressionException(text, field + " must be a whole number");
            }
        }
        throw new ExpressionException(String.valueOf(value), field + " must be a whole number");
    }
}
