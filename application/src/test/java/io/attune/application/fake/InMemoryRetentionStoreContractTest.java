package io.attune.application.fake;

import io.attune.application.contract.RetentionStoreContract;
import io.attune.application.port.out.RetentionStore;
import io.attune.application.port.out.TransactionRunner;
import java.time.Instant;

/** The in-memory fake held to the same contract as the PostgreSQL adapter. */
class InMemoryRetentionStoreContractTest extends RetentionStoreContract {

    private final InMemoryStore store = new InMemoryStore();
    private final InMemoryTransactionRunner tx = new InMemoryTransactionRunner(store);
    private final InMemoryRetentionStore retention = new InMemoryRetentionStore();

    @Override
    protected TransactionRunner transactions() {
        return tx;
    }

    @Override
    protected void resetStorage() {
        retention.clear();
    }

    @Override
    protected RetentionStore store() {
        return retention;
    }

    @Override
    protected long event(Instant createdAt) {
        return retention.event(createdAt);
    }

    @Override
    protected long enforcement(long eventId, boolean settled, Instant createdAt) {
        return retention.enforcement(eventId, settled, createdAt);
    }

    @Override
    protected long execution(Long parentId, Long enforcementId, Instant createdAt, Instant finishedAt) {
        return retention.execution(parentId, enforcementId, createdAt, finishedAt);
    }

    @Override
    protected void audit(Instant at) {
        retention.audit(at);
    }

    @Override
    protected void outbox(Instant createdAt) {
        retention.outbox(createdAt);
    }

    @Override
    protected boolean eventExists(long id) {
        return retention.eventExists(id);
    }

    @Override
    protected boolean enforcementExists(long id) {
        return retention.enforcementExists(id);
    }

    @Override
    protected boolean executionExists(long id) {
        return retention.executionExists(id);
    }

    @Override
    protected long auditCount() {
        return retention.auditCount();
    }

    @Override
    protected long outboxCount() {
        return retention.outboxCount();
    }

    @Override
    protected void deadLetter(Instant createdAt) {
        retention.deadLetter(createdAt);
    }

    @Override
    protected long deadLetterCount() {
        return retention.deadLetterCount();
    }
}
