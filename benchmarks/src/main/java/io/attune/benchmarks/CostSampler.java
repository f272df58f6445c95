package io.attune.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Cost of a scenario read from the machine before and after it: CPU time of the Attune JVM, of PostgreSQL and of
 * RabbitMQ from {@code /proc/<pid>/stat}, PostgreSQL's per-database counters ({@code pg_stat_database}, and
 * {@code pg_stat_statements} when the extension is installed), the bytes the Attune JVM's AMQP connections moved
 * ({@code rabbitmqctl list_connections}; message counts need the management plugin), and the JVM's RSS and heap.
 *
 * <p>PostgreSQL and RabbitMQ are shared servers: "postgres (server)" and "broker" count every process of the
 * {@code postgres} and {@code rabbitmq} users, including work for other clients; "postgres (bench db)" counts only
 * the backends connected to the bench database, plus the server's background processes (WAL writer, checkpointer,
 * …), and is the figure summed into the total. Needs read access to those processes' {@code /proc} entries (root,
 * or the same user), {@code psql} and {@code rabbitmqctl} on the PATH; any figure it cannot read is reported as n/a.
 */
final class CostSampler {

    private static final double TICK_MS = 1000.0 / clockTicks();
    private static final Pattern HEAP = Pattern.compile(
            "^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*}\\s+([0-9.eE+-]+)", Pattern.MULTILINE);

    private final URI attune;
    private final long attunePid;
    private final String database;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private CostSampler(URI attune, long attunePid, String database) {
        this.attune = attune;
        this.attunePid = attunePid;
        this.database = database;
    }

    /** A sampler for the server at {@code url}: its pid as given, else the process listening on the url's port. */
    static CostSampler of(URI url, Optional<Long> pid, String database) {
        if (!database.matches("[A-Za-z0-9_]+")) {
            throw new IllegalArgumentException("--cost-db needs a plain database name, got '" + database + "'");
        }
        long attunePid = pid.orElseGet(() -> listener(url.getPort() < 0 ? 80 : url.getPort()));
        return new CostSampler(url, attunePid, database);
    }

    /** Starts sampling the JVM's RSS every {@link RssWatch#PERIOD} until {@link RssWatch#stop}. */
    RssWatch watchRss() {
        return new RssWatch(this);
    }

    /** The highest VmRSS of the Attune JVM seen by a daemon thread sampling it while a run lasts. */
    static final class RssWatch {
        static final Duration PERIOD = Duration.ofMillis(100);

        private final java.util.concurrent.atomic.AtomicLong max = new java.util.concurrent.atomic.AtomicLong(-1);
        private final Thread thread;

