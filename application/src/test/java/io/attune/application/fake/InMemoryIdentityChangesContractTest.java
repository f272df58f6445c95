package io.attune.application.fake;

import io.attune.application.contract.IdentityChangesContract;
import io.attune.application.port.out.IdentityChanges;
import io.attune.application.port.out.IdentityRepository;
import io.attune.application.port.out.TransactionRunner;

/** The in-memory fake held to the same contract as the PostgreSQL adapter. */
class InMemoryIdentityChangesContractTest extends IdentityChangesContract {

    private final InMemoryStore store = new InMemoryStore();
    private final InMemoryTransactionRunner tx = new InMemoryTransactionRunner(store);
    private final InMemoryIdentities identities = new InMemoryIdentities();

    @Override
    protected TransactionRunner transactions() {
        return tx;
    }

    @Override
    protected void resetStorage() {
        identities.clear();
    }

    @Override
    protected IdentityChanges changes() {
        return identities.changes();
    }

    @Override
    protected IdentityRepository identities() {
        return identities;
    }
}
