package io.attune.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.attune.application.contract.ExecutionRepositoryContract;
import io.attune.application.port.out.AdmissionLedger;
import io.attune.application.port.out.ExecutionRepository;
import io.attune.application.port.out.TransactionRunner;
import io.attune.domain.admission.AdmissionDecision;
import io.attune.domain.admission.ConcurrencyGate;
import io.attune.domain.admission.Gate;
import io.attune.domain.admission.PolicyKey;
import io.attune.domain.common.Ref;
import io.attune.domain.policy.Policy.ConcurrencyBehavior;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Eight executors share the ledger, each admission and release in a transaction of its own, as the executor and the
 * workers do. Inside every transaction, after the ledger call, the slots of each key are counted: a limit is never
 * exceeded. What each transaction queued or promoted is recorded while it still holds the key locks, so the records
 * are in lock order: every key admits its waiting executions in the order they were queued. No transaction fails
 * (a deadlock would abort one), and every execution is admitted exactly once.
 */
class PostgresAdmissionLedgerConcurrencyTest {

    private static final int THREADS = 8;
    private static final int PER_THREAD = 40;

    private final TransactionRunner tx = TestDatabase.bean(TransactionRunner.class);
    private final AdmissionLedger ledger = TestDatabase.bean(AdmissionLedger.class);
    private final ExecutionRepository executions = TestDatabase.bean(ExecutionRepository.class);
    private final Jdbc jdbc = TestDatabase.bean(Jdbc.class);

    @BeforeEach
    void emptyTheDatabase() {
        TestDatabase.reset();
    }

    @Test
    void eightExecutorsOnOneKeyNeverExceedItsLimitAndAdmitTheWaitingInQueueOrder() throws Exception {
        PolicyKey key = PolicyKey.of(Ref.parse("demo.shared"));
        Run run = new Run(Map.of(key, 2), (random, id) -> List.of(new ConcurrencyGate(key, 2, ConcurrencyBehavior.DELAY)));

        run.go();

        run.assertEveryKeyAdmittedInQueueOrderAndNothingIsLeft();
        assertThat(run.queued.get(key)).as("the test made executions wait").hasSizeGreaterThan(THREADS * PER_THREAD / 4);
    }

    @Test
    void eightExecutorsOnOverlappingKeysNeverDeadlockNorExceedALimitAndKeepEachKeyInQueueOrder() throws Exception {
        List<PolicyKey> keys = List.of(PolicyKey.of(Ref.parse("demo.k1")), PolicyKey.of(Ref.parse("demo.k2")),
                PolicyKey.of(Ref.parse("demo.k3")));
        Map<PolicyKey, Integer> limits = Map.of(keys.get(0), 1, keys.get(1), 2, keys.get(2), 1);
        Run run = new Run(limits, (random, id) -> {
            List<Gate> gates = new ArrayList<>();
            int subset = 1 + random.nextInt(7);
            for (int i = 0; i < keys.size(); i++) {
                if ((subset & (1 << i)) != 0) {
                    gates.add(new ConcurrencyGate(keys.get(i), limits.get(keys.get(i)), ConcurrencyBehavior.DELAY));
                }
            }
            return gates;
        });

        run.go();

        run.assertEveryKeyAdmittedInQueueOrderAndNothingIsLeft();
    }

    @Test
    void aLoneExecutorAdmitsAndReleasesInArrivalOrder() {
        PolicyKey key = PolicyKey.of(Ref.parse("demo.alone"));
        List<Gate> gates = List.of(new ConcurrencyGate(key, 2, ConcurrencyBehavior.DELAY));
        List<Long> ids = newExecutions(400);
        for (long id : ids.subList(0, 100)) {    // warm up the connection's prepared statements
            tx.inTransaction(() -> ledger.admit(id, gates, Instant.now()));
            tx.inTransaction(() -> ledger.release(id, Instant.now()));
        }

        long start = System.nanoTime();
        for (long id : ids.subList(100, 400)) {
            assertThat(tx.inTransaction(() -> ledger.admit(id, gates, Instant.now())))
                    .isEqualTo(new AdmissionDecision.Admitted());
            assertThat(tx.inTransaction(() -> ledger.release(id, Instant.now()))).isEmpty();
        }
        double millis = (System.nanoTime() - start) / 1e6 / 300;

        System.out.printf("one admit + one release, each in its own transaction, no contention: %.3f ms%n", millis);
        assertThat(count("SELECT count(*) FROM admission_slots")).isZero();
        assertThat(count("SELECT total_admitted FROM admission_keys")).isEqualTo(400);
    }

    private List<Long> newExecutions(int n) {
        return tx.inTransaction(() -> IntStream.range(0, n)
                .mapToObj(i -> executions.insert(ExecutionRepositoryContract.requested("demo.greet", Instant.now())).id())
                .toList());
    }

    private long count(String sql, Object... args) {
        return jdbc.read(c -> Jdbc.one(c, sql, row -> row.getLong(1), args)).orElseThrow();
    }

    /** Chooses the gates of one execution. */
    @FunctionalInterface
    private interface GateChoice {
        List<Gate> of(Random random, long execution);
    }