        private RssWatch(CostSampler sampler) {
            thread = Thread.ofPlatform().daemon().name("rss-watch").start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    sampler.rssBytes().ifPresent(rss -> max.accumulateAndGet(rss, Math::max));
                    try {
                        Thread.sleep(PERIOD);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        /** Stops sampling and returns the highest RSS seen, if any could be read. */
        Optional<Long> stop() {
            thread.interrupt();
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            long value = max.get();
            return value < 0 ? Optional.empty() : Optional.of(value);
        }
    }

    /** The counters now. */
    Sample sample() {
        Map<Long, Long> pgBackends = new HashMap<>();
        for (String line : psql("postgres", "select pid from pg_stat_activity where datname = '" + database
                + "' or backend_type <> 'client backend'")) {
            long pid = Long.parseLong(line.trim());
            ticks(pid, false).ifPresent(t -> pgBackends.put(pid, t));
        }
        return new Sample(System.nanoTime(), ticks(attunePid, false).orElse(-1), pgBackends,
                userTicks("postgres"), userTicks("rabbitmq"), database(), statementCalls(), amqpBytes(),
                rssBytes(), heapBytes());
    }

    /** The cost between two samples, per execution, as report rows and as {@code key=value} pairs. */
    Map<String, String> perExecution(Sample before, Sample after, long executions, Report report) {
        Map<String, String> metrics = new LinkedHashMap<>();
        double n = Math.max(1, executions);
        double attuneMs = (after.attuneTicks - before.attuneTicks) * TICK_MS;
        long pgBenchTicks = 0;
        for (Map.Entry<Long, Long> e : after.pgBackendTicks.entrySet()) {
            pgBenchTicks += e.getValue() - before.pgBackendTicks.getOrDefault(e.getKey(), 0L);
        }
        double pgMs = pgBenchTicks * TICK_MS;
        double pgServerMs = (after.postgresTicks - before.postgresTicks) * TICK_MS;
        double brokerMs = (after.brokerTicks - before.brokerTicks) * TICK_MS;
        report.row("cost (n=" + executions + ")", String.format(Locale.ROOT,
                "over %.1f s; per execution below (PostgreSQL and RabbitMQ are shared with other clients)",
                (after.at - before.at) / 1e9));
        put(metrics, report, "cpu_ms_attune", attuneMs / n, "CPU ms of the Attune JVM (pid " + attunePid + ")");
        put(metrics, report, "cpu_ms_postgres", pgMs / n, "CPU ms of the bench db's backends + background processes");
        put(metrics, report, "cpu_ms_pg_server", pgServerMs / n, "CPU ms of every postgres process (whole server)");
        put(metrics, report, "cpu_ms_broker", brokerMs / n, "CPU ms of every rabbitmq process (whole broker)");
        put(metrics, report, "cpu_ms_total", (attuneMs + pgMs + brokerMs) / n, "attune + postgres + broker");
        long[] db0 = before.database;
        long[] db1 = after.database;
        if (db0.length == DB_COLUMNS.length && db1.length == DB_COLUMNS.length) {
            put(metrics, report, "commits", (db1[0] - db0[0]) / n, "pg_stat_database xact_commit");
            put(metrics, report, "rollbacks", (db1[1] - db0[1]) / n, "pg_stat_database xact_rollback");
            put(metrics, report, "rows_written", (db1[2] + db1[3] + db1[4] - db0[2] - db0[3] - db0[4]) / n,
                    "tup_inserted + tup_updated + tup_deleted");
            put(metrics, report, "rows_read", (db1[5] - db0[5]) / n, "tup_fetched (by index)");
            put(metrics, report, "rows_scanned", (db1[6] - db0[6]) / n, "tup_returned (scanned)");
        } else {
            unavailable(metrics, report, "commits", "pg_stat_database not readable");
        }
        if (before.statements.isPresent() && after.statements.isPresent()) {
            put(metrics, report, "statements", (after.statements.getAsLong() - before.statements.getAsLong()) / n,
                    "pg_stat_statements calls");
        } else {
            unavailable(metrics, report, "statements", "pg_stat_statements not installed");
        }
        if (before.amqpBytes.length == 2 && after.amqpBytes.length == 2) {
            put(metrics, report, "amqp_kb_in", (after.amqpBytes[0] - before.amqpBytes[0]) / 1024.0 / n,
                    "KiB the broker received on Attune's connections (messages need the management plugin)");
            put(metrics, report, "amqp_kb_out", (after.amqpBytes[1] - before.amqpBytes[1]) / 1024.0 / n,
                    "KiB the broker sent on Attune's connections");
        } else {
            unavailable(metrics, report, "amqp_kb_in", "rabbitmqctl list_connections not readable");
        }
        after.rss.ifPresent(rss -> put(metrics, report, "rss_mb", rss / 1048576.0, "VmRSS after the run (absolute)"));
        after.heap.ifPresent(heap -> put(metrics, report, "heap_mb", heap / 1048576.0,
                "jvm_memory_used_bytes{area=heap} after the run (absolute; /prometheus)"));
        return metrics;
    }

    private static void put(Map<String, String> metrics, Report report, String key, double value, String what) {
        String text = String.format(Locale.ROOT, "%.3f", value);
        metrics.put(key, text);
        report.row("  " + key, String.format(Locale.ROOT, "%10s  %s", text, what));
    }

    private static void unavailable(Map<String, String> metrics, Report report, String key, String why) {
        metrics.put(key, "n/a");
        report.row("  " + key, String.format(Locale.ROOT, "%10s  %s", "n/a", why));
    }

    /** The counters at one moment; arrays are empty and optionals empty when a source could not be read. */
    record Sample(long at, long attuneTicks, Map<Long, Long> pgBackendTicks, long postgresTicks, long brokerTicks,
                  long[] database, OptionalLong statements, long[] amqpBytes, Optional<Long> rss,
                  Optional<Double> heap) {

        /** This sample with the database counters of a later one (read once PostgreSQL has published them). */
        Sample withDatabaseOf(Sample later) {
            return new Sample(at, attuneTicks, pgBackendTicks, postgresTicks, brokerTicks, later.database,
                    later.statements, amqpBytes, rss, heap);
        }
    }

    private static final String[] DB_COLUMNS = {"xact_commit", "xact_rollback", "tup_inserted", "tup_updated",
            "tup_deleted", "tup_fetched", "tup_returned"};

    private long[] database() {
        List<String> rows = psql("postgres", "select " + String.join(", ", DB_COLUMNS)
                + " from pg_stat_database where datname = '" + database + "'");
        if (rows.size() != 1) {
            return new long[0];
        }
        return Stream.of(rows.getFirst().split("\\|")).mapToLong(Long::parseLong).toArray();
    }

    private OptionalLong statementCalls() {
        List<String> present = psql(database, "select count(*) from pg_extension where extname = 'pg_stat_statements'");
        if (present.size() != 1 || present.getFirst().equals("0")) {
            return OptionalLong.empty();
        }
        List<String> calls = psql(database, "select coalesce(sum(calls), 0) from pg_stat_statements s"
                + " join pg_database d on d.oid = s.dbid where d.datname = '" + database + "'");
        return calls.size() == 1 ? OptionalLong.of(Long.parseLong(calls.getFirst())) : OptionalLong.empty();
    }

    /** Bytes received and sent by the broker on the Attune JVM's connections to port 5672. */
    private long[] amqpBytes() {
        List<String> ours = run(List.of("ss", "-tnpH", "dport = :5672"));
        List<String> ports = new ArrayList<>();
        Pattern local = Pattern.compile("\\S+\\s+\\S+\\s+\\S+\\s+\\S+:(\\d+)\\s+\\S+:5672\\s.*pid=" + attunePid + ",");
        for (String line : ours) {
            Matcher m = local.matcher(line);
            if (m.find()) {
                ports.add(m.group(1));
            }
        }
        List<String> connections = run(List.of("rabbitmqctl", "list_connections", "peer_port", "recv_oct", "send_oct",
                "-q", "--no-table-headers"));
        if (connections.isEmpty() || ports.isEmpty()) {
            return new long[0];  // rabbitmqctl failed, or the JVM has no connection to the broker: not measurable
        }
        long in = 0;
        long out = 0;
        for (String line : connections) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3 && ports.contains(f[0])) {
                in += Long.parseLong(f[1]);
                out += Long.parseLong(f[2]);
            }
        }
        return new long[] {in, out};
    }

