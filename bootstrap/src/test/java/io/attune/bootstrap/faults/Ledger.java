package io.attune.bootstrap.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the fault suite checks at the end, read from PostgreSQL's tables (events, enforcements, executions) and from the
 * run log the actions themselves append to ({@code start <execution> <epoch ns>} and {@code end <execution> <epoch ns>}):
 * nothing lost, nothing run twice, nothing stuck, no limit exceeded, each timer tick fired once.
 */
final class Ledger {

    static final Set<String> TERMINAL = Set.of("succeeded", "failed", "timeout", "canceled", "abandoned");

    /** One execution of the suite's pack as PostgreSQL holds it. */
    record Execution(long id, String action, String status, String key, String worker, Instant created,
                     Instant started, Instant finished, Long enforcement, String failure) {
    }

    /** What the actions recorded of one execution: how many times it started, and its first start and end. */
    record Run(int starts, int ends, Instant start, Instant end) {
    }

    /** A concurrency limit: the action, the parameter that keys it (or none), the limit. */
    record Limit(String action, String keyedBy, int limit) {
    }

    /** The worst overlap found under one policy key, and when. */
    record Overlap(String policyKey, int most, Instant at) {
    }

    /** A hole in a timer's firings: the last firing before it, the first after, how many ticks were missed. */
    record Gap(Instant from, Instant to, long missed) {
    }

    private final Connection db;
    private final Path runLog;

    Ledger(Connection db, Path runLog) {
        this.db = db;
        this.runLog = runLog;
    }

