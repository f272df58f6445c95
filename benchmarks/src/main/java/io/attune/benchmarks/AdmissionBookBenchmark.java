package io.attune.benchmarks;

import io.attune.domain.admission.AdmissionBook;
import io.attune.domain.admission.AdmissionDecision;
import io.attune.domain.admission.ConcurrencyGate;
import io.attune.domain.admission.Gate;
import io.attune.domain.policy.Policy.ConcurrencyBehavior;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Throughput of one request/release cycle through {@link AdmissionBook}, the in-memory reference that drives
 * {@link io.attune.domain.admission.Admission} the way the PostgreSQL ledger does (snapshot, decide, apply).
 *
 * <p>With room: a new execution is admitted and released at once. Under backlog: the key (limit 5) is full with
 * {@code queued} waiting; each cycle queues a newcomer and releases the oldest running execution, which promotes
 * the head of the queue, so the queue length stays constant.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AdmissionBookBenchmark {

    @Param("1000")
    public int queued;

    private final List<Gate> gates = List.of(
            new ConcurrencyGate(AdmissionBenchmark.KEY, AdmissionBenchmark.LIMIT, ConcurrencyBehavior.DELAY));
    private AdmissionBook withRoom;
    private AdmissionBook backlog;
    private final ArrayDeque<Long> running = new ArrayDeque<>();
    private long next;

    @Setup
    public void setUp() {
        withRoom = new AdmissionBook();
        backlog = new AdmissionBook();
        running.clear();
        next = 1;
        for (int i = 0; i < AdmissionBenchmark.LIMIT + queued; i++) {
            long execution = next++;
            if (backlog.request(execution, gates, AdmissionBenchmark.NOW) instanceof AdmissionDecision.Admitted) {
                running.add(execution);
            }
        }
        int waiting = backlog.state(AdmissionBenchmark.KEY).queue().size();
        if (running.size() != AdmissionBenchmark.LIMIT || waiting != queued) {
            throw new IllegalStateException("backlog not set up: " + backlog.state(AdmissionBenchmark.KEY));
        }
    }

    /** Request on a key with room (admitted), then release (nobody waiting). */
    @Benchmark
    public void requestReleaseCycleWithRoom(Blackhole blackhole) {
        long execution = next++;
        blackhole.consume(withRoom.request(execution, gates, AdmissionBenchmark.NOW));
        blackhole.consume(withRoom.release(execution, AdmissionBenchmark.NOW));
    }

    /** Request behind {@code queued} (queued), then release the oldest running one (promotes the head). */
    @Benchmark
    public void requestReleaseCycleUnderBacklog(Blackhole blackhole) {
        blackhole.consume(backlog.request(next++, gates, AdmissionBenchmark.NOW));
        List<Long> promoted = backlog.release(running.poll(), AdmissionBenchmark.NOW);
        running.addAll(promoted);
        blackhole.consume(promoted);
    }
}
