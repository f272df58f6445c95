package io.attune.domain.workflow;

import io.attune.domain.workflow.expr.Expressions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.PriorityQueue;

/**
 * A dry run of a workflow (Orquesta's "rehearsal"): the same engine, with every child execution answered by a mock
 * instead of run, and timers fired on a virtual clock. Children end in the order they were requested; a timer fires
 * when no child is left to answer. Executes nothing.
 */
public final class WorkflowSimulation {

    /** Steps after which a simulation is stopped (a cycle with no exit). */
    public static final int MAX_STEPS = 100_000;

    /**
     * The answer for starts of {@code task}: consumed in order per task; {@code times} starts it answers (default 1);
     * {@code seq}: only the start at that position of the whole task sequence (0-based); {@code item}: only that item
     * of a with-items task.
     */
    public record Mock(String task, TaskStatus status, Object result, OptionalInt item, int times, OptionalInt seq) {
        public Mock {
            Objects.requireNonNull(task, "task");
            status = status == null ? TaskStatus.SUCCEEDED : status;
            if (!status.isEnded()) {
                throw new IllegalArgumentException("a mock ends its task succeeded, failed or canceled, not " + status.code());
            }
            item = item == null ? OptionalInt.empty() : item;
            seq = seq == null ? OptionalInt.empty() : seq;
            if (times < 1) {
                throw new IllegalArgumentException("times must be at least 1, got " + times);
            }
        }
    }

    /** What the rehearsal came to: the workflow's status, the tasks in the order they started, output and errors. */
    public record Outcome(WorkflowStatus status, List<String> tasks, Object output, List<Map<String, Object>> errors,
                          WorkflowState state) {
    }

    private final WorkflowEngine engine;

    public WorkflowSimulation(Expressions expressions) {
        this.engine = new WorkflowEngine(expressions);
    }

    /** Runs {@code definition} on {@code input} with {@code mocks}; keys come from {@code keys} (name → value). */
    public Outcome run(WorkflowDefinition definition, Map<String, Object> input, List<Mock> mocks, Map<String, Object> keys) {
        Instant clock = Instant.EPOCH;
        Map<String, Object> results = new HashMap<>();
        WorkflowEnv env = new WorkflowEnv() {
            @Override
            public Optional<Object> key(String name) {
                return Optional.ofNullable(keys.get(name));
            }

            @Override
            public List<Object> itemResults(int run, int attempt, int count) {
                List<Object> list = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    list.add(results.get(run + "/" + attempt + "/" + i));
                }
                return list;
            }
        };
        List<Answer> answers = mocks.stream().map(Answer::new).toList();
        Deque<WorkflowCommand.RunChild> children = new ArrayDeque<>();
        PriorityQueue<Timer> timers = new PriorityQueue<>(Comparator.comparing(Timer::due).thenComparingLong(Timer::order));
        WorkflowEngine.Step step = engine.start(definition, input, env, clock);
        long order = 0;
        for (int steps = 0; ; steps++) {
            for (WorkflowCommand command : step.commands()) {
                switch (command) {
                    case WorkflowCommand.RunChild child -> children.add(child);
                    case WorkflowCommand.StartTimer timer ->
                            timers.add(new Timer(clock.plus(Duration.ofMillis(timer.delayMillis())), order++, timer));
                    case WorkflowCommand.Finish finish -> {
                        return new Outcome(finish.status(), step.state().sequence(), finish.output(), finish.errors(),
                                step.state());
                    }
                    case WorkflowCommand.CancelChildren c -> {
                    }
                    case WorkflowCommand.PauseChildren p -> {
                    }
                    case WorkflowCommand.ResumeChildren r -> {
                    }
                    case WorkflowCommand.StatusChanged changed -> {
                    }
                }
            }
            WorkflowState state = step.state();
            if (steps >= MAX_STEPS) {
                return stopped(state, "the simulation stopped after " + MAX_STEPS + " steps: a cycle with no exit?");
            }
            WorkflowEvent event;
            if (!children.isEmpty()) {
                WorkflowCommand.RunChild child = children.poll();
                int position = state.startPosition(child.run(), child.attempt());
                Mock mock = answer(answers, child, position);
                Object result = mock == null ? null : mock.result();
                TaskStatus status = mock == null ? TaskStatus.SUCCEEDED : mock.status();
                child.item().ifPresent(i -> results.put(child.run() + "/" + child.attempt() + "/" + i, result));
                event = new WorkflowEvent.ChildEnded(child.run(), child.item(), child.attempt(), status, result, clock);
            } else if (!timers.isEmpty()) {
                Timer timer = timers.poll();
                clock = timer.due().isAfter(clock) ? timer.due() : clock;
                event = new WorkflowEvent.TimerDue(timer.command().run(), timer.command().attempt(), clock);
            } else {
                return stopped(state, "the workflow waits for nothing and does not end");
            }
            step = engine.handle(definition, state, event, env);
        }
    }

    private static Outcome stopped(WorkflowState state, String why) {
        List<Map<String, Object>> errors = new ArrayList<>(state.errors());
        errors.add(Map.of("type", "error", "message", why));
        return new Outcome(WorkflowStatus.FAILED, state.sequence(), null, errors, state);
    }

    /** The first mock of the child's task that still answers and fits its position and item; null for none. */
    private static Mock answer(List<Answer> answers, WorkflowCommand.RunChild child, int position) {
        for (Answer a : answers) {
            Mock m = a.mock;
            if (!m.task().equals(child.task()) || a.left == 0) {
                continue;
            }
            if (m.seq().isPresent() && m.seq().getAsInt() != position) {
                continue;
            }
            if (m.item().isPresent() && (child.item().isEmpty() || m.item().getAsInt() != child.item().getAsInt())) {
                continue;
            }
            a.left--;
            return m;
        }
        return null;
    }

    /** A mock and how many starts it still answers. */
    private static final class Answer {
        final Mock mock;
        int left;

        Answer(Mock mock) {
            this.mock = mock;
            this.left = mock.times();
        }
    }

    private record Timer(Instant due, long order, WorkflowCommand.StartTimer command) {
    }
}
