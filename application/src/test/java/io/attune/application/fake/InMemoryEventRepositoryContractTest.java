package io.attune.application.fake;

import io.attune.application.contract.EventRepositoryContract;
import io.attune.application.port.out.EventRepository;
import io.attune.application.port.out.TransactionRunner;

/** The in-memory fake held to the same contract as the PostgreSQL adapter. */
class InMemoryEventRepositoryContractTest extends EventRepositoryContract {

    private final InMemoryStore store = new InMemoryStore();
    private final InMemoryTransactionRunner tx = new InMemoryTransactionRunner(store);
    private final InMemoryEvents events = new InMemoryEvents();

    @Override
    protected TransactionRunner transactions() {
        return tx;
    }

    @Override
    protected void resetStorage() {
        events.clear();
    }

    @Override
    protected EventRepository events() {
        return events;
    }
}
