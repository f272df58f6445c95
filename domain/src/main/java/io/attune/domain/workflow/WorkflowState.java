package io.attune.domain.workflow;

import io.attune.domain.common.Json;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Everything the engine knows about one workflow, as plain JSON ({@link #toJson()} / {@link #fromJson}) so it is
 * stored whole in one row and changed in the transaction of each event. Task results are not in it (they are stored
 * once, with the child executions); the context each run started with and what it published are. The engine works on
 * a copy; nothing outside this package changes a state.
 *
 * <p>A context (the workflow's, a run's {@code ctx} and {@code out_ctx}, an arrival's) is never changed once it is in a
 * state: a change makes a new map. So copies of a state share contexts, and {@link #toJson()} stores each distinct
 * context once, in {@code contexts}, referred to by its index; a with-items run's {@code items} that are a value of its
 * context are stored as {@code {"ctx_key": name}}. {@link #fromJson} also reads the older form with every context and
 * item list written out in full. The items' statuses are run-length coded ({@code "s950r50"}: 950 succeeded, then 50
 * running), so they take room by how often the status changes along the items, not by how many items there are; the
 * older form, one character per item, is the same code with every count left out.
 */
public final class WorkflowState {

    /** One run of a task as the tasks view shows it; {@code items} is the item count of a with-items run. */
    public record RunView(int run, String task, TaskStatus status, int attempt, Instant startedAt,
                          Optional<Instant> endedAt, OptionalInt items, List<String> route) {
        public RunView {
            route = List.copyOf(route);
        }
    }

    WorkflowStatus status = WorkflowStatus.RUNNING;
    /** An unhandled failure (or a {@code fail} command): nothing new starts; the workflow fails once runs end. */
    boolean failing;
    /** Paused because a child waits (an inquiry, a paused subworkflow), not by a person: it resumes by itself. */
    boolean pausedByWait;
    /** Paused on request: it stays paused until resumed on request, whatever its children do. */
    boolean pausedOnRequest;
    Map<String, Object> ctx0 = new LinkedHashMap<>();
    final List<Run> runs = new ArrayList<>();
    /** Arrivals at tasks not started yet (while paused, or within one step). */
    final Deque<Arrival> ready = new ArrayDeque<>();
    /** Join tasks some of whose inbound tasks have arrived. */
    final Map<String, JoinWait> joins = new LinkedHashMap<>();
    final List<Map<String, Object>> errors = new ArrayList<>();
    final List<String> sequence = new ArrayList<>();
    Instant startedAt;
    int ends;

    /** A task reached by a transition (or a start task), with the context the transition carried. */
    record Arrival(String task, Map<String, Object> ctx) {
    }

    /** A join waiting for its inbound tasks: who arrived, and their contexts merged in arrival order. */
    static final class JoinWait {
        final List<String> arrived = new ArrayList<>();
        final Map<String, Object> ctx = new LinkedHashMap<>();
    }

    /** One run of a task (a with-items task is one run with many items). */
    static final class Run {
        int id;
        String task;
        TaskStatus status;
        int attempt;
        /** Positions in the sequence of each attempt's start. */
        final List<Integer> starts = new ArrayList<>();
        Map<String, Object> ctx = new LinkedHashMap<>();
        /** The context after the taken transitions' publishes; set when the run ends. */
        Map<String, Object> outCtx;
        Instant startedAt;
        Instant endedAt;
        int endOrder;
        final List<String> route = new ArrayList<>();
        /** A child execution of this (non-items) run is in flight. */
        boolean childActive;
        /** That child waits (for a person, or paused) without having ended. */
        boolean waiting;
        /** A delayed run whose timer came while the workflow was not running: it starts on resume. */
        boolean due;
        // with-items
        List<Object> items;
        List<String> itemVars = List.of();
        int concurrency;
        /** One character per item: p pending, r running, w waiting (running, not busy), s succeeded, f failed, c canceled. */
        char[] itemStatus;
        /** Results of items kept from the run a rerun replaces (item index as text → result). */
        Map<String, Object> carried = new LinkedHashMap<>();

        boolean withItems() {
            return items != null;
        }

        int count(char c) {
            int n = 0;
            for (char s : itemStatus) {
                if (s == c) {
                    n++;
                }
            }
            return n;
        }

        /** Whether something of this run is in flight: a child (waiting or not), an item, or a timer the engine waits for. */
        boolean active() {
            if (status == TaskStatus.DELAYED) {
                return !due;
            }
            if (status != TaskStatus.RUNNING) {
                return false;
            }
            return withItems() ? count('r') + count('w') > 0 : childActive;
        }

        /** Whether this run has a child at work: in flight and not waiting (a pause waits for these only). */
        boolean busy() {
            if (status == TaskStatus.DELAYED) {
                return !due;
            }
            if (status != TaskStatus.RUNNING) {
                return false;
            }
            return withItems() ? count('r') > 0 : childActive && !waiting;
        }

        /** Whether a child of this run waits. */
        boolean waits() {
            return status == TaskStatus.RUNNING && (withItems() ? count('w') > 0 : childActive && waiting);
        }
    }

    WorkflowState() {
    }

    public WorkflowStatus status() {
        return status;
    }

    /** Every run of every task, in the order they started. */
    public List<RunView> runs() {
        return runs.stream().map(r -> new RunView(r.id, r.task, r.status, r.attempt, r.startedAt,
                Optional.ofNullable(r.endedAt), r.withItems() ? OptionalInt.of(r.items.size()) : OptionalInt.empty(),
                r.route)).toList();
    }

    /** The names of the tasks in the order they were started, one entry per start (retries and cycles included). */
    public List<String> sequence() {
        return List.copyOf(sequence);
    }

    /** The workflow's errors so far ({@code type}, {@code message}, {@code task_id}, {@code route}, ...). */
    public List<Map<String, Object>> errors() {
        return errors.stream().map(Json::copyObject).toList();
    }

    /** The position in {@link #sequence()} at which attempt {@code attempt} of run {@code run} started; -1 if none. */
    public int startPosition(int run, int attempt) {
        if (run < 0 || run >= runs.size()) {
            return -1;
        }
        List<Integer> starts = runs.get(run).starts;
        return attempt < starts.size() ? starts.get(attempt) : -1;
    }

    // ---- JSON ----

    public Map<String, Object> toJson() {
        Contexts contexts = new Contexts();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", status.code());
        json.put("failing", failing);
        json.put("paused_by_wait", pausedByWait);
        json.put("paused_on_request", pausedOnRequest);
        json.put("ctx", contexts.ref(ctx0));
        json.put("started_at", startedAt == null ? null : startedAt.toString());
        json.put("ends", ends);
        List<Object> runList = new ArrayList<>();
        for (Run r : runs) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", r.id);
            m.put("task", r.task);
            m.put("status", r.status.code());
            m.put("attempt", r.attempt);
            m.put("starts", new ArrayList<Object>(r.starts));
            m.put("ctx", contexts.ref(r.ctx));
            m.put("out_ctx", r.outCtx == null ? null : contexts.ref(r.outCtx));
            m.put("started_at", r.startedAt == null ? null : r.startedAt.toString());
            m.put("ended_at", r.endedAt == null ? null : r.endedAt.toString());
            m.put("end_order", r.endOrder);
            m.put("route", new ArrayList<Object>(r.route));
            m.put("child_active", r.childActive);
            m.put("waiting", r.waiting);
            m.put("due", r.due);
            if (r.withItems()) {
                m.put("items", itemsJson(r));
                m.put("item_vars", new ArrayList<Object>(r.itemVars));
                m.put("concurrency", r.concurrency);
                m.put("item_status", itemStatusJson(r.itemStatus));
                m.put("carried", copy(r.carried));
            }
            runList.add(m);
        }
        json.put("runs", runList);
        List<Object> readyList = new ArrayList<>();
        for (Arrival a : ready) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("task", a.task());
            m.put("ctx", contexts.ref(a.ctx()));
            readyList.add(m);
        }
        json.put("ready", readyList);
        Map<String, Object> joinMap = new LinkedHashMap<>();
        joins.forEach((task, w) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("arrived", new ArrayList<Object>(w.arrived));
            m.put("ctx", copy(w.ctx));
            joinMap.put(task, m);
        });
        json.put("joins", joinMap);
        json.put("errors", copy(errors));
        json.put("sequence", new ArrayList<Object>(sequence));
        json.put("contexts", contexts.list);
        return json;
    }

    /** The distinct contexts of one {@link #toJson()}, each copied once, in the order first met. */
    private static final class Contexts {
        final List<Object> list = new ArrayList<>();
        private final Map<Map<String, Object>, Integer> byIdentity = new IdentityHashMap<>();
        private final Map<Map<String, Object>, Integer> byValue = new HashMap<>();

        /** The index of {@code ctx} in {@link #list}; equal contexts get the same index, so the form is canonical. */
        Integer ref(Map<String, Object> ctx) {
            Integer index = byIdentity.get(ctx);
            if (index == null) {
                index = byValue.get(ctx);
                if (index == null) {
                    index = list.size();
                    list.add(copy(ctx));
                    byValue.put(ctx, index);
                }
                byIdentity.put(ctx, index);
            }
            return index;
        }
    }

    /**
     * A with-items run's items: a reference to the smallest key of its context whose value equals them (the smallest,
     * not the first, as a stored context may come back in another key order), else the list itself.
     */
    private static Object itemsJson(Run r) {
        String key = null;
        for (Map.Entry<String, Object> e : r.ctx.entrySet()) {
            if ((key == null || e.getKey().compareTo(key) < 0) && e.getValue() instanceof List<?> l
                    && l.equals(r.items)) {
                key = e.getKey();
            }
        }
        if (key == null) {
            return copy(r.items);
        }
        Map<String, Object> ref = new LinkedHashMap<>();
        ref.put("ctx_key", key);
        return ref;
    }

    @SuppressWarnings("unchecked")
    public static WorkflowState fromJson(Map<String, Object> json) {
        try {
            WorkflowState s = new WorkflowState();
            List<Map<String, Object>> contexts = new ArrayList<>();
            if (json.get("contexts") != null) {
                for (Object c : (List<Object>) json.get("contexts")) {
                    contexts.add((Map<String, Object>) copy((Map<String, Object>) c));
                }
            }
            s.status = WorkflowStatus.fromCode((String) json.get("status"))
                    .orElseThrow(() -> new IllegalArgumentException("unknown workflow status " + json.get("status")));
            s.failing = Boolean.TRUE.equals(json.get("failing"));
            s.pausedByWait = Boolean.TRUE.equals(json.get("paused_by_wait"));
            s.pausedOnRequest = Boolean.TRUE.equals(json.get("paused_on_request"));
            s.ctx0 = context(json.get("ctx"), contexts, "ctx");
            s.startedAt = instant(json.get("started_at"));
            s.ends = intOf(json.get("ends"));
            for (Object o : (List<Object>) json.get("runs")) {
                Map<String, Object> m = (Map<String, Object>) o;
                Run r = new Run();
                r.id = intOf(m.get("id"));
                r.task = (String) m.get("task");
                r.status = TaskStatus.fromCode((String) m.get("status"));
                r.attempt = intOf(m.get("attempt"));
                ((List<Object>) m.get("starts")).forEach(x -> r.starts.add(intOf(x)));
                r.ctx = context(m.get("ctx"), contexts, "runs[" + r.id + "].ctx");
                r.outCtx = m.get("out_ctx") == null ? null : context(m.get("out_ctx"), contexts, "runs[" + r.id + "].out_ctx");
                r.startedAt = instant(m.get("started_at"));
                r.endedAt = instant(m.get("ended_at"));
                r.endOrder = intOf(m.get("end_order"));
                ((List<Object>) m.get("route")).forEach(x -> r.route.add((String) x));
                r.childActive = Boolean.TRUE.equals(m.get("child_active"));
                r.waiting = Boolean.TRUE.equals(m.get("waiting"));
                r.due = Boolean.TRUE.equals(m.get("due"));
                if (m.containsKey("items")) {
                    r.items = items(m.get("items"), r);
                    r.itemVars = ((List<Object>) m.get("item_vars")).stream().map(String::valueOf).toList();
                    r.concurrency = intOf(m.get("concurrency"));
                    r.itemStatus = itemStatus((String) m.get("item_status"), r);
                    r.carried = (Map<String, Object>) copy(m.get("carried"));
                }
                s.runs.add(r);
            }
            for (Object o : (List<Object>) json.get("ready")) {
                Map<String, Object> m = (Map<String, Object>) o;
                s.ready.add(new Arrival((String) m.get("task"), context(m.get("ctx"), contexts, "ready.ctx")));
            }
            ((Map<String, Object>) json.get("joins")).forEach((task, o) -> {
                Map<String, Object> m = (Map<String, Object>) o;
                JoinWait w = new JoinWait();
                ((List<Object>) m.get("arrived")).forEach(x -> w.arrived.add((String) x));
                w.ctx.putAll((Map<String, Object>) copy(m.get("ctx")));
                s.joins.put(task, w);
            });
            for (Object o : (List<Object>) json.get("errors")) {
                s.errors.add((Map<String, Object>) copy(o));
            }
            ((List<Object>) json.get("sequence")).forEach(x -> s.sequence.add((String) x));
            return s;
        } catch (ClassCastException | NullPointerException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("not a workflow state: " + e.getMessage(), e);
        }
    }

    /** The items' statuses run-length coded: each status character, followed by its repeat count when more than 1. */
    private static String itemStatusJson(char[] statuses) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < statuses.length) {
            int j = i;
            while (j < statuses.length && statuses[j] == statuses[i]) {
                j++;
            }
            out.append(statuses[i]);
            if (j - i > 1) {
                out.append(j - i);
            }
            i = j;
        }
        return out.toString();
    }

    /** The items' statuses from their run-length code (or the older form, one character per item). */
    private static char[] itemStatus(String code, Run r) {
        String field = "runs[" + r.id + "].item_status";
        char[] statuses = new char[r.items.size()];
        int at = 0;
        int i = 0;
        while (i < code.length()) {
            char c = code.charAt(i++);
            if ("prwsfc".indexOf(c) < 0) {
                throw new IllegalArgumentException("not a workflow state: " + field + " has '" + c
                        + "', which is not an item status (p, r, w, s, f or c)");
            }
            int digits = i;
            while (i < code.length() && Character.isDigit(code.charAt(i))) {
                i++;
            }
            long count = digits == i ? 1 : i - digits > 9 ? Long.MAX_VALUE : Long.parseLong(code.substring(digits, i));
            if (count < 1 || count > statuses.length - at) {
                throw new IllegalArgumentException("not a workflow state: " + field + " codes more statuses than the run's "
                        + statuses.length + " items (or a count of 0)");
            }
            Arrays.fill(statuses, at, at + (int) count, c);
            at += (int) count;
        }
        if (at != statuses.length) {
            throw new IllegalArgumentException("not a workflow state: " + field + " codes " + at + " items' statuses, "
                    + "but the run has " + statuses.length + " items");
        }
        return statuses;
    }

    /** A context written out (the older form) or as an index into {@code contexts}. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> context(Object json, List<Map<String, Object>> contexts, String field) {
        if (json instanceof Number index) {
            if (index.intValue() < 0 || index.intValue() >= contexts.size()) {
                throw new IllegalArgumentException("not a workflow state: " + field + " refers to context " + index
                        + ", but there are " + contexts.size());
            }
            return contexts.get(index.intValue());
        }
        if (json instanceof Map<?, ?> map) {
            return (Map<String, Object>) copy(map);
        }
        throw new IllegalArgumentException("not a workflow state: " + field + " is neither a context nor an index");
    }

    /** A with-items run's items: the list written out (the older form), or {@code {"ctx_key": name}} of its context. */
    @SuppressWarnings("unchecked")
    private static List<Object> items(Object json, Run r) {
        if (json instanceof Map<?, ?> ref) {
            Object key = ref.get("ctx_key");
            if (!(key instanceof String name) || !(r.ctx.get(name) instanceof List<?> list)) {
                throw new IllegalArgumentException("not a workflow state: runs[" + r.id + "].items refers to "
                        + key + ", which is not a list of the run's context");
            }
            return (List<Object>) list;
        }
        return (List<Object>) copy(json);
    }

    /**
     * A copy the engine may change: every run, list and map the engine changes in place is copied; contexts, item
     * lists, carried results and errors, which it never changes once stored, are shared.
     */
    WorkflowState copyOf() {
        WorkflowState c = new WorkflowState();
        c.status = status;
        c.failing = failing;
        c.pausedByWait = pausedByWait;
        c.pausedOnRequest = pausedOnRequest;
        c.ctx0 = ctx0;
        for (Run r : runs) {
            Run x = new Run();
            x.id = r.id;
            x.task = r.task;
            x.status = r.status;
            x.attempt = r.attempt;
            x.starts.addAll(r.starts);
            x.ctx = r.ctx;
            x.outCtx = r.outCtx;
            x.startedAt = r.startedAt;
            x.endedAt = r.endedAt;
            x.endOrder = r.endOrder;
            x.route.addAll(r.route);
            x.childActive = r.childActive;
            x.waiting = r.waiting;
            x.due = r.due;
            x.items = r.items;
            x.itemVars = r.itemVars;
            x.concurrency = r.concurrency;
            x.itemStatus = r.itemStatus == null ? null : r.itemStatus.clone();
            x.carried = r.carried;
            c.runs.add(x);
        }
        c.ready.addAll(ready);
        joins.forEach((task, w) -> {
            JoinWait x = new JoinWait();
            x.arrived.addAll(w.arrived);
            x.ctx.putAll(w.ctx);
            c.joins.put(task, x);
        });
        c.errors.addAll(errors);
        c.sequence.addAll(sequence);
        c.startedAt = startedAt;
        c.ends = ends;
        return c;
    }

    private static int intOf(Object o) {
        return o == null ? 0 : ((Number) o).intValue();
    }

    private static Instant instant(Object o) {
        return o == null ? null : Instant.parse((String) o);
    }

    /**
     * A deep copy of a JSON value that no one else can change: maps and lists are copied, except those nothing can
     * change ({@link Json#isFrozen}, such as a state read from storage), which are shared. The engine never changes
     * a value inside a context, item list or error in place.
     */
    static Object copy(Object value) {
        if (Json.isFrozen(value)) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> m = new LinkedHashMap<>();
            map.forEach((k, v) -> m.put(String.valueOf(k), copy(v)));
            return m;
        }
        if (value instanceof List<?> list) {
            List<Object> l = new ArrayList<>(list.size());
            list.forEach(v -> l.add(copy(v)));
            return l;
        }
        return value;
    }

    /** A copy of a JSON object whose top level may be changed; null becomes an empty map. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> copyMap(Map<String, Object> map) {
        return map == null ? new LinkedHashMap<>() : new LinkedHashMap<>((Map<String, Object>) copy(map));
    }
}
