package io.attune.adapters.postgres;

import io.attune.application.contract.TriggerRepositoryContract;
import io.attune.application.port.out.PackRepository;
import io.attune.application.port.out.TransactionRunner;
import io.attune.application.port.out.TriggerRepository;

/** The TriggerRepositoryContract run by the PostgreSQL adapter's beans on a real PostgreSQL. */
class PostgresTriggerRepositoryContractTest extends TriggerRepositoryContract {

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
    protected TriggerRepository triggers() {
        return TestDatabase.bean(TriggerRepository.class);
    }
}
