package io.attune.application.fake;

import io.attune.application.contract.IdempotencyKeysContract;
import io.attune.application.port.out.IdempotencyKeys;
import io.attune.application.port.out.TransactionRunner;

/** The in-memory fake held to the same contract as the PostgreSQL adapter. */
class InMemoryIdempotencyKeysContractTest extends IdempotencyKeysContract {

    private final InMemoryStore store = new InMemoryStore();
    private final InMemoryTransactionRunner tx = new InMemoryTransactionRunner(store);
    private final InMemoryIdempotencyKeys keys = new InMemoryIdempotencyKeys();

    @Override
    protected TransactionRunner transactions() {
        return tx;
    }

    @Override
    protected void resetStorage() {
        keys.clear();
    }

    @Override
    protected IdempotencyKeys keys() {
        return keys;
    }
}
