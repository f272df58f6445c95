package io.attune.bootstrap.faults;

import io.attune.bootstrap.faults.FaultSuiteEndToEndTest.Fault;
import io.attune.bootstrap.faults.FaultSuiteEndToEndTest.Mode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/** The fault suite's report, in Markdown: the machine, the load, each fault's recovery, the checks, the throughput. */
final class Report {

    private static final Set<String> LOAD_ACTIONS = Set.of("faults.work", "faults.keyed");

    private final Mode mode;
    private final Path out;
    private final List<String> lines = new ArrayList<>();
    private final Instant started = Instant.now();

    Report(Mode mode, Path out) {
        this.mode = mode;
        this.out = out;
        lines.add("# Fault suite (" + mode.name() + "), " + started);
        lines.add("");
        lines.add("Mode `" + mode.name() + "`: " + mode.webhooksPerSecond() + " webhooks/s (two rules each) and "
                + mode.executionsPerSecond() + " API executions/s; faults in order " + mode.kills() + "; broker outage "
                + mode.brokerOutage().toSeconds() + " s; settle " + mode.settle().toSeconds() + " s after each fault.");
        lines.add("Processes: " + (System.getProperty("attune.e2e.jar", "").isBlank() ? "the test classpath"
                : System.getProperty("attune.e2e.jar")) + ", one JVM per instance, worker heartbeat 1 s, lease 2 s,"
                + " capacity 8; database pools of 6 connections (api, executors) and 3 (workers, sensors).");
        lines.add("");
    }

    void machine(String when) {
        String load = read("/proc/loadavg").map(l -> String.join(" ", List.of(l.split(" ")).subList(0, 3))).orElse("?");
        String memory = read("/proc/meminfo").map(m -> m.lines().findFirst().orElse("?").replaceAll("\\s+", " "))
                .orElse("?");
        lines.add("Machine " + when + ": " + Runtime.getRuntime().availableProcessors() + " CPUs, " + memory
                + ", load average " + load + " (" + Instant.now() + ")");
        lines.add("");
    }

    void note(String note) {
        lines.add("Note: " + note);
        lines.add("");
    }

    void throughput(int workers, double perSecond) {
        lines.add(String.format(Locale.ROOT, "Throughput with %d worker process%s: %.1f executions/s (%d executions of"
                + " a 100 ms shell action, no limit, from the first request to the last end)", workers,
                workers == 1 ? "" : "es", perSecond, mode.burst()));
        lines.add("");
    }

    void load(Load load, Duration ran, Duration drained, long unfinished, long unenforced) {
        lines.add("## Load");
        lines.add("");
        lines.add(String.format(Locale.ROOT, "%d requests in %d s: %d webhooks accepted (202), %d executions accepted"
                + " (201), %d refused (429), %d without an answer (connection refused or reset), other answers %s. "
                + "Drained in %.1f s after the load stopped; %d executions left unfinished, %d events without"
                + " enforcements.", load.sent.get(), ran.toSeconds(), load.acceptedEvents.size(),
                load.acceptedExecutions.size(), load.refused.get(), load.failed.get(), load.otherAnswers,
                drained.toMillis() / 1000.0, unfinished, unenforced));
        lines.add("");
    }

