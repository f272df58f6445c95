package io.attune.application.port.out;

import io.attune.application.port.in.ExecutionQueries.WorkerView;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Registered workers and their heartbeats. */
public interface WorkerRepository {

    /** Registers (or re-registers) a worker as active. */
    void register(String name, String host, Set<String> runtimes, int capacity, Instant at);

    /** Records a heartbeat; returns false if the worker is not registered. */
    boolean heartbeat(String name, Instant at);

    /** Marks a worker stopped (orderly shutdown). */
    void stopped(String name, Instant at);

    /** Workers by name, with their status and how many executions each is running. */
    List<WorkerView> list();
}
