package io.attune.bootstrap.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.attune.bootstrap.support.Api;
import io.attune.bootstrap.support.TestApplication;
import io.attune.bootstrap.support.TestServices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The fault suite across processes (issue 14, item 8): Attune split by role into seven JVMs on loopback ({@code api}
 * ×1, {@code executor} ×2, {@code worker} ×2, {@code sensor} ×2) on the real PostgreSQL (a database of its own) and
 * RabbitMQ (an AMQP namespace of its own), under a steady load of webhooks and API requests against actions with
 * concurrency limits and a one-second timer. Each role is killed with {@code kill -9} in turn and restarted, and the
 * broker is restarted ({@code rabbitmqctl stop_app}/{@code start_app}, a few seconds). At the end, from PostgreSQL and
 * the actions' own run log: every accepted event has exactly its enforcements, every execution ran at most once and
 * ended, no limit was exceeded, the timer fired once per tick; the recovery times and the throughput with one and
 * two workers go to a report ({@code target/faultsuite/report.md}).
 *
 * <p>CI runs the short version ({@code -Dattune.faultsuite=short}, the default: each role killed once);
 * {@code benchmarks/faults.sh} runs the full one ({@code -Dattune.faultsuite=full}: every instance killed, longer and
 * heavier load). {@code -Dattune.faultsuite.broker=false} leaves the broker alone.
 */
@Tag("faultsuite")
class FaultSuiteEndToEndTest {

    /** The sizes of one run. */
    record Mode(String name, int webhooksPerSecond, int executionsPerSecond, int burst, Duration warmup,
                Duration settle, List<String> kills, Duration brokerOutage, Duration drain) {

        static Mode of(String name) {
            return switch (name) {
                case "short" -> new Mode(name, 3, 1, 60, Duration.ofSeconds(8), Duration.ofSeconds(8),
                        List.of("api", "executor-1", "worker-1", "sensor", "broker"), Duration.ofSeconds(5),
                        Duration.ofSeconds(120));
                case "full" -> new Mode(name, 4, 2, 300, Duration.ofSeconds(20), Duration.ofSeconds(20),
                        List.of("api", "executor-1", "executor-2", "worker-1", "worker-2", "sensor", "sensor",
                                "broker"), Duration.ofSeconds(8), Duration.ofSeconds(300));
                default -> throw new IllegalArgumentException("attune.faultsuite is short or full, got " + name);
            };
        }
    }

    /** One fault: what was hit (the instance, or the broker), when, and when it was back. */
    record Fault(String target, String role, Instant at, Instant back, Instant ready) {
    }

    /** A JVM starts in 10–40 s on a quiet 2-core machine; a shared one under heavy load takes minutes. */
    private static final Duration START_WITHIN = Duration.ofMinutes(8);

