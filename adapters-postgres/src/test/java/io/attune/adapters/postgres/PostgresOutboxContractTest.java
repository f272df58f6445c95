package io.attune.adapters.postgres;

import io.attune.application.contract.OutboxContract;
import io.attune.application.port.out.Outbox;
import io.attune.application.port.out.TransactionRunner;

/** The OutboxContract run by the PostgreSQL adapter's beans on a real PostgreSQL. */
class PostgresOutboxContractTest extends OutboxContract {

    @Override
    protected TransactionRunner transactions() {
        return TestDatabase.bean(TransactionRunner.class);
    }

    @Override
    protected void resetStorage() {
        TestDatabase.reset();
    }

    @Override
    protected Outbox outbox() {
        return TestDatabase.bean(Outbox.class);
    }
}
