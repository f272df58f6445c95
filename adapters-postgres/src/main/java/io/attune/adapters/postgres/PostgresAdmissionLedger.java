package io.attune.adapters.postgres;

import io.attune.application.port.in.ExecutionQueries.QueueStats;
import io.attune.application.port.out.AdmissionLedger;
import io.attune.domain.admission.Admission;
import io.attune.domain.admission.AdmissionDecision;
import io.attune.domain.admission.ConcurrencyGate;
import io.attune.domain.admission.Decision;
import io.attune.domain.admission.Gate;
import io.attune.domain.admission.Gates;
import io.attune.domain.admission.KeyState;
import io.attune.domain.admission.PolicyKey;
import io.attune.domain.admission.Promotion;
import io.attune.domain.admission.RateGate;
import io.attune.domain.common.Ref;
import io.attune.domain.policy.Policy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The admission ledger on PostgreSQL: the rows of {@code admission_keys} are the locks, {@code admission_queue} the
 * FIFO queues (its identity is the order), {@code admission_slots} and {@code rate_admissions} what admitted
 * executions hold, {@code admission_holds} each admitted or waiting execution's gates. Every decision is the domain's
 * ({@link Admission}); this class only locks, loads a snapshot of key states, and writes the outcome back.
 *
 * <p><b>Locking.</b> An operation locks the rows of the keys it reads, in {@link PolicyKey} order, before reading
 * anything else of those keys; so operations on one key are serialised, operations on disjoint keys never wait for
 * each other, and two ledger operations never wait for each other in a cycle. {@code admit} creates and locks its
 * keys' rows in one upsert. {@code release} and {@code tick} lock with {@code SELECT … FOR UPDATE} inside a savepoint:
 * when a promotion needs keys outside the snapshot (the domain's {@link Promotion.NeedsKeys}), keys that all sort
 * after the locked ones are locked on top (the order still holds); otherwise the savepoint is rolled back, which
 * releases every lock taken since, and the union is locked again from the start, in order. The key set only grows,
 * so this ends. Locks the caller's transaction took before the call (another ledger call in the same transaction)
 * are not released and may be out of order: keep one ledger call per transaction where possible.
 *
 * <p>Works under READ COMMITTED (PostgreSQL's default): each statement after the lock sees what the previous lock
 * holder committed. Under REPEATABLE READ a snapshot taken before the lock would read stale queues.
 *
 * <p><b>Snapshots.</b> A queue may be long, but a release only ever looks at its first executions. So a release or
 * tick loads each key's first {@value #QUEUE_PREFIX} waiting executions, plus the rows, on the snapshot's other keys,
 * of every execution so loaded (the domain checks that a head waits on all its keys). If the promotion consumed a
 * truncated prefix entirely (then the heads it saw last may not have been the real ones), it is decided again with
 * the whole queues; nothing is written before. {@code admit} only needs to know whether anyone waits: it loads a
 * key's head. A key whose locked row says nobody waits and no rate gate ever named it is not loaded at all. Rate
 * admissions are loaded within the key's window.
 *
 * <p><b>Round trips.</b> Every change an operation makes is written in one statement ({@link AdmissionChanges}).
 * {@code admit}: lock (the upsert), load (only when someone waits or a rate gate applies), write. {@code release}:
 * read the hold, savepoint, lock, load (or re-read the hold), write, release the savepoint; more only when a promotion
 * needs more keys or more of a queue.
 *
 * <p>Idempotency: {@code release} of an execution the ledger does not hold (released, withdrawn, canceled or rejected
 * on request, unknown) changes nothing and returns nothing; {@code admit} of an execution it already holds throws
 * IllegalStateException. Queue positions, queue stats and counters come from the same rows.
 */
@Singleton
public final class PostgresAdmissionLedger implements AdmissionLedger {

    /** How many waiting executions per key a release or tick loads before it knows it needs more. */
    static final int QUEUE_PREFIX = 16;

    /** Rate admissions older than their window are deleted by tick, with this margin for executors' clock skew. */
    private static final Duration FORGET_MARGIN = Duration.ofMinutes(1);

    private static final String UPSERT_AND_LOCK = """
            INSERT INTO admission_keys AS k (policy_ref, key, concurrency_limit, rate_max, rate_window)
            SELECT p, key, cl, rm, rw * interval '1 microsecond'
            FROM unnest(?::text[], ?::text[], ?::integer[], ?::integer[], ?::bigint[]) WITH ORDINALITY
                AS u(p, key, cl, rm, rw, n)
            ORDER BY n
            ON CONFLICT (policy_ref, key) DO UPDATE SET
                concurrency_limit = COALESCE(EXCLUDED.concurrency_limit, k.concurrency_limit),
                rate_max = COALESCE(EXCLUDED.rate_max, k.rate_max),
                rate_window = COALESCE(EXCLUDED.rate_window, k.rate_window)
            RETURNING k.policy_ref, k.key, k.active, k.queued, k.rate_window IS NOT NULL AS rated,
                EXISTS (SELECT 1 FROM admission_holds WHERE execution_id = ?) AS held""";

    private static final String LOCK = """
            SELECT k.policy_ref, k.key, k.active, k.queued, k.rate_window IS NOT NULL AS rated
            FROM unnest(?::text[], ?::text[]) WITH ORDINALITY AS u(p, key, n)
            JOIN admission_keys k ON k.policy_ref = u.p AND k.key = u.key
            ORDER BY u.n
            FOR UPDATE OF k""";

    /**
     * The snapshot of locked keys: queue rows ('q': each key's first rows, LIMIT NULL = all, and the rows of the
     * executions so found, and of the extra ids, on every key; flag = among the first rows), rate admissions within
     * the key's window ('a'), optionally the gates of every execution found waiting ('g'), and the hold of the
     * execution being released, if any ('h': flag = admitted).
     */
    private static final String LOAD = """
            WITH keys AS (
                SELECT p, key FROM unnest(?::text[], ?::text[]) AS u(p, key)),
            prefix AS (
                SELECT q.policy_ref, q.key, q.id, q.execution_id
                FROM keys CROSS JOIN LATERAL (
                    SELECT policy_ref, key, id, execution_id FROM admission_queue
                    WHERE policy_ref = keys.p AND key = keys.key ORDER BY id LIMIT ?) q),
            entries AS (
                SELECT policy_ref, key, id, execution_id, true AS flag FROM prefix
                UNION ALL
                SELECT q.policy_ref, q.key, q.id, q.execution_id, false
                FROM admission_queue q JOIN keys ON q.policy_ref = keys.p AND q.key = keys.key
                WHERE q.execution_id IN (SELECT execution_id FROM prefix UNION ALL SELECT unnest(?::bigint[]))
                  AND q.id NOT IN (SELECT id FROM prefix))
            SELECT 'q' AS kind, policy_ref, key, id, execution_id, flag, NULL::timestamptz AS admitted_at,
                   NULL::text AS gates
            FROM entries
            UNION ALL
            SELECT 'a', r.policy_ref, r.key, r.id, NULL, NULL, r.admitted_at, NULL
            FROM keys JOIN admission_keys k ON k.policy_ref = keys.p AND k.key = keys.key
            JOIN rate_admissions r ON r.policy_ref = k.policy_ref AND r.key = k.key
                AND r.admitted_at > ?::timestamptz - k.rate_window
            UNION ALL
            SELECT 'g', NULL, NULL, NULL, h.execution_id, NULL, NULL, h.gates::text
            FROM admission_holds h WHERE ? AND h.execution_id IN (SELECT execution_id FROM entries)
            UNION ALL
            SELECT 'h', NULL, NULL, NULL, h.execution_id, h.admitted, h.expires_at, h.gates::text
            FROM admission_holds h WHERE h.execution_id = ANY (?)""";

    private final Jdbc jdbc;

    PostgresAdmissionLedger(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public AdmissionDecision admit(long execution, List<Gate> gates, Instant now) {
        List<Gate> ordered = Gates.inLockOrder(gates);
        if (ordered.isEmpty()) {
            return new AdmissionDecision.Admitted();
        }
        return jdbc.write(c -> {
            Map<PolicyKey, Locked> locked = upsertAndLock(c, ordered, execution);
            Set<PolicyKey> load = new TreeSet<>();
            for (Gate gate : ordered) {
                if (gate instanceof RateGate || locked.get(gate.key()).queued() > 0) {
                    load.add(gate.key());
                }
            }
            Snapshot snapshot = load(c, locked, load, now, 1, List.of(), false, List.of());
            Decision decision = Admission.request(execution, ordered, snapshot.states(), now);
            AdmissionChanges changes = new AdmissionChanges(active(locked));
            switch (decision.decision()) {
                case AdmissionDecision.Admitted a -> changes.admittedOnRequest(execution, ordered);
                case AdmissionDecision.Queued q -> changes.queuedOnRequest(execution, ordered, now);
                case AdmissionDecision.Canceled x -> changes.canceledOnRequest(x.key());
                case AdmissionDecision.Rejected r -> changes.rejectedOnRequest(r.key());
                case AdmissionDecision.Overflowed o -> changes.overflowedOnRequest(o.key());
            }
            changes.check(decision.states());
            changes.apply(c, now);
            return decision.decision();
        });
    }

    @Override
    public List<Long> release(long execution, Instant now) {
        return jdbc.write(c -> {
            Optional<Hold> hold = hold(c, execution);
            if (hold.isEmpty()) {
                return List.of();
            }
            return settle(c, Gates.keys(hold.get().gates()), now, List.of(execution));
        });
    }

    /**
     * {@inheritDoc} The union of their keys is locked once, in key order, and loaded once; the domain releases them one
     * after another on that snapshot, and every change is written in one statement: a batch of ends of one key costs
     * about what one release does.
     */
    @Override
    public List<Long> releaseAll(List<Long> executions, Instant now) {
        if (executions.size() <= 1) {
            return executions.isEmpty() ? List.of() : release(executions.getFirst(), now);
        }
        return jdbc.write(c -> {
            Map<Long, Hold> holds = holds(c, executions);
            if (holds.isEmpty()) {
                return List.of();
            }
            if (holds.values().stream().anyMatch(hold -> !hold.admitted())) {
                // a waiting one may be admitted by a release before it in the batch: one by one, as the port says
                List<Long> admitted = new ArrayList<>();
                for (long execution : executions) {
                    admitted.addAll(release(execution, now));
                }
                return admitted;
            }
            Set<PolicyKey> keys = new TreeSet<>();
            holds.values().forEach(hold -> keys.addAll(Gates.keys(hold.gates())));
            return settle(c, keys, now, executions.stream().filter(holds::containsKey).distinct().toList());
        });
    }

    /** Promotes the heads of every key that has waiting executions and a rate window; also forgets old admissions. */
    @Override
    public List<Long> tick(Instant now) {
        return jdbc.write(c -> {
            Jdbc.update(c, """
                    DELETE FROM rate_admissions r USING admission_keys k
                    WHERE r.policy_ref = k.policy_ref AND r.key = k.key AND r.admitted_at < ?::timestamptz - k.rate_window
                    """, now.minus(FORGET_MARGIN));
            List<PolicyKey> waiting = Jdbc.list(c,
                    "SELECT policy_ref, key FROM admission_keys WHERE queued > 0 AND rate_window IS NOT NULL",
                    PostgresAdmissionLedger::policyKey);
            if (waiting.isEmpty()) {
                return List.of();
            }
            return settle(c, waiting, now, List.of());
        });
    }

    @Override
    public OptionalInt position(long execution) {
        return jdbc.read(c -> Jdbc.one(c, """
                        SELECT max((SELECT count(*) FROM admission_queue ahead
                                    WHERE ahead.policy_ref = q.policy_ref AND ahead.key = q.key AND ahead.id <= q.id))
                            AS position
                        FROM admission_queue q WHERE q.execution_id = ?""",
                row -> Jdbc.integer(row, "position"), execution))
                .flatMap(p -> p).map(OptionalInt::of).orElse(OptionalInt.empty());
    }

    /**
     * {@inheritDoc} Locks the rows the keys have (in lock order; a key without a row has nobody waiting), which the
     * {@link #admit} that follows in the same transaction then holds already, so the answer stays true until then.
     */
    @Override
    public Optional<AdmissionDecision.Overflowed> overflowing(List<Gate> gates) {
        List<Gate> ordered = Gates.inLockOrder(gates);
        if (ordered.stream().noneMatch(gate -> gate instanceof ConcurrencyGate)) {
            return Optional.empty();
        }
        return jdbc.write(c -> {
            List<PolicyKey> keys = Gates.keys(ordered);
            Map<PolicyKey, KeyState> counts = new HashMap<>();
            keys.forEach(key -> counts.put(key, KeyState.empty(key)));
            for (Locked l : Jdbc.list(c, LOCK, PostgresAdmissionLedger::locked, policies(keys), keyTexts(keys))) {
                counts.put(l.key(), new KeyState(l.key(), l.active(), List.of(), List.of(), l.queued()));
            }
            return Admission.overflowing(ordered, counts);
        });
    }

    @Override
    public List<ExpiredWait> expiredWaits(Instant now, int limit) {
        return jdbc.read(c -> Jdbc.list(c, """
                        SELECT execution_id, gates::text AS gates FROM admission_holds
                        WHERE NOT admitted AND expires_at <= ? ORDER BY expires_at, execution_id LIMIT ?""",
                row -> {
                    String gates = row.getString("gates");
                    ConcurrencyGate gate = Gates.firstToTimeOut(GateColumns.read(gates))
                            .orElseThrow(() -> new PersistenceException("a hold expires but none of its gates has a"
                                    + " queue timeout: " + gates));
                    return new ExpiredWait(row.getLong("execution_id"), gate.key(), gate.queueTimeout().orElseThrow());
                }, now, limit));
    }

    /**
     * The keys that have rows, of the enabled policies that apply to the action now (its own, its pack's, global
     * ones), by policy and key. A key appears once an execution was admitted, queued or refused on it.
     */
    @Override
    public List<QueueStats> stats(Ref action, Instant now) {
        return jdbc.read(c -> Jdbc.list(c, """
                        SELECT k.policy_ref, k.key, k.concurrency_limit, k.active, k.queued, k.total_admitted,
                               k.total_queued, k.total_canceled, k.total_rejected, k.total_released,
                               k.total_overflowed, k.total_timed_out,
                               (p.concurrency ->> 'max_queue')::integer AS max_queue,
                               (p.concurrency ->> 'queue_timeout')::bigint AS queue_timeout,
                               (SELECT enqueued_at FROM admission_queue q
                                WHERE q.policy_ref = k.policy_ref AND q.key = k.key ORDER BY id LIMIT 1) AS oldest
                        FROM admission_keys k JOIN policies p ON p.ref = k.policy_ref
                        WHERE p.enabled AND (p.target_kind = 'global' OR (p.target_kind = 'action' AND p.target = ?)
                                             OR (p.target_kind = 'pack' AND p.target = ?))
                        ORDER BY k.policy_ref, k.key""",
                row -> new QueueStats(
                        row.getString("policy_ref"),
                        row.getString("key"),
                        Jdbc.integer(row, "concurrency_limit").map(OptionalInt::of).orElse(OptionalInt.empty()),
                        row.getInt("active"),
                        row.getInt("queued"),
                        Jdbc.instant(row, "oldest").map(oldest -> Duration.between(oldest, now))
                                .map(age -> age.isNegative() ? Duration.ZERO : age),
                        row.getLong("total_admitted"),
                        row.getLong("total_queued"),
                        row.getLong("total_canceled"),
                        row.getLong("total_rejected"),
                        row.getLong("total_released"),
                        // a concurrency policy stored before queues were bounded has the default queue length
                        Jdbc.integer(row, "concurrency_limit").isEmpty() ? OptionalInt.empty() : OptionalInt.of(
                                Jdbc.integer(row, "max_queue").orElse(Policy.Concurrency.DEFAULT_MAX_QUEUE)),
                        Optional.ofNullable(row.getObject("queue_timeout", Long.class)).map(Duration::ofSeconds),
                        row.getLong("total_overflowed"),
                        row.getLong("total_timed_out")),
                action.toString(), action.pack()));
    }

    /**
     * Frees (or withdraws) the executions {@code leaving}, one after another on one snapshot, or only lets time pass
     * when there are none, and writes the promotions that follow.
     * Runs in a savepoint so that, when more keys are needed out of order, the locks taken so far can be given back.
     */
    private List<Long> settle(Connection c, Collection<PolicyKey> initial, Instant now, List<Long> leaving)
            throws SQLException {
        TreeSet<PolicyKey> keys = new TreeSet<>(initial);
        Savepoint savepoint = c.setSavepoint();
        Map<PolicyKey, Locked> locked = lock(c, keys);
        Integer prefix = QUEUE_PREFIX;
        while (true) {
            // the keys nobody waits on and no rate gate ever named hold nothing but their counter: no need to load them
            Set<PolicyKey> load = new TreeSet<>();
            locked.values().stream().filter(l -> l.queued() > 0 || l.rated()).forEach(l -> load.add(l.key()));
            Snapshot snapshot = load(c, locked, load, now, prefix, leaving, true, leaving);
            // read again under the locks: a concurrent release may have freed them, or admitted them meanwhile
            Map<Long, Hold> holds = snapshot.leavingHolds();
            if (!leaving.isEmpty() && holds.isEmpty()) {
                c.releaseSavepoint(savepoint);
                return List.of();
            }
            Map<PolicyKey, KeyState> states = snapshot.states();
            List<Long> admitted = new ArrayList<>();
            Promotion promotion = null;
            for (long execution : leaving) {
                Hold hold = holds.get(execution);
                if (hold == null) {
                    continue;
                }
                promotion = hold.admitted()
                        ? Admission.release(execution, hold.gates(), states, snapshot::gatesOf, now)
                        : Admission.withdraw(execution, hold.gates(), states, snapshot::gatesOf, now);
                if (!(promotion instanceof Promotion.Promoted promoted)) {
                    break;
                }
                states = promoted.states();
                admitted.addAll(promoted.admitted());
            }
            if (leaving.isEmpty()) {
                promotion = Admission.tick(states, snapshot::gatesOf, now);
                if (promotion instanceof Promotion.Promoted promoted) {
                    states = promoted.states();
                    admitted.addAll(promoted.admitted());
                }
            }
            switch (promotion) {
                case Promotion.NeedsKeys needs -> {
                    if (Collections.min(needs.keys()).compareTo(keys.last()) > 0) {
                        locked.putAll(lock(c, needs.keys()));
                        keys.addAll(needs.keys());
                    } else {
                        c.rollback(savepoint);
                        keys.addAll(needs.keys());
                        locked = lock(c, keys);
                    }
                }
                case Promotion.Promoted last -> {
                    if (prefix != null && snapshot.consumedATruncatedQueue(states)) {
                        prefix = null;
                        continue;
                    }
                    AdmissionChanges changes = new AdmissionChanges(active(locked));
                    for (long execution : leaving) {
                        Hold hold = holds.get(execution);
                        if (hold != null && hold.admitted()) {
                            changes.released(execution, hold.gates());
                        } else if (hold != null) {
                            changes.withdrawn(execution, hold.gates(),
                                    hold.expiresAt().map(expiry -> !expiry.isAfter(now)).orElse(false));
                        }
                    }
                    admitted.forEach(id -> changes.promoted(id, snapshot.gatesOf(id)));
                    changes.check(states);
                    changes.apply(c, now);
                    c.releaseSavepoint(savepoint);
                    return admitted;
                }
            }
        }
    }

    /** Creates the rows of the gates' keys that do not exist yet and locks them all, in lock order. */
    private static Map<PolicyKey, Locked> upsertAndLock(Connection c, List<Gate> ordered, long execution)
            throws SQLException {
        Map<PolicyKey, Integer> limits = new LinkedHashMap<>();
        Map<PolicyKey, RateGate> rates = new HashMap<>();
        for (PolicyKey key : Gates.keys(ordered)) {
            limits.put(key, null);
        }
        for (Gate gate : ordered) {
            switch (gate) {
                case ConcurrencyGate g -> limits.put(g.key(), g.limit());
                case RateGate r -> rates.put(r.key(), r);
            }
        }
        List<PolicyKey> keys = List.copyOf(limits.keySet());
        Integer[] rateMax = keys.stream().map(k -> rates.containsKey(k) ? rates.get(k).max() : null).toArray(Integer[]::new);
        Long[] rateWindow = keys.stream()
                .map(k -> rates.containsKey(k) ? micros(rates.get(k).window()) : null).toArray(Long[]::new);
        boolean[] held = {false};
        Map<PolicyKey, Locked> locked = new TreeMap<>();
        Jdbc.list(c, UPSERT_AND_LOCK, row -> {
            held[0] |= row.getBoolean("held");
            Locked l = locked(row);
            return locked.put(l.key(), l);
        }, policies(keys), keyTexts(keys), limits.values().toArray(Integer[]::new), rateMax, rateWindow, execution);
        if (held[0]) {
            throw new IllegalStateException("execution " + execution + " is already admitted or queued");
        }
        return locked;
    }

    /** Locks the existing rows of the keys, in lock order; every key must have a row. */
    private static Map<PolicyKey, Locked> lock(Connection c, Collection<PolicyKey> keys) throws SQLException {
        List<PolicyKey> ordered = keys.stream().sorted().toList();
        Map<PolicyKey, Locked> locked = new TreeMap<>();
        for (Locked l : Jdbc.list(c, LOCK, PostgresAdmissionLedger::locked, policies(ordered), keyTexts(ordered))) {
            locked.put(l.key(), l);
        }
        if (locked.size() != ordered.size()) {
            throw new IllegalStateException("admission keys without a row: "
                    + ordered.stream().filter(k -> !locked.containsKey(k)).toList());
        }
        return locked;
    }

    /**
     * The states of the locked keys: those in {@code load} with their queues (see LOAD) and rate admissions, the
     * others with their counter only (nobody waits, no rate gate), and the holds of {@code leaving}.
     */
    private static Snapshot load(Connection c, Map<PolicyKey, Locked> locked, Set<PolicyKey> load, Instant now,
                                 Integer prefix, List<Long> extra, boolean withGates, List<Long> leaving)
            throws SQLException {
        Map<Long, Hold> holds = new HashMap<>();
        Map<PolicyKey, List<long[]>> queues = new TreeMap<>();
        Map<PolicyKey, List<Instant>> admissions = new TreeMap<>();
        Map<PolicyKey, Set<Long>> prefixes = new TreeMap<>();
        Map<Long, List<Gate>> gates = new HashMap<>();
        if (!load.isEmpty()) {
            List<PolicyKey> keys = List.copyOf(load);
            Jdbc.list(c, LOAD, row -> {
                switch (row.getString("kind")) {
                    case "q" -> {
                        PolicyKey key = policyKey(row);
                        long execution = row.getLong("execution_id");
                        queues.computeIfAbsent(key, k -> new ArrayList<>()).add(new long[] {row.getLong("id"), execution});
                        if (row.getBoolean("flag")) {
                            prefixes.computeIfAbsent(key, k -> new TreeSet<>()).add(execution);
                        }
                    }
                    case "a" -> admissions.computeIfAbsent(policyKey(row), k -> new ArrayList<>())
                            .add(Jdbc.instant(row, "admitted_at").orElseThrow());
                    case "g" -> gates.put(row.getLong("execution_id"), GateColumns.read(row.getString("gates")));
                    case "h" -> holds.put(row.getLong("execution_id"),
                            new Hold(GateColumns.read(row.getString("gates")), row.getBoolean("flag"),
                                    Jdbc.instant(row, "admitted_at")));
                    default -> throw new PersistenceException("unexpected row kind " + row.getString("kind"));
                }
                return null;
            }, policies(keys), keyTexts(keys), prefix, extra.toArray(Long[]::new), now, withGates,
                    leaving.toArray(Long[]::new));
        } else if (!leaving.isEmpty()) {
            holds.putAll(holds(c, leaving));
        }
        Map<PolicyKey, KeyState> states = new HashMap<>();
        Map<PolicyKey, Set<Long>> truncated = new TreeMap<>();
        for (Locked key : locked.values()) {
            List<Long> queue = queues.getOrDefault(key.key(), List.of()).stream()
                    .sorted((a, b) -> Long.compare(a[0], b[0])).map(entry -> entry[1]).toList();
            // the queue may be loaded in part: the locked counter says how many wait in all
            states.put(key.key(), new KeyState(key.key(), key.active(), queue,
                    admissions.getOrDefault(key.key(), List.of()), Math.max(key.queued(), queue.size())));
            Set<Long> first = prefixes.getOrDefault(key.key(), Set.of());
            if (prefix != null && first.size() >= prefix) {
                truncated.put(key.key(), first);
            }
        }
        return new Snapshot(states, truncated, gates, Map.copyOf(holds), c);
    }

    /** The holds of those executions the ledger holds. */
    private static Map<Long, Hold> holds(Connection c, List<Long> executions) throws SQLException {
        Map<Long, Hold> holds = new HashMap<>();
        Jdbc.list(c, "SELECT execution_id, gates::text AS gates, admitted, expires_at FROM admission_holds"
                        + " WHERE execution_id = ANY (?)",
                row -> holds.put(row.getLong("execution_id"), new Hold(GateColumns.read(row.getString("gates")),
                        row.getBoolean("admitted"), Jdbc.instant(row, "expires_at"))),
                (Object) executions.toArray(Long[]::new));
        return holds;
    }

    private static Optional<Hold> hold(Connection c, long execution) throws SQLException {
        return Jdbc.one(c, "SELECT gates::text AS gates, admitted, expires_at FROM admission_holds WHERE execution_id = ?",
                row -> new Hold(GateColumns.read(row.getString("gates")), row.getBoolean("admitted"),
                        Jdbc.instant(row, "expires_at")), execution);
    }

    private static Map<PolicyKey, Integer> active(Map<PolicyKey, Locked> locked) {
        Map<PolicyKey, Integer> active = new HashMap<>();
        locked.forEach((key, l) -> active.put(key, l.active()));
        return active;
    }

    private static Locked locked(ResultSet row) throws SQLException {
        return new Locked(policyKey(row), row.getInt("active"), row.getInt("queued"), row.getBoolean("rated"));
    }

    private static PolicyKey policyKey(ResultSet row) throws SQLException {
        return new PolicyKey(Ref.parse(row.getString("policy_ref")), row.getString("key"));
    }

    private static String[] policies(List<PolicyKey> keys) {
        return keys.stream().map(k -> k.policy().toString()).toArray(String[]::new);
    }

    private static String[] keyTexts(List<PolicyKey> keys) {
        return keys.stream().map(PolicyKey::key).toArray(String[]::new);
    }

    private static long micros(Duration duration) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.EPOCH.plus(duration));
    }

    /** A locked key's row: its counters as they are now, and whether a rate gate ever named it. */
    private record Locked(PolicyKey key, int active, int queued, boolean rated) {
    }

    /** An execution the ledger holds: its gates, whether it is admitted (else it waits), and its queue deadline. */
    private record Hold(List<Gate> gates, boolean admitted, Optional<Instant> expiresAt) {
    }

    /**
     * Loaded key states, the first executions of the queues that were cut short, and the gates of waiting executions
     * (fetched one by one when the promotion reaches one not loaded).
     */
    private record Snapshot(Map<PolicyKey, KeyState> states, Map<PolicyKey, Set<Long>> truncated,
                            Map<Long, List<Gate>> gates, Map<Long, Hold> leavingHolds, Connection connection) {

        List<Gate> gatesOf(long execution) {
            return gates.computeIfAbsent(execution, id -> {
                try {
                    return hold(connection, id).map(Hold::gates).orElseThrow(() -> new IllegalStateException(
                            "execution " + id + " waits in an admission queue but the ledger holds no gates for it"));
                } catch (SQLException e) {
                    throw new PersistenceException("database error: " + e.getMessage(), e);
                }
            });
        }

        /** Whether some queue loaded only in part lost all its loaded executions (the heads seen last may be wrong). */
        boolean consumedATruncatedQueue(Map<PolicyKey, KeyState> after) {
            return truncated.entrySet().stream().anyMatch(entry ->
                    after.get(entry.getKey()).queue().stream().noneMatch(entry.getValue()::contains));
        }
    }
}
