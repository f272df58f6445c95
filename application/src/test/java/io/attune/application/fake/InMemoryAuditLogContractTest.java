package io.attune.application.fake;

import io.attune.application.contract.AuditLogContract;
import io.attune.application.port.out.AuditLog;
import io.attune.application.port.out.TransactionRunner;

/** The in-memory fake held to the same contract as the PostgreSQL adapter. */
class InMemoryAuditLogContractTest extends AuditLogContract {

    private final InMemoryStore store = new InMemoryStore();
    private final InMemoryTransactionRunner tx = new InMemoryTransactionRunner(store);
    private final InMemoryAuditLog audit = new InMemoryAuditLog();

    @Override
    protected TransactionRunner transactions() {
        return tx;
    }

    @Override
    protected void resetStorage() {
        audit.clear();
    }

    @Override
    protected AuditLog audit() {
        return audit;
    }
}
