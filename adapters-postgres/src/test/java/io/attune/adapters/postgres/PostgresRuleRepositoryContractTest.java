package io.attune.adapters.postgres;

import io.attune.application.contract.RuleRepositoryContract;
import io.attune.application.port.out.PackRepository;
import io.attune.application.port.out.RuleRepository;
import io.attune.application.port.out.TransactionRunner;

/** The RuleRepositoryContract run by the PostgreSQL adapter's beans on a real PostgreSQL. */
class PostgresRuleRepositoryContractTest extends RuleRepositoryContract {

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
    protected RuleRepository rules() {
        return TestDatabase.bean(RuleRepository.class);
    }
}
