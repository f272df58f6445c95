package io.attune.adapters.postgres;

import io.attune.application.contract.IdentityRepositoryContract;
import io.attune.application.port.out.IdentityRepository;
import io.attune.application.port.out.TransactionRunner;

/** The IdentityRepositoryContract run by the PostgreSQL adapter's beans on a real PostgreSQL. */
class PostgresIdentityRepositoryContractTest extends IdentityRepositoryContract {

    @Override
    protected TransactionRunner transactions() {
        return TestDatabase.bean(TransactionRunner.class);
    }

    @Override
    protected void resetStorage() {
        TestDatabase.reset();
    }

    @Override
    protected IdentityRepository identities() {
        return TestDatabase.bean(IdentityRepository.class);
    }
}
