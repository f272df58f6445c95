package io.attune.domain.workflow;

import static io.attune.domain.workflow.Wf.input;
import static io.attune.domain.workflow.Wf.items;
import static io.attune.domain.workflow.Wf.on;
import static io.attune.domain.workflow.Wf.task;
import static io.attune.domain.workflow.Wf.workflow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class WorkflowStateJsonTest {

    private static final Instant T0 = Instant.parse("2026-12-06T00:00:00Z");
    private static final WorkflowEnv ENV = new WorkflowEnv() {
        @Override
        public Optional<Object> key(String name) {
            return Optional.empty();
        }

        @Override
        public List<Object> itemResults(int run, int attempt, int count) {
            return new ArrayList<>(java.util.Collections.nCopies(count, null));
        }
    };

    private final WorkflowEngine engine = new WorkflowEngine(new FakeExpressions());

    private static final WorkflowDefinition ITEMS = workflow(List.of("hosts"), Map.of(),
            input(items(task("each", "core.echo", on(null, "after")), "<% ctx(hosts) %>", 2, "host"),
                    Map.of("text", "<% item(host) %>")),
            task("after", "core.noop", on(null, List.of("done", "<% 'yes' %>"), "last")),
            task("last", "core.noop"));

    private static WorkflowEvent.ChildEnded itemEnded(int item) {
        return new WorkflowEvent.ChildEnded(0, OptionalInt.of(item), 0, TaskStatus.SUCCEEDED, null, T0);
    }

    @Test
    void aWithItemsStateStoresTheItemListOnceAndItsContextOnce() {
        var step = engine.start(ITEMS, Map.of("hosts", List.of("a", "b", "c")), ENV, T0);

        Map<String, Object> json = step.state().toJson();

        assertThat(json.get("contexts")).isEqualTo(List.of(Map.of("hosts", List.of("a", "b", "c"))));
        assertThat(json.get("ctx")).isEqualTo(0);
        Map<?, ?> run = (Map<?, ?>) ((List<?>) json.get("runs")).getFirst();
        assertThat(run.get("ctx")).isEqualTo(0);
        assertThat(run.get("items")).isEqualTo(Map.of("ctx_key", "hosts"));
    }

    @Test
    void contextsReadBackAreSharedAndTheRoundTripIsExact() {
        var step = engine.start(ITEMS, Map.of("hosts", List.of("a", "b", "c")), ENV, T0);
        for (int i = 0; i < 3; i++) {
            step = engine.handle(ITEMS, step.state(), itemEnded(i), ENV);
        }
        step = engine.handle(ITEMS, step.state(), new WorkflowEvent.ChildEnded(1, OptionalInt.empty(), 0,
                TaskStatus.SUCCEEDED, null, T0), ENV);
        Map<String, Object> json = step.state().toJson();

        WorkflowState read = WorkflowState.fromJson(json);

        assertThat(read.toJson()).isEqualTo(json);
        assertThat(read.runs.get(0).ctx).isSameAs(read.ctx0);
        assertThat(read.runs.get(0).outCtx).isSameAs(read.ctx0);
        assertThat(read.runs.get(0).items).isSameAs(read.ctx0.get("hosts"));
        assertThat(read.runs.get(1).ctx).isSameAs(read.ctx0);
        // "after" published: its out_ctx, which "last" started with, is the one other context
        assertThat(read.runs.get(1).outCtx).isNotSameAs(read.ctx0).isSameAs(read.runs.get(2).ctx);
        assertThat((List<?>) json.get("contexts")).hasSize(2);
    }

    @Test
    void equalContextsThatAreDistinctMapsAreStoredOnce() {
        var state = engine.start(ITEMS, Map.of("hosts", List.of("a")), ENV, T0).state();
        state.runs.getFirst().ctx = new LinkedHashMap<>(state.ctx0);

        Map<String, Object> json = state.toJson();

        assertThat((List<?>) json.get("contexts")).hasSize(1);
        assertThat(((Map<?, ?>) ((List<?>) json.get("runs")).getFirst()).get("ctx")).isEqualTo(0);
    }

    @Test
    void theOlderFormWithEveryContextWrittenOutStillLoads() {
        var step = engine.start(ITEMS, Map.of("hosts", List.of("a", "b", "c")), ENV, T0);
        step = engine.handle(ITEMS, step.state(), itemEnded(0), ENV);
        Map<String, Object> json = step.state().toJson();

        Map<String, Object> old = olderForm(json);
        WorkflowState read = WorkflowState.fromJson(old);

        assertThat(old).doesNotContainKey("contexts");
        assertThat(((Map<?, ?>) ((List<?>) old.get("runs")).getFirst()).get("item_status")).isEqualTo("srr");
        assertThat(read.toJson()).isEqualTo(json);
        var fromOld = engine.handle(ITEMS, read, itemEnded(1), ENV);
        var fromNew = engine.handle(ITEMS, WorkflowState.fromJson(json), itemEnded(1), ENV);
        assertThat(fromOld.commands()).isEqualTo(fromNew.commands());
        assertThat(fromOld.state().toJson()).isEqualTo(fromNew.state().toJson());
    }

    @Test
    void theEngineLeavesTheGivenStateAsItWasThoughCopiesShareContexts() {
        var step = engine.start(ITEMS, Map.of("hosts", List.of("a", "b")), ENV, T0);
        List<Map<String, Object>> before = new ArrayList<>();
        List<WorkflowState> states = new ArrayList<>();
        List<WorkflowEvent> events = List.of(itemEnded(0), itemEnded(1),
                new WorkflowEvent.ChildEnded(1, OptionalInt.empty(), 0, TaskStatus.SUCCEEDED, null, T0),
                new WorkflowEvent.ChildEnded(2, OptionalInt.empty(), 0, TaskStatus.SUCCEEDED, null, T0));
        for (WorkflowEvent event : events) {
            states.add(step.state());
            before.add(step.state().toJson());
            step = engine.handle(ITEMS, step.state(), event, ENV);
        }

        assertThat(step.state().status()).isEqualTo(WorkflowStatus.SUCCEEDED);
        for (int i = 0; i < states.size(); i++) {
            assertThat(states.get(i).toJson()).as("state before event %d", i).isEqualTo(before.get(i));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aReferenceToAMissingContextOrItemListIsRejectedNamingTheField() {
        Map<String, Object> json = engine.start(ITEMS, Map.of("hosts", List.of("a")), ENV, T0).state().toJson();
        Map<String, Object> badIndex = new LinkedHashMap<>(json);
        badIndex.put("ctx", 7);
        Map<String, Object> badItems = new LinkedHashMap<>(json);
        Map<String, Object> run = new LinkedHashMap<>((Map<String, Object>) ((List<?>) json.get("runs")).getFirst());
        run.put("items", Map.of("ctx_key", "nope"));
        badItems.put("runs", List.of(run));

        assertThatThrownBy(() -> WorkflowState.fromJson(badIndex)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ctx refers to context 7");
        assertThatThrownBy(() -> WorkflowState.fromJson(badItems)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("runs[0].items refers to nope");
    }

    @Test
    void itemStatusesAreStoredRunLengthCoded() {
        List<Object> hosts = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            hosts.add("h" + i);
        }
        var step = engine.start(ITEMS, Map.of("hosts", hosts), ENV, T0);
        for (int i = 0; i < 60; i++) {
            step = engine.handle(ITEMS, step.state(), itemEnded(i), ENV);
        }
        Map<String, Object> json = step.state().toJson();

        assertThat(((Map<?, ?>) ((List<?>) json.get("runs")).getFirst()).get("item_status")).isEqualTo("s60r2p38");
        assertThat(WorkflowState.fromJson(json).toJson()).isEqualTo(json);
        assertThat(new String(WorkflowState.fromJson(json).runs.getFirst().itemStatus))
                .isEqualTo("s".repeat(60) + "rr" + "p".repeat(38));
    }

    @Test
    @SuppressWarnings("unchecked")
    void anItemStatusCodeThatDoesNotFitTheItemsIsRejectedNamingTheField() {
        Map<String, Object> json = engine.start(ITEMS, Map.of("hosts", List.of("a", "b", "c")), ENV, T0).state().toJson();

        for (String code : List.of("r2", "r2p2", "r2x", "r0p3", "p99999999999")) {
            Map<String, Object> bad = new LinkedHashMap<>(json);
            Map<String, Object> run = new LinkedHashMap<>((Map<String, Object>) ((List<?>) json.get("runs")).getFirst());
            run.put("item_status", code);
            bad.put("runs", List.of(run));
            assertThatThrownBy(() -> WorkflowState.fromJson(bad)).as(code).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("runs[0].item_status");
        }
    }

    /** The same state as states were stored before contexts were shared: every reference written out in full. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> olderForm(Map<String, Object> json) {
        List<Object> contexts = (List<Object>) json.get("contexts");
        Map<String, Object> old = new LinkedHashMap<>(json);
        old.remove("contexts");
        old.put("ctx", contexts.get((Integer) json.get("ctx")));
        List<Object> runs = new ArrayList<>();
        for (Object o : (List<Object>) json.get("runs")) {
            Map<String, Object> run = new LinkedHashMap<>((Map<String, Object>) o);
            Map<String, Object> ctx = (Map<String, Object>) contexts.get((Integer) run.get("ctx"));
            run.put("ctx", ctx);
            if (run.get("out_ctx") != null) {
                run.put("out_ctx", contexts.get((Integer) run.get("out_ctx")));
            }
            if (run.get("items") instanceof Map<?, ?> ref) {
                run.put("items", ctx.get((String) ref.get("ctx_key")));
            }
            if (run.containsKey("item_status")) {
                run.put("item_status", new String(WorkflowState.fromJson(json).runs
                        .get((Integer) run.get("id")).itemStatus));
            }
            runs.add(run);
        }
        old.put("runs", runs);
        List<Object> ready = new ArrayList<>();
        for (Object o : (List<Object>) json.get("ready")) {
            Map<String, Object> arrival = new LinkedHashMap<>((Map<String, Object>) o);
            arrival.put("ctx", contexts.get((Integer) arrival.get("ctx")));
            ready.add(arrival);
        }
        old.put("ready", ready);
        return old;
    }
}
