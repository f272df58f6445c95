package io.attune.domain.workflow;

import static io.attune.domain.workflow.Wf.items;
import static io.attune.domain.workflow.Wf.on;
import static io.attune.domain.workflow.Wf.task;
import static io.attune.domain.workflow.Wf.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** What must hold whatever the order of ends, the crashes and the duplicates: items once, concurrency kept, same end. */
class WorkflowEnginePropertiesTest {

    private static final Instant T0 = Instant.parse("2026-12-06T00:00:00Z");
    private final WorkflowEngine engine = new WorkflowEngine(new FakeExpressions());

    private static WorkflowEnv env(Map<String, Object> results) {
        return new WorkflowEnv() {
            @Override
            public Optional<Object> key(String name) {
                return Optional.empty();
            }

            @Override
            public List<Object> itemResults(int run, int attempt, int count) {
                List<Object> list = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    list.add(results.get(run + "/" + attempt + "/" + i));
                }
                return list;
            }
        };
    }

    private static WorkflowDefinition withItems(int count, int concurrency) {
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            values.add(i);
        }
        return workflow(List.of(), Map.of("all", "<% ctx(all) %>"),
                items(task("each", "core.echo", on(null, List.of("all", "<% result() %>"), "after")), values,
                        concurrency == 0 ? null : concurrency),
                task("after", "core.noop"));
    }

    @Property(tries = 200)
    void everyItemRunsOnceWithinTheConcurrencyWhateverTheOrderCrashesAndDuplicates(
            @ForAll @IntRange(min = 0, max = 40) int count, @ForAll @IntRange(min = 0, max = 6) int concurrency,
            @ForAll long seed) {
        Random random = new Random(seed);
        WorkflowDefinition wf = withItems(count, concurrency);
        Map<String, Object> results = new HashMap<>();
        WorkflowEnv env = env(results);
        WorkflowEngine.Step step = engine.start(wf, Map.of(), env, T0);
        List<WorkflowCommand.RunChild> inFlight = new ArrayList<>();
        List<WorkflowEvent> delivered = new ArrayList<>();
        Map<Integer, Integer> requests = new HashMap<>();
        Optional<WorkflowCommand.Finish> finish = Optional.empty();
        for (int guard = 0; guard < 10_000 && finish.isEmpty(); guard++) {
            for (WorkflowCommand c : step.commands()) {
                if (c instanceof WorkflowCommand.RunChild child) {
                    if (child.task().equals("each")) {
                        requests.merge(child.item().getAsInt(), 1, Integer::sum);
                    }
                    inFlight.add(child);
                } else if (c instanceof WorkflowCommand.Finish f) {
                    finish = Optional.of(f);
                }
            }
            long running = inFlight.stream().filter(c -> c.task().equals("each")).count();
            if (concurrency > 0) {
                assertThat(running).isLessThanOrEqualTo(concurrency);
            }
            if (finish.isPresent()) {
                break;
            }
            WorkflowState state = step.state();
            if (random.nextInt(4) == 0) {
                state = WorkflowState.fromJson(state.toJson()); // a crash: the stored state is read back
            }
            WorkflowEvent event;
            if (!delivered.isEmpty() && random.nextInt(5) == 0) {
                event = delivered.get(random.nextInt(delivered.size())); // a duplicate delivery
            } else {
                WorkflowCommand.RunChild child = inFlight.remove(random.nextInt(inFlight.size()));
                child.item().ifPresent(i -> results.put(child.run() + "/" + child.attempt() + "/" + i, "v" + i));
                event = new WorkflowEvent.ChildEnded(child.run(), child.item(), child.attempt(), TaskStatus.SUCCEEDED,
                        null, T0);
                delivered.add(event);
            }
            step = engine.handle(wf, state, event, env);
        }
        assertThat(finish).isPresent();
        assertThat(finish.get().status()).isEqualTo(WorkflowStatus.SUCCEEDED);
        Set<Integer> expected = new LinkedHashSet<>();
        for (int i = 0; i < count; i++) {
            expected.add(i);
            assertThat(requests.get(i)).as("requests of item %d", i).isEqualTo(1);
        }
        assertThat(requests.keySet()).isEqualTo(expected);
        List<Object> all = new ArrayList<>();
        expected.forEach(i -> all.add("v" + i));
        assertThat(finish.get().output()).isEqualTo(Map.of("all", all));
    }

    @Property(tries = 100)
    void replayingEventsFromAnyPointAfterACrashGivesTheSameEndState(
            @ForAll @IntRange(min = 1, max = 12) int count, @ForAll @IntRange(min = 1, max = 4) int concurrency,
            @ForAll long seed) {
        Random random = new Random(seed);
        WorkflowDefinition wf = withItems(count, concurrency);
        Map<String, Object> results = new HashMap<>();
        WorkflowEnv env = env(results);
        List<WorkflowState> states = new ArrayList<>();
        List<WorkflowEvent> events = new ArrayList<>();
        WorkflowEngine.Step step = engine.start(wf, Map.of(), env, T0);
        states.add(step.state());
        List<WorkflowCommand.RunChild> inFlight = new ArrayList<>();
        while (true) {
            step.commands().stream().filter(WorkflowCommand.RunChild.class::isInstance)
                    .map(WorkflowCommand.RunChild.class::cast).forEach(inFlight::add);
            if (inFlight.isEmpty()) {
                break;
            }
            WorkflowCommand.RunChild child = inFlight.remove(random.nextInt(inFlight.size()));
            child.item().ifPresent(i -> results.put(child.run() + "/" + child.attempt() + "/" + i, i));
            WorkflowEvent event = new WorkflowEvent.ChildEnded(child.run(), child.item(), child.attempt(),
                    TaskStatus.SUCCEEDED, null, T0);
            events.add(event);
            step = engine.handle(wf, step.state(), event, env);
            states.add(step.state());
        }
        Map<String, Object> end = step.state().toJson();
        assertThat(step.state().status()).isEqualTo(WorkflowStatus.SUCCEEDED);

        // crash after event k: the stored state is states[k]; redelivery may start anywhere at or before k
        int k = random.nextInt(states.size());
        int from = k == 0 ? 0 : random.nextInt(k + 1);
        WorkflowState replay = WorkflowState.fromJson(states.get(k).toJson());
        for (int i = from; i < events.size(); i++) {
            replay = engine.handle(wf, replay, events.get(i), env).state();
        }
        assertThat(replay.toJson()).isEqualTo(end);
    }

    @Property(tries = 100)
    void aFailedBranchNeverLetsANewTaskStartAndTheWorkflowFailsOnceOthersEnd(
            @ForAll @IntRange(min = 1, max = 5) int branches, @ForAll long seed) {
        Random random = new Random(seed);
        List<TaskSpec> tasks = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int b = 0; b < branches; b++) {
            names.add("b" + b);
            tasks.add(task("b" + b, "core.local", on("<% succeeded() %>", "after" + b)));
            tasks.add(task("after" + b, "core.noop"));
        }
        tasks.add(0, task("split", null, on(null, names.toArray(String[]::new))));
        WorkflowDefinition wf = workflow(List.of(), Map.of(), tasks.toArray(TaskSpec[]::new));
        WorkflowEnv env = env(new HashMap<>());
        int failing = random.nextInt(branches);
        WorkflowEngine.Step step = engine.start(wf, Map.of(), env, T0);
        List<WorkflowCommand.RunChild> inFlight = new ArrayList<>();
        boolean failed = false;
        Optional<WorkflowCommand.Finish> finish = Optional.empty();
        while (finish.isEmpty()) {
            for (WorkflowCommand c : step.commands()) {
                if (c instanceof WorkflowCommand.RunChild child) {
                    assertThat(failed).as("a task started after the failure: %s", child.task()).isFalse();
                    inFlight.add(child);
                } else if (c instanceof WorkflowCommand.Finish f) {
                    finish = Optional.of(f);
                }
            }
            if (finish.isPresent()) {
                break;
            }
            WorkflowCommand.RunChild child = inFlight.remove(random.nextInt(inFlight.size()));
            boolean fails = child.task().equals("b" + failing);
            failed |= fails;
            step = engine.handle(wf, step.state(), new WorkflowEvent.ChildEnded(child.run(), OptionalInt.empty(),
                    child.attempt(), fails ? TaskStatus.FAILED : TaskStatus.SUCCEEDED, null, T0), env);
        }
        assertThat(inFlight).isEmpty();
        assertThat(finish.get().status()).isEqualTo(WorkflowStatus.FAILED);
    }
}