    private Optional<Long> rssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(attunePid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Optional.of(Long.parseLong(line.replaceAll("\\D", "")) * 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Reported as absent.
        }
        return Optional.empty();
    }

    private Optional<Double> heapBytes() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(attune.resolve("/prometheus"))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return Optional.empty();
            }
            Matcher m = HEAP.matcher(response.body());
            double sum = 0;
            boolean any = false;
            while (m.find()) {
                sum += Double.parseDouble(m.group(1));
                any = true;
            }
            return any ? Optional.of(sum) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** utime + stime (+ cutime + cstime of reaped children, when asked) of one process, in clock ticks. */
    private static OptionalLong ticks(long pid, boolean withChildren) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // fields after the command name, which is in parentheses and may hold spaces
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            long own = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return OptionalLong.of(withChildren ? own + Long.parseLong(f[13]) + Long.parseLong(f[14]) : own);
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** The CPU ticks of every process owned by {@code user}, with the children they reaped (ended backends). */
    private static long userTicks(String user) {
        long sum = 0;
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            for (Path p : entries.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    if (Files.getOwner(p).getName().equals(user)) {
                        sum += ticks(Long.parseLong(p.getFileName().toString()), true).orElse(0);
                    }
                } catch (IOException | RuntimeException e) {
                    // The process ended meanwhile.
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sum;
    }

    /** The pid listening on a local TCP port, from {@code ss -ltnpH}. */
    private static long listener(int port) {
        Pattern pid = Pattern.compile("pid=(\\d+),");
        for (String line : run(List.of("ss", "-ltnpH", "sport = :" + port))) {
            Matcher m = pid.matcher(line);
            if (m.find()) {
                return Long.parseLong(m.group(1));
            }
        }
        throw new IllegalArgumentException("no process listens on port " + port + ": give --attune-pid");
    }

    private static List<String> psql(String db, String sql) {
        return run(List.of("psql", "-h", "127.0.0.1", "-U", "postgres", "-d", db, "-XAtc", sql));
    }

    /** A command's standard output lines, or none when it fails. */
    private static List<String> run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroy();
                return List.of();
            }
            return out.lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    private static long clockTicks() {
        List<String> out = run(List.of("getconf", "CLK_TCK"));
        return out.size() == 1 ? Long.parseLong(out.getFirst().trim()) : 100;
    }
}
