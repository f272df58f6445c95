package io.attune.application.fake;

import io.attune.application.contract.EnforcementRepositoryContract;
import io.attune.application.port.out.EnforcementRepository;
import io.attune.application.port.out.EventRepository;
import io.attune.application.port.out.ExecutionRepository;
import io.attune.application.port.out.TransactionRunner;

/** The in-memory fake held to the same contract as the PostgreSQL adapter. */
class InMemoryEnforcementRepositoryContractTest extends EnforcementRepositoryContract {

    private final InMemoryStore store = new InMemoryStore();
    private final InMemoryTransactionRunner tx = new InMemoryTransactionRunner(store);
    private final InMemoryEvents events = new InMemoryEvents();
    private final InMemoryEnforcements enforcements = new InMemoryEnforcements();
    private final InMemoryExecutions executions = new InMemoryExecutions();

    @Override
    protected TransactionRunner transactions() {
        return tx;
    }

    @Override
    protected void resetStorage() {
        events.clear();
        enforcements.clear();
        executions.clear();
    }

    @Override
    protected EnforcementRepository enforcements() {
        return enforcements;
    }

    @Override
    protected EventRepository events() {
        return events;
    }

    @Override
    protected ExecutionRepository executions() {
        return executions;
    }
}
