package io.attune.application.fake;

import io.attune.application.contract.SensorStateRepositoryContract;
import io.attune.application.port.out.SensorStateRepository;
import io.attune.application.port.out.TransactionRunner;

/** The in-memory fake held to the same contract as the PostgreSQL adapter. */
class InMemorySensorStateRepositoryContractTest extends SensorStateRepositoryContract {

    private final InMemoryStore store = new InMemoryStore();
    private final InMemoryTransactionRunner tx = new InMemoryTransactionRunner(store);
    private final InMemorySensorStates states = new InMemorySensorStates();

    @Override
    protected TransactionRunner transactions() {
        return tx;
    }

    @Override
    protected void resetStorage() {
        store.clear();
        states.clear();
    }

    @Override
    protected SensorStateRepository states() {
        return states;
    }
}