    /** One concurrent run: executions admitted by eight threads, released by whichever thread takes them next. */
    private final class Run {
        private final Map<PolicyKey, Integer> limits;
        private final GateChoice choice;
        private final Map<Long, List<Gate>> gates = new ConcurrentHashMap<>();
        /** Per key, the executions in the order they were queued there; appended under the key's lock. */
        private final Map<PolicyKey, List<Long>> queued = new ConcurrentHashMap<>();
        /** Per key, the executions that had waited there, in the order they were promoted; appended under the lock. */
        private final Map<PolicyKey, List<Long>> promoted = new ConcurrentHashMap<>();
        private final Map<Long, AtomicInteger> admissions = new ConcurrentHashMap<>();
        private final LinkedBlockingQueue<Long> running = new LinkedBlockingQueue<>();
        private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
        private final AtomicInteger released = new AtomicInteger();
        private final AtomicInteger operations = new AtomicInteger();
        private List<Long> ids;

        Run(Map<PolicyKey, Integer> limits, GateChoice choice) {
            this.limits = limits;
            this.choice = choice;
            limits.keySet().forEach(key -> {
                queued.put(key, Collections.synchronizedList(new ArrayList<>()));
                promoted.put(key, Collections.synchronizedList(new ArrayList<>()));
            });
        }

        void go() throws Exception {
            ids = newExecutions(THREADS * PER_THREAD);
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            long start = System.nanoTime();
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    List<Long> mine = ids.subList(t * PER_THREAD, (t + 1) * PER_THREAD);
                    Random random = new Random(t);
                    done.add(pool.submit(() -> {
                        work(mine, random);
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get(3, TimeUnit.MINUTES);
                }
            } finally {
                pool.shutdownNow();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("%d threads, %d ledger operations in %.2f s: %.0f per second%n", THREADS,
                    operations.get(), seconds, operations.get() / seconds);
        }

        /** Admits its executions, releasing a running one after most of them; then helps release until all ran. */
        private void work(List<Long> mine, Random random) throws InterruptedException {
            for (long id : mine) {
                admit(id, choice.of(random, id));
                if (random.nextInt(4) != 0) {
                    Long finished = running.poll();
                    if (finished != null) {
                        release(finished);
                    }
                }
            }
            while (released.get() < ids.size() && violations.isEmpty()) {
                Long finished = running.poll(20, TimeUnit.MILLISECONDS);
                if (finished != null) {
                    release(finished);
                }
            }
        }

        private void admit(long id, List<Gate> executionGates) {
            gates.put(id, executionGates);
            AdmissionDecision decision = attempt(() -> tx.inTransaction(() -> {
                AdmissionDecision d = ledger.admit(id, executionGates, Instant.now());
                checkLimits("admit " + id);
                if (d instanceof AdmissionDecision.Queued) {
                    executionGates.forEach(g -> queued.get(g.key()).add(id));
                }
                return d;
            }));
            switch (decision) {
                case AdmissionDecision.Admitted a -> admitted(id);
                case AdmissionDecision.Queued q -> {
                    // admitted later, by a release
                }
                case AdmissionDecision.Canceled c -> violations.add("canceled " + id);
                case AdmissionDecision.Rejected r -> violations.add("rejected " + id);
                case AdmissionDecision.Overflowed o -> violations.add("overflowed " + id);
            }
        }

        private void release(long id) {
            List<Long> next = attempt(() -> tx.inTransaction(() -> {
                List<Long> admittedNow = ledger.release(id, Instant.now());
                checkLimits("release " + id);
                admittedNow.forEach(p -> gates.get(p).forEach(g -> promoted.get(g.key()).add(p)));
                return admittedNow;
            }));
            released.incrementAndGet();
            next.forEach(this::admitted);
        }

        /** After the commit: the execution runs, and may be released by any thread. */
        private void admitted(long id) {
            admissions.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            running.add(id);
        }

        private <T> T attempt(Supplier<T> work) {
            operations.incrementAndGet();
            try {
                return work.get();
            } catch (RuntimeException e) {
                violations.add(e.toString());
                throw e;
            }
        }

        /**
         * In the ledger call's transaction: slots per key within the limit and equal to the key's counter. One
         * statement, so one snapshot: a key this transaction did not lock may change between two statements.
         */
        private void checkLimits(String after) {
            List<String> found = jdbc.read(c -> Jdbc.list(c, """
                    SELECT k.policy_ref, k.active, (SELECT count(*) FROM admission_slots s
                                                    WHERE s.policy_ref = k.policy_ref AND s.key = k.key) AS slots
                    FROM admission_keys k""", row -> {
                PolicyKey key = PolicyKey.of(Ref.parse(row.getString("policy_ref")));
                long slots = row.getLong("slots");
                long active = row.getLong("active");
                return slots > limits.get(key) || slots != active
                        ? after + ": " + slots + " slots and active " + active + " on " + key : null;
            }));
            found.stream().filter(Objects::nonNull).forEach(violations::add);
        }

        void assertEveryKeyAdmittedInQueueOrderAndNothingIsLeft() {
            assertThat(violations).isEmpty();
            assertThat(admissions.keySet()).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(admissions.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
            for (PolicyKey key : limits.keySet()) {
                assertThat(promoted.get(key)).as("promotions on " + key).containsExactlyElementsOf(queued.get(key));
            }
            assertThat(count("SELECT count(*) FROM admission_slots")).isZero();
            assertThat(count("SELECT count(*) FROM admission_queue")).isZero();
            assertThat(count("SELECT count(*) FROM admission_holds")).isZero();
            assertThat(count("SELECT coalesce(sum(active) + sum(queued), 0) FROM admission_keys")).isZero();
            assertThat(count("SELECT coalesce(sum(total_admitted), 0) FROM admission_keys"))
                    .isEqualTo(gates.values().stream().mapToLong(List::size).sum());
        }
    }
}
