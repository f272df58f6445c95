package io.attune.application.fake;

import io.attune.application.contract.DeadLetterRepositoryContract;
import io.attune.application.port.out.DeadLetterRepository;
import io.attune.application.port.out.TransactionRunner;

/** The in-memory fake held to the same contract as the PostgreSQL adapter. */
class InMemoryDeadLetterRepositoryContractTest extends DeadLetterRepositoryContract {

    private final InMemoryStore store = new InMemoryStore();
    private final InMemoryTransactionRunner tx = new InMemoryTransactionRunner(store);
    private final InMemoryDeadLetters letters = new InMemoryDeadLetters();

    @Override
    protected TransactionRunner transactions() {
        return tx;
    }

    @Override
    protected void resetStorage() {
        letters.clear();
    }

    @Override
    protected DeadLetterRepository letters() {
        return letters;
    }
}