    /** No concurrency limit exceeded, by the executions' own timestamps and by the actions' run log. */
    List<String> limits(List<Ledger.Execution> executions, Map<Long, Ledger.Run> runs) {
        List<String> findings = new ArrayList<>();
        lines.add("## Concurrency limits");
        lines.add("");
        lines.add("| policy key | limit | most at once (started_at–finished_at) | most at once (the action's own start–end) |");
        lines.add("|---|---|---|---|");
        for (Ledger.Limit limit : FaultPack.LIMITS) {
            List<Ledger.Overlap> byRows = Ledger.overlaps(executions, limit, e -> e.started() == null
                    || e.finished() == null ? Optional.empty() : Optional.of(new Instant[] {e.started(), e.finished()}));
            // an action killed with its worker logged no end: its process ended at the latest when its row did
            List<Ledger.Overlap> byRuns = Ledger.overlaps(executions, limit, e -> {
                Ledger.Run run = runs.get(e.id());
                if (run == null || run.start() == null) {
                    return Optional.empty();
                }
                Instant end = run.end() != null ? run.end() : e.finished();
                return end == null ? Optional.empty() : Optional.of(new Instant[] {run.start(), end});
            });
            for (Ledger.Overlap o : byRows) {
                Ledger.Overlap r = byRuns.stream().filter(x -> x.policyKey().equals(o.policyKey())).findFirst()
                        .orElse(new Ledger.Overlap(o.policyKey(), 0, null));
                lines.add("| `" + o.policyKey() + "` | " + limit.limit() + " | " + o.most() + " | " + r.most() + " |");
                for (Ledger.Overlap x : List.of(o, r)) {
                    if (x.most() > limit.limit()) {
                        findings.add("limit exceeded: " + x.most() + " executions of " + x.policyKey() + " ran at once at "
                                + x.at() + " (limit " + limit.limit() + ")");
                    }
                }
            }
        }
        lines.add("");
        return findings;
    }

    /** Each tick fired once; a gap is allowed only where a sensor instance leading the timers was killed. */
    List<String> timers(List<Instant> firings, List<Fault> faults) {
        List<String> findings = new ArrayList<>();
        List<Instant> duplicates = Ledger.duplicates(firings);
        List<Ledger.Gap> gaps = Ledger.gaps(firings, Duration.ofSeconds(1));
        lines.add("## Timer (every second)");
        lines.add("");
        lines.add(firings.size() + " firings, " + duplicates.size() + " duplicated tick(s) " + duplicates + ", "
                + gaps.size() + " gap(s):");
        lines.add("");
        duplicates.forEach(d -> findings.add("timer tick " + d + " fired more than once"));
        for (Ledger.Gap gap : gaps) {
            Optional<Fault> cause = faults.stream().filter(f -> f.role().equals("sensor")
                    && !f.at().isBefore(gap.from().minusSeconds(1)) && f.at().isBefore(gap.to())).findFirst();
            lines.add("- " + gap.missed() + " tick(s) missed between " + gap.from() + " and " + gap.to()
                    + cause.map(f -> ": the kill of " + f.target() + " at " + f.at()).orElse(": NO sensor kill explains it"));
            if (cause.isEmpty()) {
                findings.add("timer missed " + gap.missed() + " tick(s) between " + gap.from() + " and " + gap.to()
                        + " with no sensor kill");
            }
        }
        lines.add("");
        return findings;
    }

    /** Each fault with how long the system took to recover from it, from the executions' and events' timestamps. */
    void faults(List<Fault> faults, List<Ledger.Execution> executions, List<Instant> timerRecorded) {
        lines.add("## Faults and recovery");
        lines.add("");
        lines.add("Times are from the fault (the `kill -9`, or the return of `rabbitmqctl stop_app`). *Ready*: the restarted JVM logged"
                + " that it started (the broker: `/health` of the api answers 200 again). *New work done*: the first"
                + " execution of the load requested after the fault ended. *Longest pause*: the longest time without"
                + " any load execution ending, from the fault until the next fault.");
        lines.add("");
        lines.add("| fault | ready | new work done | longest pause | what the role's own work shows |");
        lines.add("|---|---|---|---|---|");
        List<Ledger.Execution> load = executions.stream().filter(e -> LOAD_ACTIONS.contains(e.action())
                && e.status().equals("succeeded")).toList();
        for (int i = 0; i < faults.size(); i++) {
            Fault f = faults.get(i);
            Instant until = i + 1 < faults.size() ? faults.get(i + 1).at() : Instant.now();
            Optional<Instant> newWork = load.stream().filter(e -> e.created().isAfter(f.at())).map(Ledger.Execution::finished)
                    .min(Comparator.naturalOrder());
            lines.add("| " + f.role() + " `" + f.target() + "` at " + f.at() + " | " + since(f.at(), f.ready()) + " | "
                    + newWork.map(t -> since(f.at(), t)).orElse("never") + " | " + longestPause(load, f.at(), until)
                    + " | " + ownWork(f, executions, timerRecorded) + " |");
        }
        lines.add("");
    }

