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
import io.attune.domain.admission.RateGate;
import io.attune.domain.common.Ref;
import io.attune.domain.policy.Policy.ConcurrencyBehavior;
import io.attune.domain.policy.Policy.RateBehavior;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the PostgreSQL ledger does beyond the contract: queues longer than the part a release loads at first, and the
 * rows the tables hold for each decision.
 */
class PostgresAdmissionLedgerTest {

    private static final Instant T0 = Instant.parse("2031-03-04T05:06:07Z");
    private static final PolicyKey A = PolicyKey.of(Ref.parse("demo.a"));
    private static final PolicyKey B = PolicyKey.of(Ref.parse("demo.b"));
    private static final int LONG = PostgresAdmissionLedger.QUEUE_PREFIX * 2 + 5;

    private final TransactionRunner tx = TestDatabase.bean(TransactionRunner.class);
    private final AdmissionLedger ledger = TestDatabase.bean(AdmissionLedger.class);
    private final ExecutionRepository executions = TestDatabase.bean(ExecutionRepository.class);
    private final Jdbc jdbc = TestDatabase.bean(Jdbc.class);

    @BeforeEach
    void emptyTheDatabase() {
        TestDatabase.reset();
    }

    private List<Long> newExecutions(int n) {
        return tx.inTransaction(() -> IntStream.range(0, n)
                .mapToObj(i -> executions.insert(ExecutionRepositoryContract.requested("demo.greet", T0)).id()).toList());
    }

    private AdmissionDecision admit(long execution, Gate... gates) {
        return tx.inTransaction(() -> ledger.admit(execution, List.of(gates), T0));
    }

    private long count(String sql, Object... args) {
        return jdbc.read(c -> Jdbc.one(c, sql, row -> row.getLong(1), args)).orElseThrow();
    }

    @Test
    void aTickAdmitsMoreWaitingExecutionsThanAReleaseLoadsAtFirstInQueueOrder() {
        Gate window = new RateGate(A, LONG, Duration.ofSeconds(60), RateBehavior.DELAY);
        List<Long> ids = newExecutions(LONG * 2);
        ids.forEach(id -> admit(id, window));

        List<Long> admitted = tx.inTransaction(() -> ledger.tick(T0.plusSeconds(60)));

        assertThat(admitted).containsExactlyElementsOf(ids.subList(LONG, LONG * 2));
        assertThat(count("SELECT count(*) FROM admission_queue")).isZero();
        assertThat(count("SELECT count(*) FROM rate_admissions WHERE admitted_at = ?", T0.plusSeconds(60))).isEqualTo(LONG);
    }

    @Test
    void anExecutionFarBackInALongQueueCanBeWithdrawnWithoutDisturbingTheOrder() {
        List<Long> ids = newExecutions(LONG);
        ids.forEach(id -> admit(id, new ConcurrencyGate(A, 1, ConcurrencyBehavior.DELAY)));
        long deep = ids.get(LONG - 2);

        assertThat(tx.inTransaction(() -> ledger.release(deep, T0))).isEmpty();

        assertThat(tx.readOnly(() -> ledger.position(ids.getLast()))).hasValue(LONG - 2);
        List<Long> order = new ArrayList<>();
        long running = ids.getFirst();
        for (int i = 0; i < LONG - 2; i++) {
            long finished = running;
            List<Long> next = tx.inTransaction(() -> ledger.release(finished, T0));
            assertThat(next).hasSize(1);
            running = next.getFirst();
            order.add(running);
        }
        assertThat(order).doesNotContain(deep)
                .containsExactlyElementsOf(ids.stream().skip(1).filter(id -> id != deep).toList());
    }

    @Test
    void aHeadWaitingFarBackOnAnotherKeyStaysWaiting() {
        List<Long> ids = newExecutions(LONG + 2);
        Gate onA = new ConcurrencyGate(A, 1, ConcurrencyBehavior.DELAY);
        Gate onB = new ConcurrencyGate(B, 1, ConcurrencyBehavior.DELAY);
        long holdsB = ids.getFirst();
        admit(holdsB, onB);
        ids.subList(1, LONG).forEach(id -> admit(id, onA));
        long needsBoth = ids.getLast();
        admit(needsBoth, onA, onB);

        assertThat(tx.inTransaction(() -> ledger.release(holdsB, T0))).as("first on B but far back on A").isEmpty();
        assertThat(tx.readOnly(() -> ledger.position(needsBoth))).hasValue(LONG - 1);
    }

    @Test
    void eachDecisionLeavesTheRowsThatDescribeIt() {
        List<Long> ids = newExecutions(3);
        Gate limit = new ConcurrencyGate(A, 1, ConcurrencyBehavior.DELAY);
        Gate rate = new RateGate(B, 10, Duration.ofSeconds(60), RateBehavior.DELAY);
        admit(ids.get(0), limit, rate);
        admit(ids.get(1), limit, rate);

        assertThat(count("SELECT count(*) FROM admission_slots WHERE execution_id = ?", ids.get(0))).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM rate_admissions WHERE execution_id = ?", ids.get(0))).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM admission_queue WHERE execution_id = ?", ids.get(1))).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM admission_holds")).isEqualTo(2);
        assertThat(count("SELECT queued FROM admission_keys WHERE policy_ref = 'demo.b'")).isEqualTo(1);

        assertThat(tx.inTransaction(() -> ledger.release(ids.get(0), T0.plusSeconds(1)))).containsExactly(ids.get(1));

        assertThat(count("SELECT count(*) FROM admission_slots")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM admission_queue")).isZero();
        assertThat(count("SELECT count(*) FROM rate_admissions")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM admission_holds WHERE admitted")).isEqualTo(1);
        assertThat(count("SELECT active FROM admission_keys WHERE policy_ref = 'demo.a'")).isEqualTo(1);
        assertThat(count("SELECT queued FROM admission_keys WHERE policy_ref = 'demo.b'")).isZero();
    }

    @Test
    void aTickForgetsRateAdmissionsLongOutOfTheirWindow() {
        List<Long> ids = newExecutions(2);
        Gate rate = new RateGate(A, 10, Duration.ofSeconds(60), RateBehavior.DELAY);
        admit(ids.get(0), rate);
        tx.inTransaction(() -> ledger.admit(ids.get(1), List.of(rate), T0.plusSeconds(100)));

        tx.inTransaction(() -> ledger.tick(T0.plusSeconds(110)));

        assertThat(count("SELECT count(*) FROM rate_admissions")).as("the margin keeps the first a while").isEqualTo(2);
        tx.inTransaction(() -> ledger.tick(T0.plusSeconds(121 + 60)));
        List<Long> kept = jdbc.read(c -> Jdbc.list(c, "SELECT execution_id FROM rate_admissions", row -> row.getLong(1)));
        assertThat(kept).containsExactly(ids.get(1));
    }
}
