package io.attune.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import io.attune.benchmarks.LoadDriver.Options;
import io.attune.benchmarks.LoadDriver.Scenario;
import io.attune.benchmarks.LoadDriver.Waited;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * The workflow scenarios of the load driver: installs the {@link WorkflowPack}, runs its workflows through
 * {@code POST /api/v1/executions}, waits for them to end, then reads each workflow and its children
 * ({@code GET /api/v1/executions?parent=…}) and reports from their timestamps: wall time, children per second, and for
 * the sequential workflow the handoff from one task's end to the next task's start.
 *
 * <p>{@code wf-items} and {@code wf-seq} run {@code --count} workflows one after another (each sent when the one before
 * has ended, polled every 20 ms); {@code wf-seq-burst} sends {@code --count} at once.
 */
final class WorkflowBench {

    private static final Duration POLL_ONE = Duration.ofMillis(20);

    private final AttuneClient client;
    private final Options options;

    WorkflowBench(AttuneClient client, Options options) {
        this.client = client;
        this.options = options;
    }

    /** A workflow run: its id, and when it was sent, answered and seen ended ({@link System#nanoTime}). */
    private record Run(long id, long sent, long answered, long seenEnded) {
    }

    /** A child execution with the task it ran for (its name, and its item for with-items, else -1). */
    private record Child(ExecutionRecord execution, String task, int item) {

        static Child of(JsonNode json) {
            JsonNode task = json.path("task");
            return new Child(ExecutionRecord.of(json), task.path("name").asText(""),
                    task.path("item").isNumber() ? task.path("item").asInt() : -1);
        }
    }

    /** A workflow as it ended, with its children. */
    private record Ended(ExecutionRecord workflow, List<Child> children) {
    }

