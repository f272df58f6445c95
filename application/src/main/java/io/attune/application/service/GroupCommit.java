package io.attune.application.service;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Group commit: callers that arrive while a batch is being written wait for the next one, and each batch is written
 * in one transaction by one of a few committer threads, so that under load many requests share one commit (and one
 * round of broker confirms) while a lone request is written at once, without waiting for company.
 *
 * <p>{@code batch} gets the inputs in arrival order and returns one outcome per input (a refused input is an outcome,
 * not a failure of the batch). If the batch as a whole throws (a failure, or {@link BatchFailed} when one input
 * cannot be written with the others), every caller runs {@code single} for its own input, so that one input that
 * cannot be written holds up no other and each caller sees its own failure.
 */
public final class GroupCommit<I, O> implements AutoCloseable {

    /** The outcome for one input of a batch. */
    public sealed interface Outcome<O> {
        /** Written. */
        record Done<O>(O value) implements Outcome<O> {
        }

        /** Refused, nothing of it written; thrown to its caller. */
        record Refused<O>(RuntimeException error) implements Outcome<O> {
        }
    }

    /**
     * Thrown by a batch to fail it as a whole (its transaction rolls back) when one input cannot be written with the
     * others; every caller then runs {@code single} for its own input.
     */
    public static final class BatchFailed extends RuntimeException {
        public BatchFailed(String why) {
            super(why, null, false, false);
        }
    }

    private final Function<List<I>, List<Outcome<O>>> batch;
    private final Function<I, O> single;
    private final int maxBatch;
    private final BlockingQueue<Waiting<I, O>> waiting = new LinkedBlockingQueue<>();
    private final List<Thread> committers = new ArrayList<>();
    private volatile boolean closed;

    public GroupCommit(String name, int committers, int maxBatch, Function<List<I>, List<Outcome<O>>> batch,
                       Function<I, O> single) {
        if (committers < 1 || maxBatch < 1) {
            throw new IllegalArgumentException("committers and maxBatch must be at least 1");
        }
        this.batch = batch;
        this.single = single;
        this.maxBatch = maxBatch;
        for (int i = 0; i < committers; i++) {
            Thread t = Thread.ofPlatform().daemon().name(name + "-" + i).start(this::commitLoop);
            this.committers.add(t);
        }
    }

    /** Writes {@code input} with the next batch and returns its outcome; throws what refused it. */
    public O submit(I input) {
        if (closed) {
            return single.apply(input);
        }
        Waiting<I, O> mine = new Waiting<>(input, new CompletableFuture<>());
        waiting.add(mine);
        if (closed && waiting.remove(mine)) {
            return single.apply(input);
        }
        Outcome<O> outcome;
        try {
            outcome = mine.outcome().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a group commit", e);
        } catch (ExecutionException e) {
            outcome = null; // the batch failed as a whole
        }
        return switch (outcome) {
            case null -> single.apply(input);
            case Outcome.Done<O> done -> done.value();
            case Outcome.Refused<O> refused -> throw refused.error();
        };
    }

    private void commitLoop() {
        List<Waiting<I, O>> taken = new ArrayList<>();
        while (!closed || !waiting.isEmpty()) {
            try {
                Waiting<I, O> first = waiting.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                taken.add(first);
                waiting.drainTo(taken, maxBatch - 1);
                try {
                    List<Outcome<O>> outcomes = batch.apply(taken.stream().map(Waiting::input).toList());
                    if (outcomes.size() != taken.size()) {
                        throw new IllegalStateException("a batch of " + taken.size() + " gave " + outcomes.size() + " outcomes");
                    }
                    for (int i = 0; i < taken.size(); i++) {
                        taken.get(i).outcome().complete(outcomes.get(i));
                    }
                } catch (RuntimeException e) {
                    taken.forEach(w -> w.outcome().completeExceptionally(e));
                }
                taken.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Stops taking batches; what waits is written by its callers, one by one. */
    @Override
    public void close() {
        closed = true;
        List<Waiting<I, O>> left = new ArrayList<>();
        waiting.drainTo(left);
        left.forEach(w -> w.outcome().completeExceptionally(new IllegalStateException("closed")));
    }

    private record Waiting<I, O>(I input, CompletableFuture<Outcome<O>> outcome) {
    }
}
