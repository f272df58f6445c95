package io.attune.benchmarks;

import io.attune.domain.admission.Admission;
import io.attune.domain.admission.ConcurrencyGate;
import io.attune.domain.admission.Decision;
import io.attune.domain.admission.Gate;
import io.attune.domain.admission.KeyState;
import io.attune.domain.admission.PolicyKey;
import io.attune.domain.admission.Promotion;
import io.attune.domain.common.Ref;
import io.attune.domain.policy.Policy.ConcurrencyBehavior;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.LongStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Throughput of the pure admission decisions ({@link Admission#request}, {@link Admission#release}) on one
 * concurrency key of limit 5: the work the executor does inside the transaction that holds the key's row lock.
 *
 * <p>The functions are pure, so every invocation sees the same snapshot: a key with room, or a full key with
 * {@code queued} executions waiting ({@code -p queued=10,1000,10000} shows how the cost grows with the queue).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AdmissionBenchmark {

    static final int LIMIT = 5;
    static final PolicyKey KEY = PolicyKey.of(Ref.parse("bench.limit5"));
    static final Instant NOW = Instant.parse("2026-01-31T12:00:00Z");

    /** Ids 1..LIMIT hold the slots; the queue holds the next {@code queued} ids; a newcomer comes after them. */
    @Param("1000")
    public int queued;

    private List<Gate> gates;
    private Function<Long, List<Gate>> gatesOf;
    private Map<PolicyKey, KeyState> withRoom;
    private Map<PolicyKey, KeyState> fullWithQueue;
    private long newcomer;

    @Setup
    public void setUp() {
        gates = List.of(new ConcurrencyGate(KEY, LIMIT, ConcurrencyBehavior.DELAY));
        gatesOf = execution -> gates;
        withRoom = Map.of(KEY, new KeyState(KEY, LIMIT - 1, List.of(), List.of()));
        List<Long> queue = LongStream.rangeClosed(LIMIT + 1, LIMIT + queued).boxed().toList();
        fullWithQueue = Map.of(KEY, new KeyState(KEY, LIMIT, queue, List.of()));
        newcomer = LIMIT + queued + 1L;
    }

    /** A request on a key with a free slot and nobody waiting: admitted. */
    @Benchmark
    public Decision requestOnKeyWithRoom() {
        return Admission.request(newcomer, gates, withRoom, NOW);
    }

    /** A request on a full key with {@code queued} waiting: queued at the end. */
    @Benchmark
    public Decision requestBehindQueue() {
        return Admission.request(newcomer, gates, fullWithQueue, NOW);
    }

    /** A running execution finishes on a full key with {@code queued} waiting: the head is admitted. */
    @Benchmark
    public Promotion releaseWithPromotionFromQueue() {
        return Admission.release(1L, gates, fullWithQueue, gatesOf, NOW);
    }
}
