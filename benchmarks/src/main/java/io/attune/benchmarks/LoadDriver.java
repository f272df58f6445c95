package io.attune.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * End-to-end load driver against a started Attune: requests executions over the REST API, waits until they are all
 * terminal, and reports throughput and latency taken from the executions' own timestamps.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.attune.benchmarks.LoadDriver --url http://127.0.0.1:18090 --scenario a
 * </pre>
 *
 * <p>Scenarios: {@code a} core.noop, {@code --count} requests from {@code --threads} client threads as fast as they
 * are answered; {@code a-steady} core.noop at {@code --rate} per second for {@code --duration} seconds (open loop:
 * a slow answer does not delay the next request); {@code b} and {@code b-steady} the same with core.local running
 * {@code echo hi}; {@code c-shell} (formerly {@code c}) installs a pack with {@code bench.step} (a shell script) under
 * a concurrency limit of 5 with FIFO queueing, requests {@code --count} executions (one after another unless
 * {@code --threads} says otherwise), and checks that they were admitted and started in the order they were requested
 * ({@link OrderCheck}); {@code c-noop} the same with {@code bench.noop_step} on the noop runner; {@code wf-items},
 * {@code wf-seq} and {@code wf-seq-burst} run workflows of core.noop tasks ({@link WorkflowBench}). Exit status: 0 done,
 * 2 an order violation in c-shell or c-noop, 1 anything else went wrong (for workflows: one did not end, or did not succeed).
 */
public final class LoadDriver {

    private static final int EXIT_FAILED = 1;
    private static final int EXIT_ORDER_VIOLATION = 2;
    private static final Duration POLL = Duration.ofMillis(250);
    private static final String WEBHOOK_URL = "bench";
    private static final String WEBHOOK_RULE = "bench.on_webhook";

    private final Options options;
    private final AttuneClient client;

    private LoadDriver(Options options) {
        this.options = options;
        this.client = new AttuneClient(options.url());
    }