    List<Execution> executions() throws SQLException {
        List<Execution> all = new ArrayList<>();
        try (PreparedStatement s = db.prepareStatement("""
                SELECT id, action_ref, status, parameters->>'key', worker, created_at, started_at, finished_at,
                       enforcement_id, failure
                FROM executions WHERE action_ref LIKE 'faults.%' ORDER BY id""");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                Long enforcement = r.getObject(9, Long.class);
                all.add(new Execution(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                        instant(r.getTimestamp(6)), instant(r.getTimestamp(7)), instant(r.getTimestamp(8)),
                        enforcement, r.getString(10)));
            }
        }
        return all;
    }

    /** How many executions of the pack are not ended yet. */
    long unfinished() throws SQLException {
        return count("SELECT count(*) FROM executions WHERE action_ref LIKE 'faults.%'"
                + " AND status NOT IN ('succeeded', 'failed', 'timeout', 'canceled', 'abandoned')");
    }

    /** How many events up to id {@code upTo} have no enforcement yet (the rules consumers have not seen them, or lost them). */
    long unenforced(long upTo) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("SELECT count(*) FROM events e WHERE e.id <= ?"
                + " AND NOT EXISTS (SELECT 1 FROM enforcements f WHERE f.event_id = e.id)")) {
            s.setLong(1, upTo);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    /** The id of the last event recorded so far (0: none). */
    long lastEvent() throws SQLException {
        return count("SELECT coalesce(max(id), 0) FROM events");
    }

    private long count(String sql) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(sql); ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    Map<Long, Run> runs() throws IOException {
        Map<Long, Run> runs = new HashMap<>();
        if (!Files.exists(runLog)) {
            return runs;
        }
        for (String line : Files.readAllLines(runLog)) {
            String[] f = line.trim().split(" ");
            if (f.length != 3) {
                continue;
            }
            long id = Long.parseLong(f[1]);
            Instant at = Instant.ofEpochSecond(0, Long.parseLong(f[2]));
            Run was = runs.getOrDefault(id, new Run(0, 0, null, null));
            runs.put(id, f[0].equals("start")
                    ? new Run(was.starts() + 1, was.ends(), was.start() == null ? at : was.start(), was.end())
                    : new Run(was.starts(), was.ends() + 1, was.start(), was.end() == null ? at : was.end()));
        }
        return runs;
    }

    /**
     * Every event of the given triggers (a timer's events by their source {@code timer:<rule>}) must have exactly one enforcement per rule that matches it, each settled with
     * one execution; every accepted event id must exist. A timer's events after id {@code timersUpTo} are not checked:
     * they fired just before the suite disabled the timer's rule, and an event the rules consumers reach after its rule
     * was disabled is rightly not enforced. Returns the findings (empty: all good).
     */
    List<String> checkEvents(Collection<Long> accepted, Map<String, List<String>> rulesBySource, long timersUpTo)
            throws SQLException {
        List<String> findings = new ArrayList<>();
        Map<Long, String> sources = new HashMap<>();
        Map<Long, String> when = new HashMap<>();
        try (PreparedStatement s = db.prepareStatement("""
                SELECT e.id, CASE WHEN e.source LIKE 'timer:%' THEN e.source ELSE e.trigger_ref END,
                       e.created_at || ', ' || (SELECT count(*) FROM outbox o
                           WHERE o.type = 'event.created' AND o.payload->>'event' = e.id::text) || ' outbox row(s) left'
                FROM events e""");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                sources.put(r.getLong(1), r.getString(2));
                when.put(r.getLong(1), r.getString(3));
            }
        }
        for (long id : accepted) {
            if (!sources.containsKey(id)) {
                findings.add("event " + id + " was answered 202 but is not in the events table");
            }
        }
        Map<Long, List<String>> enforcements = new HashMap<>();
        try (PreparedStatement s = db.prepareStatement("""
                SELECT f.event_id, f.rule_ref, f.status, (SELECT count(*) FROM executions x WHERE x.enforcement_id = f.id)
                FROM enforcements f""");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                String what = r.getString(2);
                if (!r.getString(3).equals("succeeded") || r.getLong(4) != 1) {
                    what += "(" + r.getString(3) + ", " + r.getLong(4) + " executions)";
                }
                enforcements.computeIfAbsent(r.getLong(1), k -> new ArrayList<>()).add(what);
            }
        }
        for (Map.Entry<Long, String> event : sources.entrySet()) {
            if (!rulesBySource.containsKey(event.getValue())
                    || event.getValue().startsWith("timer:") && event.getKey() > timersUpTo) {
                continue;
            }
            List<String> expected = rulesBySource.get(event.getValue()).stream().sorted().toList();
            List<String> got = enforcements.getOrDefault(event.getKey(), List.of()).stream().sorted().toList();
            if (!got.equals(expected)) {
                findings.add("event " + event.getKey() + " (" + event.getValue() + ", recorded " + when.get(event.getKey())
                        + ") has enforcements " + got + ", expected " + expected);
            }
        }
        return findings;
    }

    /** The most executions running at once under each policy key, from their own started/finished times. */
    static List<Overlap> overlaps(List<Execution> executions, Limit limit,
                                  Function<Execution, Optional<Instant[]>> interval) {
        Map<String, List<Instant[]>> byKey = new TreeMap<>();
        for (Execution e : executions) {
            if (!e.action().equals(limit.action())) {
                continue;
            }
            String key = limit.action() + (limit.keyedBy() == null ? "" : "[" + limit.keyedBy() + "=" + e.key() + "]");
            interval.apply(e).ifPresent(i -> byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(i));
        }
        List<Overlap> result = new ArrayList<>();
        for (Map.Entry<String, List<Instant[]>> entry : byKey.entrySet()) {
            // +1 at a start, -1 at an end; at the same instant an end comes first (half-open intervals)
            List<Map.Entry<Instant, Integer>> points = new ArrayList<>();
            for (Instant[] i : entry.getValue()) {
                points.add(Map.entry(i[0], 1));
                points.add(Map.entry(i[1], -1));
            }
            points.sort(Map.Entry.<Instant, Integer>comparingByKey().thenComparing(Map.Entry.comparingByValue()));
            int now = 0;
            int most = 0;
            Instant at = null;
            for (Map.Entry<Instant, Integer> p : points) {
                now += p.getValue();
                if (now > most) {
                    most = now;
                    at = p.getKey();
                }
            }
            result.add(new Overlap(entry.getKey(), most, at));
        }
        return result;
    }

    /** One firing of a timer: the time it was scheduled for ({@code executed_at}) and when its event was recorded. */
    record Firing(Instant scheduled, Instant recorded) {
    }

    /** A timer rule's firings, in the order they were recorded, duplicates kept. */
    List<Firing> timerFirings(String rule) throws SQLException {
        List<Firing> firings = new ArrayList<>();
        try (PreparedStatement s = db.prepareStatement(
                "SELECT payload->>'executed_at', created_at FROM events WHERE source = ? ORDER BY created_at")) {
            s.setString(1, "timer:" + rule);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    firings.add(new Firing(Instant.parse(r.getString(1)), instant(r.getTimestamp(2))));
                }
            }
        }
        return firings;
    }

    static List<Instant> duplicates(List<Instant> firings) {
        Set<Instant> seen = new HashSet<>();
        return firings.stream().filter(f -> !seen.add(f)).toList();
    }

    static List<Gap> gaps(List<Instant> firings, Duration every) {
        List<Instant> distinct = firings.stream().distinct().sorted().toList();
        List<Gap> gaps = new ArrayList<>();
        for (int i = 1; i < distinct.size(); i++) {
            long missed = Duration.between(distinct.get(i - 1), distinct.get(i)).toMillis() / every.toMillis() - 1;
            if (missed > 0) {
                gaps.add(new Gap(distinct.get(i - 1), distinct.get(i), missed));
            }
        }
        return gaps;
    }

    static Map<String, Long> countBy(Collection<Execution> executions, Function<Execution, String> by) {
        return executions.stream().collect(Collectors.groupingBy(by, LinkedHashMap::new, Collectors.counting()));
    }

    static Optional<Instant> earliest(Collection<Execution> executions, Function<Execution, Instant> at) {
        return executions.stream().map(at).filter(java.util.Objects::nonNull).min(Comparator.naturalOrder());
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
