package io.attune.adapters.amqp;

import io.attune.application.port.in.WorkerDuties;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** A worker that records what the broker asked of it, and fails the takes it is told to. */
@Singleton
public class RecordingWorkerDuties implements WorkerDuties {

    final Queue<Long> takes = new ConcurrentLinkedQueue<>();
    final Queue<Long> cancels = new ConcurrentLinkedQueue<>();
    /** Execution id → how many more takes of it throw. */
    final Map<Long, AtomicInteger> failures = new ConcurrentHashMap<>();
    /** Execution id → a gate its take waits at. */
    final Map<Long, CountDownLatch> gates = new ConcurrentHashMap<>();

    /** What {@link #hasRoom} answers. */
    volatile boolean room = true;

    @Override
    public boolean hasRoom() {
        return room;
    }

    @Override
    public boolean take(long execution) {
        takes.add(execution);
        CountDownLatch gate = gates.get(execution);
        if (gate != null) {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        AtomicInteger remaining = failures.get(execution);
        if (remaining != null && remaining.getAndDecrement() > 0) {
            throw new IllegalStateException("take of " + execution + " failed on purpose");
        }
        return true;
    }

    @Override
    public void cancel(long execution) {
        cancels.add(execution);
    }

    void failTimes(long execution, int times) {
        failures.put(execution, new AtomicInteger(times));
    }

    List<Long> takesOf(long execution) {
        return takes.stream().filter(id -> id == execution).toList();
    }

    boolean tookAny(Set<Long> executions) {
        return takes.stream().anyMatch(executions::contains);
    }
}
