package io.attune.application.service;

import io.attune.application.port.in.AuditTrail;
import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.application.port.out.AuditLog;
import io.attune.application.port.out.TransactionRunner;
import io.attune.domain.audit.AuditEntry;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The audit trail: {@link #record} queues an entry and returns; one writer thread appends what is queued in batches
 * (one transaction each), so auditing adds no database round trip to the request it records. The writer waits
 * {@link #LINGER} after the first entry of a batch for more, so a busy API writes the trail in a few transactions a
 * second instead of one per request or two. {@link #flush} writes what is queued at once (listing, tests, shutdown).
 */
public final class AuditService implements AuditTrail, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(AuditService.class.getName());
    private static final int BATCH = 500;
    /** How long the writer gathers entries after the first of a batch. */
    static final Duration LINGER = Duration.ofMillis(100);

    private final AuditLog log;
    private final TransactionRunner tx;
    private final BlockingQueue<AuditEntry> queued = new LinkedBlockingQueue<>();
    /** The first entry of the batch the writer is gathering, written before the queued ones. Guarded by this. */
    private final List<AuditEntry> gathering = new ArrayList<>();
    private final Thread writer;
    private volatile boolean closed;

    public AuditService(AuditLog log, TransactionRunner tx) {
        this.log = log;
        this.tx = tx;
        this.writer = Thread.ofPlatform().daemon().name("attune-audit").start(this::writeLoop);
    }

    @Override
    public void record(AuditEntry entry) {
        queued.add(entry);
    }

    @Override
    public Page<AuditEntry> list(AuditFilter filter, PageRequest page) {
        flush();
        return tx.readOnly(() -> log.list(filter, page));
    }

    /** Writes every queued entry now. */
    public synchronized void flush() {
        List<AuditEntry> batch = new ArrayList<>(gathering);
        gathering.clear();
        while (queued.drainTo(batch, BATCH - batch.size()) > 0 || !batch.isEmpty()) {
            write(batch);
            batch.clear();
        }
    }

    private void writeLoop() {
        while (!closed) {
            try {
                AuditEntry first = queued.poll(200, TimeUnit.MILLISECONDS);
                if (first != null) {
                    synchronized (this) {
                        gathering.add(first);
                    }
                    Thread.sleep(LINGER);
                    flush();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void write(List<AuditEntry> batch) {
        try {
            tx.run(() -> log.append(batch));
        } catch (RuntimeException e) {
            for (AuditEntry entry : batch) {
                LOG.log(Level.ERROR, "audit entry not stored ({0}): {1} {2} {3} by {4}: {5}", e.getMessage(),
                        entry.at(), entry.action(), entry.target(), entry.actor(), entry.outcome());
            }
        }
    }

    /** Stops the writer after writing what is queued. */
    @Override
    public void close() {
        closed = true;
        writer.interrupt();
        flush();
    }
}
