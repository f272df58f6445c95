package io.attune.adapters.postgres;

import io.attune.application.contract.AuditLogContract;
import io.attune.application.port.out.AuditLog;
import io.attune.application.port.out.TransactionRunner;

/** The AuditLogContract run by the PostgreSQL adapter's beans on a real PostgreSQL. */
class PostgresAuditLogContractTest extends AuditLogContract {

    @Override
    protected TransactionRunner transactions() {
        return TestDatabase.bean(TransactionRunner.class);
    }

    @Override
    protected void resetStorage() {
        TestDatabase.reset();
    }

    @Override
    protected AuditLog audit() {
        return TestDatabase.bean(AuditLog.class);
    }
}
