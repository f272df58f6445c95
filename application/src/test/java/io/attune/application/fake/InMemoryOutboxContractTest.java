package io.attune.application.fake;

import io.attune.application.contract.OutboxContract;
import io.attune.application.port.out.Outbox;
import io.attune.application.port.out.TransactionRunner;

/** The in-memory fakes held to the same contract as the PostgreSQL adapter. */
class InMemoryOutboxContractTest extends OutboxContract {

    private final InMemoryStore store = new InMemoryStore();
    private final InMemoryTransactionRunner tx = new InMemoryTransactionRunner(store);
    private final InMemoryOutbox outbox = new InMemoryOutbox();

    @Override
    protected TransactionRunner transactions() {
        return tx;
    }

    @Override
    protected void resetStorage() {
        store.clear();
        outbox.clear();
    }

    @Override
    protected Outbox outbox() {
        return outbox;
    }
}