    int run(Scenario scenario) {
        int tasks = options.tasks();
        boolean items = scenario == Scenario.WF_ITEMS;
        client.installPack(WorkflowPack.write(tasks));
        String action = items ? WorkflowPack.ITEMS_ACTION : WorkflowPack.seqAction(tasks);
        Map<String, Object> parameters = items
                ? Map.of("items", IntStream.range(0, options.items()).boxed().toList(),
                        "concurrency", options.concurrency())
                : Map.of();
        int count = options.count(scenario);
        Report report = new Report();
        report.row("scenario", scenario.code + " (" + action + (items ? ", " + options.items() + " items at concurrency "
                + options.concurrency() : ", " + tasks + " tasks") + "), " + count + " workflow(s)"
                + (scenario == Scenario.WF_SEQ_BURST ? " sent at once" : " one after another"));
        report.row("load average", LoadDriver.loadAverage() + " (before)");
        Instant since = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        long start = System.nanoTime();
        List<Run> runs;
        Optional<String> incomplete;
        if (scenario == Scenario.WF_SEQ_BURST) {
            runs = burst(action, parameters, count);
            Waited waited = LoadDriver.awaitTerminal(client, options.waitLimit(), action, since, runs.size());
            long ended = waited.doneAt().orElse(System.nanoTime());
            runs = runs.stream().map(r -> new Run(r.id(), r.sent(), r.answered(), ended)).toList();
            incomplete = waited.doneAt().isPresent() ? Optional.empty() : Optional.of(waited.why());
        } else {
            runs = new ArrayList<>();
            incomplete = Optional.empty();
            for (int i = 0; i < count && incomplete.isEmpty(); i++) {
                long sent = System.nanoTime();
                long id = client.run(action, parameters);
                long answered = System.nanoTime();
                incomplete = awaitEnd(id);
                runs.add(new Run(id, sent, answered, System.nanoTime()));
                System.err.printf(Locale.ROOT, "workflow %d (%d of %d) ended after %.2f s%n", id, i + 1, count,
                        LoadDriver.seconds(System.nanoTime() - sent));
            }
        }
        long clientElapsed = runs.stream().mapToLong(Run::seenEnded).max().orElse(start) - start;
        List<Ended> ended = runs.stream().map(r -> new Ended(client.get(r.id()), children(r.id()))).toList();
        report.row("load average", LoadDriver.loadAverage() + " (after)");
        List<ExecutionRecord> workflows = ended.stream().map(Ended::workflow).toList();
        List<Child> children = ended.stream().flatMap(e -> e.children().stream()).toList();
        List<ExecutionRecord> childRecords = children.stream().map(Child::execution).toList();
        report.row("workflows", workflows.size() + " " + statuses(workflows)
                + incomplete.map(why -> ", NOT all ended: " + why).orElse(""));
        report.row("children", childRecords.size() + " " + statuses(childRecords));
        report.row("client-observed", String.format(Locale.ROOT, "%.2f s from the first POST to the poll that saw"
                + " the last workflow ended", LoadDriver.seconds(clientElapsed)));
        busy(scenario, workflows).ifPresent(busy -> report.row("children/s", String.format(Locale.ROOT,
                "%.0f/s: %d children in %.2f s (%s)", childRecords.size() / LoadDriver.seconds(busy.toNanos()),
                childRecords.size(), LoadDriver.seconds(busy.toNanos()), scenario == Scenario.WF_SEQ_BURST
                        ? "first workflow created_at to last finished_at" : "sum of each workflow's created_at to"
                        + " finished_at")));
        if (scenario == Scenario.WF_SEQ_BURST) {
            report.row("workflows/s", String.format(Locale.ROOT, "%.1f/s",
                    workflows.size() / LoadDriver.seconds(busy(scenario, workflows).orElse(Duration.ZERO).toNanos())));
        }
        if (items) {
            report.row("most in flight", ended.stream().map(e -> Integer.toString(mostInFlight(e.children())))
                    .collect(Collectors.joining(", ")) + " children at once (from created_at/finished_at, per"
                    + " workflow)");
        }
        report.latencyHeader();
        report.latency("workflow end to end", workflows, ExecutionRecord::total);
        report.latency("first child start", durations(ended, e -> first(e.children(), ExecutionRecord::started)
                .flatMap(at -> between(e.workflow().created(), at))));
        report.latency("last child to end", durations(ended, e -> last(e.children(), ExecutionRecord::finished)
                .flatMap(at -> between(at, e.workflow().finished()))));
        if (!items) {
            List<Child[]> pairs = ended.stream().flatMap(e -> consecutive(e.children())).toList();
            report.latency("handoff", durations(pairs, p -> between(p[0].execution().finished(),
                    p[1].execution().started())));
            report.latency(" end to next create", durations(pairs, p -> between(p[0].execution().finished(),
                    p[1].execution().created())));
            report.latency(" create to start", durations(pairs, p -> between(p[1].execution().created(),
                    p[1].execution().started())));
        }
        report.latency("child total", childRecords, ExecutionRecord::total);
        report.latency("child admission", childRecords, ExecutionRecord::admission);
        report.latency("child dispatch", childRecords, ExecutionRecord::dispatch);
        report.latency("child run", childRecords, ExecutionRecord::run);
        report.latency("POST round trip", runs.stream().mapToLong(r -> r.answered() - r.sent()).toArray());
        report.print();
        boolean allSucceeded = incomplete.isEmpty() && runs.size() == count
                && workflows.stream().allMatch(w -> w.status().equals("succeeded"));
        return allSucceeded ? 0 : 1;
    }