    private String ownWork(Fault f, List<Ledger.Execution> executions, List<Instant> timerRecorded) {
        return switch (f.role()) {
            case "worker" -> {
                List<Ledger.Execution> abandoned = executions.stream()
                        .filter(e -> e.status().equals("abandoned") && FaultSuiteEndToEndTest.killedWhileRunning(e, List.of(f)))
                        .toList();
                Optional<Instant> freed = abandoned.stream().map(Ledger.Execution::finished).max(Comparator.naturalOrder());
                Optional<Instant> resumed = first(executions, e -> f.target().equals(e.worker()) && e.started() != null
                        && e.started().isAfter(f.ready()), Ledger.Execution::finished);
                yield abandoned.size() + " running execution(s) abandoned, slots freed "
                        + freed.map(t -> since(f.at(), t)).orElse("-") + "; the restarted worker ended its first execution "
                        + resumed.map(t -> since(f.at(), t)).orElse("never");
            }
            case "sensor" -> "next timer firing recorded " + timerRecorded.stream().filter(t -> t.isAfter(f.at())).findFirst()
                    .map(t -> since(f.at(), t)).orElse("never");
            case "broker" -> {
                List<Ledger.Execution> during = executions.stream().filter(e -> LOAD_ACTIONS.contains(e.action())
                        && !e.created().isBefore(f.at()) && e.created().isBefore(f.back())).toList();
                Optional<Instant> lastEnd = during.stream().map(Ledger.Execution::finished)
                        .filter(java.util.Objects::nonNull).max(Comparator.naturalOrder());
                yield "broker stopped for " + since(f.at(), f.back()) + "; the " + during.size()
                        + " load executions requested meanwhile all ended " + lastEnd.map(t -> since(f.at(), t)).orElse("-");
            }
            case "executor" -> "executions accepted meanwhile admitted by the other executor (see new work)";
            default -> "the load's requests failed to connect until ready";
        };
    }

    private static Optional<Instant> first(List<Ledger.Execution> executions, Predicate<Ledger.Execution> which,
                                           Function<Ledger.Execution, Instant> at) {
        return executions.stream().filter(which).map(at).filter(java.util.Objects::nonNull).min(Comparator.naturalOrder());
    }

    private static String longestPause(List<Ledger.Execution> load, Instant from, Instant until) {
        List<Instant> ends = load.stream().map(Ledger.Execution::finished).filter(t -> t.isAfter(from) && t.isBefore(until))
                .sorted().toList();
        Instant previous = from;
        Duration longest = Duration.ZERO;
        for (Instant end : ends) {
            Duration d = Duration.between(previous, end);
            longest = d.compareTo(longest) > 0 ? d : longest;
            previous = end;
        }
        return seconds(longest);
    }

    void findings(List<String> findings, List<Ledger.Execution> executions) {
        lines.add("## Checks");
        lines.add("");
        lines.add(executions.size() + " executions of the pack by status: " + Ledger.countBy(executions,
                Ledger.Execution::status) + "; by action: " + Ledger.countBy(executions, Ledger.Execution::action));
        lines.add("");
        if (findings.isEmpty()) {
            lines.add("All checks passed: every accepted event has exactly its enforcements and executions, every execution"
                    + " ended and ran at most once (succeeded ones exactly once), no limit was exceeded, each timer tick"
                    + " fired once, no action outlived its killed worker.");
        } else {
            lines.add("**" + findings.size() + " finding(s):**");
            lines.add("");
            findings.stream().limit(200).forEach(f -> lines.add("- " + f));
        }
        lines.add("");
    }

    void write() throws IOException {
        Files.write(out.resolve("report.md"), lines);
        lines.forEach(System.out::println);
    }

    private static String since(Instant from, Instant to) {
        return to == null ? "-" : seconds(Duration.between(from, to));
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    private static Optional<String> read(String file) {
        try {
            return Optional.of(Files.readString(Path.of(file)).trim());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
