package io.attune.application.fake;

import io.attune.application.contract.TimerStateRepositoryContract;
import io.attune.application.port.out.TimerStateRepository;
import io.attune.application.port.out.TransactionRunner;

/** The in-memory fake held to the same contract as the PostgreSQL adapter. */
class InMemoryTimerStateRepositoryContractTest extends TimerStateRepositoryContract {

    private final InMemoryStore store = new InMemoryStore();
    private final InMemoryTransactionRunner tx = new InMemoryTransactionRunner(store);
    private final InMemoryTimerStates timers = new InMemoryTimerStates();

    @Override
    protected TransactionRunner transactions() {
        return tx;
    }

    @Override
    protected void resetStorage() {
        timers.clear();
    }

    @Override
    protected TimerStateRepository timers() {
        return timers;
    }
}