    /** Sends {@code count} requests at once (asynchronously) and waits for their answers. */
    private List<Run> burst(String action, Map<String, Object> parameters, int count) {
        List<CompletableFuture<Run>> answers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long sent = System.nanoTime();
            answers.add(client.runAsync(action, parameters).thenApply(id -> new Run(id, sent, System.nanoTime(), 0)));
        }
        return answers.stream().map(CompletableFuture::join).toList();
    }

    /** Polls one workflow until it is terminal; empty when it is, else why the driver stopped waiting. */
    private Optional<String> awaitEnd(long id) {
        long deadline = System.nanoTime() + options.waitLimit().toNanos();
        while (!client.get(id).isTerminal()) {
            if (System.nanoTime() > deadline) {
                return Optional.of("workflow " + id + " not ended after " + options.waitLimit().toSeconds() + " s");
            }
            LockSupport.parkNanos(POLL_ONE.toNanos());
        }
        return Optional.empty();
    }

    private List<Child> children(long parent) {
        return client.items("/api/v1/executions", Map.of("parent", Long.toString(parent))).stream()
                .map(Child::of).toList();
    }

    /**
     * The time the children ran in: for a burst, from the first workflow's creation to the last one's end; for runs
     * one after another, the sum of each workflow's own span (the driver's polling gaps between them left out).
     */
    private static Optional<Duration> busy(Scenario scenario, List<ExecutionRecord> workflows) {
        if (workflows.stream().anyMatch(w -> w.finished() == null)) {
            return Optional.empty();
        }
        if (scenario == Scenario.WF_SEQ_BURST) {
            Instant first = workflows.stream().map(ExecutionRecord::created).min(Comparator.naturalOrder()).orElseThrow();
            Instant last = workflows.stream().map(ExecutionRecord::finished).max(Comparator.naturalOrder()).orElseThrow();
            return Optional.of(Duration.between(first, last));
        }
        return Optional.of(workflows.stream().map(w -> w.total().orElseThrow()).reduce(Duration.ZERO, Duration::plus));
    }

    /** The sequential workflow's tasks in order, as pairs (task n−1, task n); only first runs, no retries. */
    private static Stream<Child[]> consecutive(List<Child> children) {
        List<Child> ordered = children.stream().sorted(Comparator.comparing(Child::task)).toList();
        return IntStream.range(1, ordered.size()).mapToObj(i -> new Child[] {ordered.get(i - 1), ordered.get(i)});
    }

    /**
     * The most children in flight at one time (requested and not yet ended, which is what the with-items concurrency
     * bounds), from their created_at and finished_at (millisecond resolution: one that ends in the millisecond another
     * is created is counted as gone).
     */
    private static int mostInFlight(List<Child> children) {
        TreeMap<Instant, Integer> change = new TreeMap<>();
        for (Child c : children) {
            ExecutionRecord e = c.execution();
            if (e.finished() != null) {
                change.merge(e.created(), 1, Integer::sum);
                change.merge(e.finished(), -1, Integer::sum);
            }
        }
        int running = 0;
        int most = 0;
        for (int delta : change.values()) {
            running += delta;
            most = Math.max(most, running);
        }
        return most;
    }

    private static Optional<Instant> first(List<Child> children, Function<ExecutionRecord, Instant> time) {
        return children.stream().map(c -> time.apply(c.execution())).filter(Objects::nonNull)
                .min(Comparator.naturalOrder());
    }

    private static Optional<Instant> last(List<Child> children, Function<ExecutionRecord, Instant> time) {
        return children.stream().map(c -> time.apply(c.execution())).filter(Objects::nonNull)
                .max(Comparator.naturalOrder());
    }

    private static <T> long[] durations(List<T> values, Function<T, Optional<Duration>> of) {
        return values.stream().map(of).flatMap(Optional::stream).flatMapToLong(d -> LongStream.of(d.toNanos()))
                .toArray();
    }

    private static Optional<Duration> between(Instant from, Instant to) {
        return from == null || to == null ? Optional.empty() : Optional.of(Duration.between(from, to));
    }

    private static String statuses(List<ExecutionRecord> records) {
        return records.stream().collect(Collectors.groupingBy(ExecutionRecord::status, TreeMap::new,
                Collectors.counting())).toString();
    }
}