    @Test
    void killingEachRoleAndRestartingTheBrokerLosesNothingRunsNothingTwiceAndExceedsNoLimit() throws Exception {
        Mode mode = Mode.of(System.getProperty("attune.faultsuite", "short"));
        boolean restartBroker = !"false".equals(System.getProperty("attune.faultsuite.broker"));
        Path out = Path.of(System.getProperty("attune.faultsuite.out", "target/faultsuite"));
        Files.createDirectories(out);
        Report report = new Report(mode, out);
        Path work = Files.createTempDirectory("attune-faults");
        Path runLog = work.resolve("runs.log");
        Path pack = FaultPack.write(work, runLog);
        String database = "attune_faults_" + ProcessHandle.current().pid();
        String namespace = "attune-faults-" + UUID.randomUUID().toString().substring(0, 8);
        String jdbc = createDatabase(database);
        Map<String, String> common = new LinkedHashMap<>();
        common.put("ATTUNE_DATABASE_URL", jdbc);
        common.put("ATTUNE_AMQP_NAMESPACE", namespace);
        common.put("ATTUNE_ENCRYPTION_KEY", TestApplication.ENCRYPTION_KEY);
        common.put("ATTUNE_ACCESS_TOKEN_LIFETIME", "12h");
        common.put("ATTUNE_WORKER_HEARTBEAT", "1s");
        common.put("ATTUNE_WORKER_LEASE", "2s");
        common.put("ATTUNE_WORKER_CAPACITY", "8");
        common.put("ATTUNE_PACKS_INSTALL_BUNDLED", "false");
        // PostgreSQL's connections are shared with every other user of the server: small pools
        common.put("JAVA_TOOL_OPTIONS", "-Xmx384m -XX:+UseSerialGC -Dattune.executor.lease-sweep-interval=250ms"
                + " -Ddatasources.default.minimum-idle=1 -Ddatasources.default.maximum-pool-size=3");
        try (Cluster cluster = new Cluster(common);
             Connection db = DriverManager.getConnection(jdbc, user(), password())) {
            Ledger ledger = new Ledger(db, runLog);
            // the api takes the load and executors run the rules' batches, the relay and the sweeps: larger pools
            String largerPool = common.get("JAVA_TOOL_OPTIONS").replace("maximum-pool-size=3", "maximum-pool-size=6");
            cluster.add("api", "api", Map.of("ATTUNE_PACKS_INSTALL_BUNDLED", "true", "JAVA_TOOL_OPTIONS", largerPool));
            for (String role : List.of("executor", "worker", "sensor")) {
                for (int i = 1; i <= 2; i++) {
                    cluster.add(role + "-" + i, role,
                            role.equals("executor") ? Map.of("JAVA_TOOL_OPTIONS", largerPool) : Map.of());
                }
            }
            report.machine("before");
            cluster.start("api");
            cluster.awaitStarted("api", START_WITHIN);
            String base = "http://127.0.0.1:" + cluster.node("api").port();
            Api api = new Api(base);
            Api.Response installed = api.post("/api/v1/packs/install", Api.json(Map.of("path", pack.toString())));
            assertThat(installed.status()).as(installed.body()).isEqualTo(201);
            List<String> first = List.of("executor-1", "executor-2", "worker-1", "sensor-1", "sensor-2");
            for (String name : first) {
                cluster.start(name);
            }
            for (String name : first) {
                cluster.awaitStarted(name, START_WITHIN);
            }

            report.throughput(1, burst(api, ledger, mode.burst()));
            cluster.start("worker-2");
            cluster.awaitStarted("worker-2", START_WITHIN);
            report.throughput(2, burst(api, ledger, mode.burst()));

            Instant loadFrom = Instant.now();
            List<Fault> faults = new ArrayList<>();
            Load load = new Load(base, FaultPack.WEBHOOK);
            try {
                load.start(mode.webhooksPerSecond(), mode.executionsPerSecond());
                Thread.sleep(mode.warmup().toMillis());
                for (String target : mode.kills()) {
                    if (target.equals("broker")) {
                        if (restartBroker && localRabbitMq()) {
                            faults.add(restartBroker(api, mode.brokerOutage(), out));
                        } else {
                            report.note("broker restart skipped: -Dattune.faultsuite.broker=false, or the broker is not"
                                    + " the local RabbitMQ that rabbitmqctl controls");
                        }
                    } else {
                        String name = target.equals("sensor") ? cluster.timerLeader().orElse("sensor-1") : target;
                        Instant at = cluster.kill(name);
                        Thread.sleep(1000);
                        Instant back = Instant.now();
                        cluster.start(name);
                        Instant ready = cluster.awaitStarted(name, START_WITHIN);
                        faults.add(new Fault(name, cluster.node(name).role, at, back, ready));
                    }
                    Thread.sleep(mode.settle().toMillis());
                }
            } finally {
                load.close();
            }
            Instant loadTo = Instant.now();
            Instant drainFrom = Instant.now();
            long deadline = System.nanoTime() + mode.drain().toNanos();
            // the timer's rule stays enabled until the rules consumers have caught up with every event recorded so
            // far: an event they reach after its rule is disabled is skipped, rightly (docs/reliability.md, finding 4)
            long timersUpTo = ledger.lastEvent();
            while (ledger.unenforced(timersUpTo) > 0 && System.nanoTime() < deadline) {
                Thread.sleep(500);
                timersUpTo = ledger.lastEvent();
            }
            api.post("/api/v1/rules/" + FaultPack.TIMER_RULE + "/disable", "{}");
            while ((ledger.unfinished() > 0 || ledger.unenforced(timersUpTo) > 0) && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
            report.load(load, Duration.between(loadFrom, loadTo), Duration.between(drainFrom, Instant.now()),
                    ledger.unfinished(), ledger.unenforced(timersUpTo));
            report.note("left in RabbitMQ at the end: " + queueDepths(namespace));
            report.machine("after");

            List<Ledger.Execution> executions = ledger.executions();
            Map<Long, Ledger.Run> runs = ledger.runs();
            List<String> findings = new ArrayList<>();
            findings.addAll(ledger.checkEvents(load.events(), FaultPack.RULES, timersUpTo));
            findings.addAll(checkExecutions(executions, runs, load.executions(), faults));
            findings.addAll(report.limits(executions, runs));
            List<Ledger.Firing> firings = ledger.timerFirings(FaultPack.TIMER_RULE);
            findings.addAll(report.timers(firings.stream().map(Ledger.Firing::scheduled).toList(), faults));
            report.faults(faults, executions, firings.stream().map(Ledger.Firing::recorded).toList());
            List<String> orphans = cluster.survivingOrphans();
            orphans.forEach(o -> findings.add("an action or sensor process outlived its killed JVM: " + o));
            cluster.notes().forEach(report::note);
            report.findings(findings, executions);
            copyLogs(cluster, out);
            report.write();
            assertThat(findings).as("the fault suite's findings (report: %s)", out.resolve("report.md").toAbsolutePath())
                    .isEmpty();
        } finally {
            if (Boolean.getBoolean("attune.faultsuite.keep")) {
                System.out.println("fault suite: kept database " + database + " and AMQP namespace " + namespace);
            } else {
                dropDatabase(database);
                TestServices.get().deleteNamespace(namespace);
            }
        }
    }

    /** Messages still in the namespace's rules and dead-letter queues (a lost or parked event shows here). */
    private static Map<String, Long> queueDepths(String namespace) {
        Map<String, Long> depths = new LinkedHashMap<>();
        com.rabbitmq.client.ConnectionFactory factory = new com.rabbitmq.client.ConnectionFactory();
        try {
            factory.setUri(String.valueOf(TestServices.get().properties().get("rabbitmq.uri")));
            try (com.rabbitmq.client.Connection c = factory.newConnection()) {
                for (String queue : List.of("rules", "dead", "work.shell")) {
                    try (com.rabbitmq.client.Channel ch = c.createChannel()) {
                        depths.put(queue, (long) ch.queueDeclarePassive(namespace + "." + queue).getMessageCount());
                    } catch (IOException | RuntimeException e) {
                        depths.put(queue, -1L);
                    }
                }
            }
        } catch (Exception e) {
            depths.put("unreadable: " + e.getMessage(), -1L);
        }
        return depths;
    }

    /** {@code count} executions of the unlimited action at once; executions finished per second, first request to last end. */
    private static double burst(Api api, Ledger ledger, int count) throws Exception {
        Instant from = Instant.now();
        List<Long> ids = new java.util.concurrent.CopyOnWriteArrayList<>();
        // 16 clients at once, so that the request rate does not bound what the workers show
        try (var clients = java.util.concurrent.Executors.newFixedThreadPool(16)) {
            for (int i = 0; i < count; i++) {
                clients.submit(() -> {
                    Api.Response created = api.post("/api/v1/executions", Api.json(Map.of("action", "faults.free",
                            "parameters", Map.of("seconds", "0.1"))));
                    assertThat(created.status()).as(created.body()).isEqualTo(201);
                    ids.add(created.json().path("id").asLong());
                });
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(300).toNanos();
        while (ledger.unfinished() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        // how they ended is checked at the end with every other execution
        List<Ledger.Execution> done = ledger.executions().stream().filter(e -> ids.contains(e.id())).toList();
        assertThat(done).hasSize(count).allSatisfy(e -> assertThat(e.finished()).as(e.toString()).isNotNull());
        Instant last = done.stream().map(Ledger.Execution::finished).max(Comparator.naturalOrder()).orElseThrow();
        return count * 1000.0 / Duration.between(from, last).toMillis();
    }

    /**
     * Every execution ended; none started twice (by the actions' own log); a succeeded one ran exactly once; one that
     * did not succeed was abandoned because its worker was killed while it ran; every accepted request has its row.
     */
    static List<String> checkExecutions(List<Ledger.Execution> executions, Map<Long, Ledger.Run> runs,
                                                List<Long> accepted, List<Fault> faults) {
        List<String> findings = new ArrayList<>();
        java.util.Set<Long> ids = new java.util.HashSet<>();
        executions.forEach(e -> ids.add(e.id()));
        accepted.stream().filter(id -> !ids.contains(id))
                .forEach(id -> findings.add("execution " + id + " was answered 201 but is not in the executions table"));
        for (Ledger.Execution e : executions) {
            Ledger.Run run = runs.getOrDefault(e.id(), new Ledger.Run(0, 0, null, null));
            if (!Ledger.TERMINAL.contains(e.status())) {
                findings.add("stuck: execution " + e.id() + " (" + e.action() + ") is still " + e.status());
            }
            if (run.starts() > 1) {
                findings.add("ran twice: execution " + e.id() + " (" + e.action() + ") started " + run.starts() + " times");
            }
            if (e.status().equals("succeeded") && (run.starts() != 1 || run.ends() != 1)) {
                findings.add("execution " + e.id() + " succeeded but its action logged " + run.starts() + " start(s) and "
                        + run.ends() + " end(s)");
            }
            if (run.start() != null && e.finished() != null && run.start().isAfter(e.finished())) {
                findings.add("ran after its end: the action of execution " + e.id() + " (" + e.action() + ") started at "
                        + run.start() + ", after the execution had ended " + e.status() + " at " + e.finished());
            }
            if (e.status().equals("abandoned") && !killedWhileRunning(e, faults)) {
                findings.add("execution " + e.id() + " was abandoned though no kill of its worker explains it (its action"
                        + " ran " + run.start() + " – " + run.end() + "): " + e);
            }
            if (List.of("failed", "timeout", "canceled").contains(e.status())) {
                findings.add("execution " + e.id() + " (" + e.action() + ") ended " + e.status() + ": " + e.failure());
            }
        }
        return findings;
    }

    /** Whether the execution's worker was killed while it ran. */
    static boolean killedWhileRunning(Ledger.Execution e, List<Fault> faults) {
        return e.started() != null && faults.stream().anyMatch(f -> f.target().equals(e.worker())
                && !e.started().isAfter(f.at()) && (e.finished() == null || !e.finished().isBefore(f.at())));
    }

    private static Fault restartBroker(Api api, Duration outage, Path out) throws Exception {
        rabbitmqctl("stop_app", out);
        // the broker is down for certain once stop_app returns: the outage is counted from there
        Instant at = Instant.now();
        try {
            Thread.sleep(outage.toMillis());
        } finally {
            rabbitmqctl("start_app", out);
        }
        Instant back = Instant.now();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (api.get("/health").status() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        return new Fault("RabbitMQ", "broker", at, back, Instant.now());
    }

    private static void rabbitmqctl(String command, Path out) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("rabbitmqctl", command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(out.resolve("rabbitmqctl.log").toFile())).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("rabbitmqctl " + command + " did not finish within 60 s");
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("rabbitmqctl " + command + " failed (" + p.exitValue() + "): see "
                    + out.resolve("rabbitmqctl.log"));
        }
    }

    private static void copyLogs(Cluster cluster, Path out) throws IOException {
        Path logs = Files.createDirectories(out.resolve("logs"));
        for (Cluster.Node node : cluster.nodes()) {
            List<io.attune.bootstrap.support.WorkerProcess> all = new ArrayList<>(node.earlier);
            Optional.ofNullable(node.process).ifPresent(all::add);
            for (int i = 0; i < all.size(); i++) {
                Files.copy(all.get(i).logFile(), logs.resolve(node.name + "." + (i + 1) + ".log"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /**
     * A fresh database on the server the tests use, for this run alone. The server is shared: while it has no
     * connection left for a moment (other test runs), this waits for one, up to three minutes.
     */
    private static String createDatabase(String name) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (true) {
            try (Connection c = DriverManager.getConnection(adminUrl(), user(), password());
                 Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                s.execute("CREATE DATABASE " + name);
                break;
            } catch (SQLException | IllegalStateException e) {
                if (!String.valueOf(e.getMessage()).contains("too many clients") || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(5000);
            }
        }
        String url = TestServices.get().jdbcUrl();
        return url.substring(0, url.lastIndexOf('/') + 1) + name;
    }

    private static void dropDatabase(String name) {
        try (Connection c = DriverManager.getConnection(adminUrl(), user(), password()); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            System.err.println("could not drop " + name + ": " + e.getMessage());
        }
    }

    private static String adminUrl() {
        String url = TestServices.get().jdbcUrl();
        return url.substring(0, url.lastIndexOf('/') + 1) + "postgres";
    }

    private static String user() {
        return String.valueOf(TestServices.get().properties().get("datasources.default.username"));
    }

    private static String password() {
        return String.valueOf(TestServices.get().properties().get("datasources.default.password"));
    }

    /** Whether the tests' broker is the local RabbitMQ that {@code rabbitmqctl} controls. */
    private static boolean localRabbitMq() {
        String amqp = String.valueOf(TestServices.get().properties().get("rabbitmq.uri"));
        boolean local = amqp.matches("amqps?://([^@]*@)?(127\\.0\\.0\\.1|localhost)(:5672)?(/.*)?");
        return local && java.util.stream.Stream.of(System.getenv("PATH").split(":"))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "rabbitmqctl")));
    }
}
