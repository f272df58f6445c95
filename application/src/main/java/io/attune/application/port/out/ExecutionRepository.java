package io.attune.application.port.out;

import io.attune.application.port.in.ExecutionQueries.ExecutionFilter;
import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.domain.execution.Execution;
import io.attune.domain.execution.ExecutionStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Stored executions. Status changes are compare-and-set, so a duplicated message never applies twice. */
public interface ExecutionRepository {

    /** Stores a new execution (its id is ignored) and returns it with the id it was given. */
    Execution insert(Execution execution);

    Optional<Execution> find(long id);

    /** Newest first. */
    Page<Execution> list(ExecutionFilter filter, PageRequest page);

    /**
     * The same items as {@link #list}, {@code limit} of them from {@code offset}, without counting the total (which
     * costs every matching row); a store that counts cheaply may keep this default.
     */
    default List<Execution> slice(ExecutionFilter filter, int limit, int offset) {
        return list(filter, new PageRequest(Math.min(limit, PageRequest.MAX_LIMIT), offset)).items();
    }

    /**
     * Writes {@code next} (status, result, output, times, worker, lease) if the stored execution is still in
     * {@code expected}; returns false, writing nothing, otherwise.
     */
    boolean update(Execution next, ExecutionStatus expected);

    /** Every child of a workflow execution, oldest first. */
    List<Execution> children(long parent);

    /** The children of a workflow execution that ran attempt {@code attempt} of run {@code run}, in item order. */
    List<Execution> taskChildren(long parent, int run, int attempt);

    /** Renews the lease of executions a worker still runs; returns how many rows it touched. */
    int renewLeases(String worker, List<Long> executions, Instant until);

    /** Ids of non-terminal executions whose lease ended before {@code now}, oldest lease first. */
    List<Long> expiredLeases(Instant now, int limit);

    /**
     * Ids of retries still {@code requested} whose delay is over ({@code notBefore} at or before {@code now}), earliest
     * first, at most {@code limit}; locked until the caller's transaction ends, skipping those another transaction
     * holds, so executors share the work without taking one twice.
     */
    List<Long> dueRetries(Instant now, int limit);

    /** The retry made of execution {@code id}, if one was. */
    java.util.OptionalLong retriedBy(long id);

    /**
     * The retry made of each of these executions that has one, by the retried execution's id: what {@link #retriedBy}
     * answers for each, for a whole page at once; a store that looks one up cheaply may keep this default.
     */
    default java.util.Map<Long, Long> retriedBy(java.util.Collection<Long> ids) {
        java.util.Map<Long, Long> retries = new java.util.HashMap<>();
        for (long id : ids) {
            retriedBy(id).ifPresent(retry -> retries.put(id, retry));
        }
        return retries;
    }
}
