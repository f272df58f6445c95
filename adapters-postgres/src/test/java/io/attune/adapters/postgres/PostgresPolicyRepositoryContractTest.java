package io.attune.adapters.postgres;

import io.attune.application.contract.PolicyRepositoryContract;
import io.attune.application.port.out.PackRepository;
import io.attune.application.port.out.PolicyRepository;
import io.attune.application.port.out.TransactionRunner;

/** The PolicyRepositoryContract run by the PostgreSQL adapter's beans on a real PostgreSQL. */
class PostgresPolicyRepositoryContractTest extends PolicyRepositoryContract {

    @Override
    protected TransactionRunner transactions() {
        return TestDatabase.bean(TransactionRunner.class);
    }

    @Override
    protected void resetStorage() {
        TestDatabase.reset();
    }

    @Override
    protected PackRepository packs() {
        return TestDatabase.bean(PackRepository.class);
    }

    @Override
    protected PolicyRepository policies() {
        return TestDatabase.bean(PolicyRepository.class);
    }
}