    /** Authenticates the client: the API key when one is given, else a login. */
    private void authenticate() {
        if (options.apiKey().isPresent()) {
            client.useApiKey(options.apiKey().get());
        } else if (options.password().isPresent()) {
            client.logIn(options.user(), options.password().get());
        } else {
            throw new IllegalArgumentException("no credentials: give --api-key (or ATTUNE_API_KEY) or --password"
                    + " (or ATTUNE_ADMIN_PASSWORD)");
        }
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(EXIT_FAILED);
            return;
        }
        int status;
        try {
            status = new LoadDriver(options).run();
        } catch (RuntimeException e) {
            System.err.println("load driver failed: " + e);
            e.printStackTrace(System.err);
            status = EXIT_FAILED;
        }
        System.exit(status);
    }

    private int run() {
        Scenario scenario = options.scenario();
        authenticate();
        if (scenario.mode == Mode.WORKFLOW) {
            return new WorkflowBench(client, options).run(scenario);
        }
        if (scenario.ordered()) {
            Path pack = BenchPack.write();
            client.installPack(pack);
            System.err.println("installed pack bench from " + pack);
        }
        if (scenario.webhook()) {
            client.installPack(BenchPack.write());
            client.ensureRule(Map.of("ref", WEBHOOK_RULE, "trigger", Map.of("type", "core.webhook",
                    "parameters", Map.of("url", WEBHOOK_URL)), "action", Map.of("ref", scenario.action)));
            System.err.println("rule " + WEBHOOK_RULE + " runs " + scenario.action + " for /api/v1/webhooks/" + WEBHOOK_URL);
        }
        Report report = new Report();
        report.row("scenario", scenario.code + " (" + scenario.action + " " + scenario.parameters + ")");
        report.row("load average", loadAverage() + " (before)");
        Optional<CostSampler> cost = options.costDatabase()
                .map(db -> CostSampler.of(options.url(), options.attunePid(), db));
        Optional<CostSampler.Sample> costBefore = cost.map(sampler -> {
            settleStatistics();
            return sampler.sample();
        });
        Optional<CostSampler.RssWatch> rssWatch = cost.map(CostSampler::watchRss);
        Instant since = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        long start = System.nanoTime();
        Submission submission = switch (scenario.mode) {
            case BURST -> burst(scenario, options.count(scenario), options.threads(scenario));
            case STEADY -> steady(scenario, options.rate(scenario), options.duration());
            case WORKFLOW -> throw new IllegalStateException("workflow scenarios run in WorkflowBench");
        };
        System.err.printf(Locale.ROOT, "all %d requests sent%n", submission.accepted().size() + submission.errors());
        report.row("requests", submission.describe(start));
        Waited waited = awaitTerminal(scenario.action, since, submission.accepted().size());
        Optional<Long> doneAt = waited.doneAt();
        Optional<CostSampler.Sample> costAfter = cost.map(CostSampler::sample);
        Optional<Long> rssMax = rssWatch.flatMap(CostSampler.RssWatch::stop);
        costAfter.ifPresent(sample -> settleStatistics());
        Optional<CostSampler.Sample> costAfterDatabase = cost.map(CostSampler::sample);
        List<ExecutionRecord> records = scenario.webhook()
                ? client.list(scenario.action, since) : fetch(scenario.action, since, submission.ids());
        report.row("load average", loadAverage() + " (after)");
        Map<String, Long> statuses = records.stream()
                .collect(Collectors.groupingBy(ExecutionRecord::status, TreeMap::new, Collectors.counting()));
        long terminal = records.stream().filter(ExecutionRecord::isTerminal).count();
        report.row("terminal", terminal + " of " + submission.accepted().size() + " " + statuses
                + doneAt.map(at -> String.format(Locale.ROOT, ", all after %.1f s", seconds(at - start)))
                        .orElse(", NOT all terminal: " + waited.why()));
        doneAt.ifPresent(at -> report.row("throughput", String.format(Locale.ROOT,
                "%.0f/s client-observed (first request to last terminal, polled every %d ms)",
                terminal / seconds(at - start), POLL.toMillis())));
        serverThroughput(records).ifPresent(rate -> report.row("", String.format(Locale.ROOT,
                "%.0f/s from timestamps (first created_at to last finished_at)", rate)));
        report.latencyHeader();
        if (scenario.webhook()) {
            Map<Long, Instant> eventTimes = eventTimes(since);
            report.latency("event to terminal", records, r -> between(eventTimes.get(r.enforcement()), r.finished()));
            report.latency("event to execution", records, r -> between(eventTimes.get(r.enforcement()), r.created()));
        }
        report.latency("total", records, ExecutionRecord::total);
        report.latency("admission", records, ExecutionRecord::admission);
        report.latency("dispatch", records, ExecutionRecord::dispatch);
        report.latency("run", records, ExecutionRecord::run);
        report.latency("POST round trip", submission.roundTrips());
        if (scenario.mode == Mode.STEADY) {
            report.row("", "POST round trip counts from each request's planned time (open loop)");
        }
        Map<String, String> metrics = new LinkedHashMap<>();
        doneAt.ifPresent(at -> metrics.put("throughput", String.format(Locale.ROOT, "%.1f", terminal / seconds(at - start))));
        long[] totals = records.stream().map(ExecutionRecord::total).flatMap(Optional::stream)
                .mapToLong(Duration::toNanos).sorted().toArray();
        metrics.put("total_p50_ms", String.format(Locale.ROOT, "%.1f", Report.percentile(totals, 50) / 1e6));
        metrics.put("total_p99_ms", String.format(Locale.ROOT, "%.1f", Report.percentile(totals, 99) / 1e6));
        if (scenario.webhook()) {
            Map<Long, Instant> eventTimes = eventTimes(since);
            long[] fromEvent = records.stream().map(r -> between(eventTimes.get(r.enforcement()), r.finished()))
                    .flatMap(Optional::stream).mapToLong(Duration::toNanos).sorted().toArray();
            metrics.put("event_p50_ms", String.format(Locale.ROOT, "%.1f", Report.percentile(fromEvent, 50) / 1e6));
            metrics.put("event_p99_ms", String.format(Locale.ROOT, "%.1f", Report.percentile(fromEvent, 99) / 1e6));
        }
        long[] roundTrips = submission.roundTrips();
        Arrays.sort(roundTrips);
        metrics.put("post_p99_ms", String.format(Locale.ROOT, "%.1f", Report.percentile(roundTrips, 99) / 1e6));
        if (scenario.mode == Mode.STEADY) {
            metrics.put("sent_late", Long.toString(submission.late()));
        }
        if (cost.isPresent()) {
            metrics.putAll(cost.get().perExecution(costBefore.get(),
                    costAfter.get().withDatabaseOf(costAfterDatabase.get()), terminal, report));
            rssMax.ifPresent(rss -> {
                metrics.put("rss_max_mb", String.format(Locale.ROOT, "%.1f", rss / 1048576.0));
                report.row("  rss_max_mb", String.format(Locale.ROOT, "%10.1f  highest VmRSS sampled every %d ms"
                        + " from the first request to the last terminal", rss / 1048576.0,
                        CostSampler.RssWatch.PERIOD.toMillis()));
            });
        }
        OrderCheck order = scenario.ordered() ? OrderCheck.of(submission.accepted(), records) : null;
        if (order != null) {
            metrics.put("fifo_admission_violations", Integer.toString(order.admissionViolations().size()));
            metrics.put("fifo_definite_violations", Integer.toString(order.definiteViolations().size()));
            metrics.put("start_inversions", Integer.toString(order.startViolations().size()));
        }
        report.row("metrics", metrics.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" ")));
        long succeeded = statuses.getOrDefault("succeeded", 0L);
        int status = doneAt.isPresent() && terminal == submission.accepted().size() && submission.errors() == 0
                && succeeded == submission.accepted().size() ? 0 : EXIT_FAILED;
        if (doneAt.isPresent() && succeeded != terminal) {
            report.row("FAILED", (terminal - succeeded) + " of " + terminal + " executions did not succeed "
                    + statuses + ": the figures above are not those of the scenario");
        }
        if (order != null) {
            report.row("start order", order.describeStart());
            report.row("admission order", order.describeAdmission());
            report.row("FIFO (definite)", order.describeDefinite());
            // admission (scheduled_at, stamped under the policy key's lock) must follow request order, and no
            // execution may start before the admission of one requested earlier began; with a limit above 1, two
            // workers may start executions admitted one after the other in either order (a start inversion), which
            // is reported and counted, not a FIFO violation
            if (!order.admissionViolations().isEmpty() || !order.definiteViolations().isEmpty()
                    || (options.strictStart() && !order.startViolations().isEmpty())) {
                status = EXIT_ORDER_VIOLATION;
            }
            if (terminal != submission.accepted().size() || order.timedStarts() != submission.accepted().size()) {
                report.row("FIFO", "NOT CHECKED for all: " + order.timedStarts() + " of "
                        + submission.accepted().size() + " have a start time");
                status = EXIT_FAILED;
            }
        }
        report.print();
        if (status == EXIT_ORDER_VIOLATION) {
            System.err.println("*** FIFO VIOLATED under the concurrency limit: " + order.admissionViolations().size()
                    + " admitted and " + order.definiteViolations().size() + " started before one requested earlier"
                    + (options.strictStart() ? ", " + order.startViolations().size() + " start inversions" : "")
                    + " (see 'start order', 'admission order' and 'FIFO (definite)' above) ***");
        }
        return status;
    }

    /**
     * {@code count} requests from {@code threads} threads, each sending the next as soon as it has an answer; with
     * one thread the request order is total: each is sent after the previous one was answered.
     */
    private Submission burst(Scenario scenario, int count, int threads) {
        Request[] requests = new Request[count];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<CompletableFuture<Void>> senders = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                senders.add(CompletableFuture.runAsync(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        long sent = System.nanoTime();
                        try {
                            long id = scenario.webhook() ? client.webhook(WEBHOOK_URL, Map.of("n", i))
                                    : client.run(scenario.action, scenario.parameters);
                            requests[i] = new Request(id, sent, System.nanoTime());
                        } catch (RuntimeException e) {
                            reportError(errors, e);
                        }
                    }
                }, pool));
            }
            CompletableFuture.allOf(senders.toArray(CompletableFuture[]::new)).join();
        } finally {
            pool.shutdownNow();
        }
        return Submission.of(requests, errors.get(), System.nanoTime());
    }

    /**
     * {@code rate} requests per second for {@code duration}, each sent at its planned time whether or not earlier
     * ones were answered (at most 512 in flight); the round trip counts from the planned time.
     */
    private Submission steady(Scenario scenario, double rate, Duration duration) {
        int count = (int) Math.round(rate * duration.toNanos() / 1e9);
        Request[] requests = new Request[count];
        AtomicInteger errors = new AtomicInteger();
        Semaphore inFlight = new Semaphore(512);
        CompletableFuture<?>[] answers = new CompletableFuture<?>[count];
        long start = System.nanoTime();
        long late = 0;
        for (int i = 0; i < count; i++) {
            long planned = start + (long) (i * 1e9 / rate);
            for (long wait = planned - System.nanoTime(); wait > 0; wait = planned - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            inFlight.acquireUninterruptibly();
            if (System.nanoTime() - planned > TimeUnit.MILLISECONDS.toNanos(10)) {
                late++;
            }
            int index = i;
            CompletableFuture<Long> answer = scenario.webhook() ? client.webhookAsync(WEBHOOK_URL, Map.of("n", i))
                    : client.runAsync(scenario.action, scenario.parameters);
            answers[i] = answer.handle((id, failure) -> {
                if (failure == null) {
                    requests[index] = new Request(id, planned, System.nanoTime());
                } else {
                    reportError(errors, failure);
                }
                inFlight.release();
                return null;
            });
        }
        long lastSent = System.nanoTime();
        CompletableFuture.allOf(answers).join();
        return Submission.of(requests, errors.get(), lastSent).late(late);
    }

    private static void reportError(AtomicInteger errors, Throwable e) {
        if (errors.incrementAndGet() <= 5) {
            System.err.println("request failed: " + e.getMessage());
        }
    }

    /**
     * Polls the list endpoint (one count per terminal status) until {@code expected} executions created since
     * {@code since} are terminal; gives up after the wait limit, or after a minute without progress.
     */
    private Waited awaitTerminal(String action, Instant since, int expected) {
        return awaitTerminal(client, options.waitLimit(), action, since, expected);
    }

    /** As {@link #awaitTerminal(String, Instant, int)}, for this client and wait limit. */
    static Waited awaitTerminal(AttuneClient client, Duration waitLimit, String action, Instant since, int expected) {
        long start = System.nanoTime();
        long deadline = start + waitLimit.toNanos();
        long lastProgress = start;
        long lastTerminal = -1;
        long lastLog = 0;
        while (true) {
            long terminal = 0;
            for (String status : ExecutionRecord.TERMINAL) {
                terminal += client.count(action, status, since);
            }
            long now = System.nanoTime();
            if (terminal >= expected) {
                return new Waited(Optional.of(now), "");
            }
            if (terminal != lastTerminal) {
                lastTerminal = terminal;
                lastProgress = now;
            } else if (now - lastProgress > TimeUnit.MINUTES.toNanos(1)) {
                return new Waited(Optional.empty(), "no progress for a minute at " + terminal);
            }
            if (now > deadline) {
                return new Waited(Optional.empty(), terminal + " after the wait limit of "
                        + waitLimit.toSeconds() + " s");
            }
            if (now - lastLog > TimeUnit.SECONDS.toNanos(5)) {
                System.err.printf(Locale.ROOT, "waited %5.1f s: %d of %d terminal%n", seconds(now - start),
                        terminal, expected);
                lastLog = now;
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
    }

    /** When every execution was terminal ({@link System#nanoTime}), or why the driver stopped waiting. */
    record Waited(Optional<Long> doneAt, String why) {
    }

    /** The executions this run requested, from the list endpoint, and one by one for any the list missed. */
    private List<ExecutionRecord> fetch(String action, Instant since, List<Long> ids) {
        Set<Long> wanted = Set.copyOf(ids);
        Map<Long, ExecutionRecord> found = new HashMap<>();
        client.list(action, since).stream().filter(r -> wanted.contains(r.id())).forEach(r -> found.put(r.id(), r));
        for (long id : ids) {
            found.computeIfAbsent(id, client::get);
        }
        return ids.stream().map(found::get).toList();
    }

    /** Enforcement id → when its event occurred, for the webhook rule's enforcements since {@code since}. */
    private Map<Long, Instant> eventTimes(Instant since) {
        Map<Long, Instant> occurred = new HashMap<>();
        for (JsonNode e : client.items("/api/v1/events", Map.of("source", "webhook:" + WEBHOOK_URL, "since", since.toString()))) {
            occurred.put(e.path("id").asLong(), Instant.parse(e.path("occurred_at").asText()));
        }
        Map<Long, Instant> byEnforcement = new HashMap<>();
        for (JsonNode e : client.items("/api/v1/enforcements", Map.of("rule", WEBHOOK_RULE, "since", since.toString()))) {
            Instant at = occurred.get(e.path("event").asLong());
            if (at != null) {
                byEnforcement.put(e.path("id").asLong(), at);
            }
        }
        return byEnforcement;
    }

    private static Optional<Duration> between(Instant from, Instant to) {
        return from == null || to == null ? Optional.empty() : Optional.of(Duration.between(from, to));
    }

    private static Optional<Double> serverThroughput(List<ExecutionRecord> records) {
        Optional<Instant> first = records.stream().map(ExecutionRecord::created).min(Comparator.naturalOrder());
        Optional<Instant> last = records.stream().map(ExecutionRecord::finished)
                .filter(Objects::nonNull).max(Comparator.naturalOrder());
        if (first.isEmpty() || last.isEmpty() || !last.get().isAfter(first.get())) {
            return Optional.empty();
        }
        long finished = records.stream().filter(r -> r.finished() != null).count();
        return Optional.of(finished / seconds(Duration.between(first.get(), last.get()).toNanos()));
    }

    /**
     * Waits until PostgreSQL has published its backends' pending statistics: an idle backend flushes them at most
     * 10 s after its last transaction (PostgreSQL 15's PGSTAT_IDLE_INTERVAL), so counters read earlier lag.
     */
    private static void settleStatistics() {
        LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(11));
    }

    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return String.join(" ", Arrays.asList(fields).subList(0, 3));
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }

    /** What the driver can run. */
    enum Scenario {
        A("a", Mode.BURST, "core.noop", Map.of(), 10_000, 8),
        A_STEADY("a-steady", Mode.STEADY, "core.noop", Map.of(), 100, 0),
        B("b", Mode.BURST, "core.local", Map.of("cmd", "echo hi"), 1_000, 8),
        B_STEADY("b-steady", Mode.STEADY, "core.local", Map.of("cmd", "echo hi"), 20, 0),
        C("c-shell", Mode.BURST, BenchPack.ACTION, Map.of(), 10_000, 1),
        C_NOOP("c-noop", Mode.BURST, BenchPack.NOOP_ACTION, Map.of(), 10_000, 8),
        W("w", Mode.BURST, "core.noop", Map.of(), 5_000, 8),
        W_STEADY("w-steady", Mode.STEADY, "core.noop", Map.of(), 100, 0),
        WF_ITEMS("wf-items", Mode.WORKFLOW, WorkflowPack.ITEMS_ACTION, Map.of(), 1, 0),
        WF_SEQ("wf-seq", Mode.WORKFLOW, WorkflowPack.PACK + ".seq<tasks>", Map.of(), 20, 0),
        WF_SEQ_BURST("wf-seq-burst", Mode.WORKFLOW, WorkflowPack.PACK + ".seq<tasks>", Map.of(), 100, 0);

        final String code;
        final Mode mode;
        final String action;
        final Map<String, Object> parameters;
        /** The default count for a burst, the default rate per second for a steady run. */
        final int defaultSize;
        final int defaultThreads;

        Scenario(String code, Mode mode, String action, Map<String, Object> parameters, int defaultSize,
                 int defaultThreads) {
            this.code = code;
            this.mode = mode;
            this.action = action;
            this.parameters = parameters;
            this.defaultSize = defaultSize;
            this.defaultThreads = defaultThreads;
        }

        /** Whether the scenario runs under the bench pack's limit, and its order is checked. */
        boolean ordered() {
            return this == C || this == C_NOOP;
        }

        /** Whether requests are webhook posts (to a rule that runs the action) instead of execution requests. */
        boolean webhook() {
            return this == W || this == W_STEADY;
        }

        static Scenario of(String code) {
            String name = code.equals("c") ? C.code : code;  // c: the earlier name of c-shell
            return Arrays.stream(values()).filter(s -> s.code.equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown scenario '" + code + "'"));
        }
    }

    /**
     * How requests are sent: as fast as they are answered (closed loop), at a fixed rate (open loop), or as workflows
     * measured by {@link WorkflowBench}.
     */
    enum Mode { BURST, STEADY, WORKFLOW }

    /** The command line. */
    record Options(URI url, Scenario scenario, Optional<Integer> count, Optional<Integer> threads,
                   Optional<Double> rate, Duration duration, Duration waitLimit, Optional<String> apiKey,
                   String user, Optional<String> password, int items, int concurrency, int tasks,
                   Optional<String> costDatabase, Optional<Long> attunePid, boolean strictStart) {

        static final String USAGE = """
                usage: LoadDriver --scenario a|a-steady|b|b-steady|c-shell|c-noop|w|w-steady|wf-items|wf-seq|wf-seq-burst
                                  [--url http://127.0.0.1:8080] [--count N] [--threads 8] [--rate PER_SECOND]
                                  [--duration 30s] [--wait 600s] [--items 1000] [--concurrency 50] [--tasks 20]
                  --count     requests for a (default 10000), b (1000), c-shell and c-noop (10000); workflows for wf-items (1) and
                              wf-seq (20), run one after another, and for wf-seq-burst (100), sent at once
                  --items     wf-items: core.noop items of the with-items task (default 1000)
                  --concurrency  wf-items: the with-items concurrency (default 50)
                  --tasks     wf-seq and wf-seq-burst: core.noop tasks one after another (default 20)
                  --threads   client threads for a, b, c-noop (default 8) and c-shell (default 1: each request sent after
                              the previous one was answered, so the request order is total)
                  --rate      requests per second for a-steady (default 100) and b-steady (20)
                  --duration  how long a steady run sends (seconds, default 30)
                  --wait      how long to wait for every execution to be terminal (seconds, default 600)
                  --api-key   an API key to send (default: ATTUNE_API_KEY); without one the driver logs in as
                  --user      (default admin) with --password (default: ATTUNE_ADMIN_PASSWORD)
                  --cost-db   the server's database: report the cost per execution (CPU of Attune, PostgreSQL and
                              RabbitMQ from /proc, PostgreSQL counters, AMQP bytes, RSS and its highest sample during the
                              run, heap) for a, b, c-shell, c-noop and w and their steady forms
                  --attune-pid  the Attune JVM's pid for --cost-db (default: the process listening on --url's port)
                  --strict-start  yes: c-shell and c-noop also fail (exit 2) on a start inversion, two executions
                              admitted one after the other that two workers started in the other order (default no:
                              counted and reported; admission out of request order, or a start before the admission
                              of one requested earlier began, always fail)""";

        static Options parse(String[] args) {
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (!name.startsWith("--") || i + 1 >= args.length) {
                    throw new IllegalArgumentException("expected --option value, got '" + name + "'");
                }
                values.put(name.substring(2), args[++i]);
            }
            Set<String> known = Set.of("url", "scenario", "count", "threads", "rate", "duration", "wait",
                    "api-key", "user", "password", "items", "concurrency", "tasks", "cost-db", "attune-pid", "strict-start");
            values.keySet().stream().filter(name -> !known.contains(name)).findFirst().ifPresent(name -> {
                throw new IllegalArgumentException("unknown option --" + name);
            });
            if (!values.containsKey("scenario")) {
                throw new IllegalArgumentException("--scenario is required");
            }
            return new Options(URI.create(values.getOrDefault("url", "http://127.0.0.1:8080")),
                    Scenario.of(values.get("scenario")),
                    Optional.ofNullable(values.get("count")).map(v -> positive("count", v)),
                    Optional.ofNullable(values.get("threads")).map(v -> positive("threads", v)),
                    Optional.ofNullable(values.get("rate")).map(Double::parseDouble),
                    Duration.ofSeconds(positive("duration", strip(values.getOrDefault("duration", "30")))),
                    Duration.ofSeconds(positive("wait", strip(values.getOrDefault("wait", "600")))),
                    Optional.ofNullable(values.getOrDefault("api-key", System.getenv("ATTUNE_API_KEY"))),
                    values.getOrDefault("user", "admin"),
                    Optional.ofNullable(values.getOrDefault("password", System.getenv("ATTUNE_ADMIN_PASSWORD"))),
                    positive("items", values.getOrDefault("items", "1000")),
                    positive("concurrency", values.getOrDefault("concurrency", "50")),
                    positive("tasks", values.getOrDefault("tasks", "20")),
                    Optional.ofNullable(values.get("cost-db")),
                    Optional.ofNullable(values.get("attune-pid")).map(v -> (long) positive("attune-pid", v)),
                    yesNo("strict-start", values.getOrDefault("strict-start", "no")));
        }

        int count(Scenario scenario) {
            return count.orElse(scenario.defaultSize);
        }

        int threads(Scenario scenario) {
            return threads.orElse(scenario.defaultThreads);
        }

        double rate(Scenario scenario) {
            return rate.orElse((double) scenario.defaultSize);
        }

        private static boolean yesNo(String name, String value) {
            return switch (value) {
                case "yes" -> true;
                case "no" -> false;
                default -> throw new IllegalArgumentException("--" + name + " needs yes or no, got '" + value + "'");
            };
        }

        private static String strip(String seconds) {
            return seconds.endsWith("s") ? seconds.substring(0, seconds.length() - 1) : seconds;
        }

        private static int positive(String name, String value) {
            try {
                int number = Integer.parseInt(value);
                if (number > 0) {
                    return number;
                }
            } catch (NumberFormatException e) {
                // Falls through to the message below.
            }
            throw new IllegalArgumentException("--" + name + " needs a positive whole number, got '" + value + "'");
        }
    }

    /** One accepted request: the execution's id, and when it was sent and answered ({@link System#nanoTime}). */
    record Request(long id, long sent, long answered) {
    }

    /** What was sent: the accepted requests in the order they were sent, and how many failed. */
    record Submission(List<Request> accepted, int errors, long sendingEnded, String note, long late) {

        static Submission of(Request[] requests, int errors, long sendingEnded) {
            return new Submission(Arrays.stream(requests).filter(Objects::nonNull).toList(), errors, sendingEnded, "",
                    0);
        }

        /** The same, with how many requests of an open-loop run left more than 10 ms after their planned time. */
        Submission late(long count) {
            return new Submission(accepted, errors, sendingEnded,
                    "; " + count + " sent more than 10 ms after their planned time", count);
        }

        List<Long> ids() {
            return accepted.stream().map(Request::id).toList();
        }

        long[] roundTrips() {
            return accepted.stream().mapToLong(r -> r.answered() - r.sent()).toArray();
        }

        String describe(long start) {
            double elapsed = seconds(sendingEnded - start);
            return String.format(Locale.ROOT, "%d accepted (201), %d failed, sent in %.1f s = %.0f/s%s",
                    accepted.size(), errors, elapsed, accepted.size() / elapsed, note);
        }
    }
}
