package io.attune.adapters.postgres;

import io.attune.application.contract.IdempotencyKeysContract;
import io.attune.application.port.out.IdempotencyKeys;
import io.attune.application.port.out.TransactionRunner;

/** The IdempotencyKeysContract run by the PostgreSQL adapter's beans on a real PostgreSQL. */
class PostgresIdempotencyKeysContractTest extends IdempotencyKeysContract {

    @Override
    protected TransactionRunner transactions() {
        return TestDatabase.bean(TransactionRunner.class);
    }

    @Override
    protected void resetStorage() {
        TestDatabase.reset();
    }

    @Override
    protected IdempotencyKeys keys() {
        return TestDatabase.bean(IdempotencyKeys.class);
    }
}
