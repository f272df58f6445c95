package io.attune.adapters.postgres;

import io.attune.application.contract.PackRepositoryContract;
import io.attune.application.port.out.ActionRepository;
import io.attune.application.port.out.PackRepository;
import io.attune.application.port.out.PolicyRepository;
import io.attune.application.port.out.RuleRepository;
import io.attune.application.port.out.SensorRepository;
import io.attune.application.port.out.TransactionRunner;
import io.attune.application.port.out.TriggerRepository;

/** The PackRepositoryContract run by the PostgreSQL adapter's beans on a real PostgreSQL. */
class PostgresPackRepositoryContractTest extends PackRepositoryContract {

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
    protected ActionRepository actions() {
        return TestDatabase.bean(ActionRepository.class);
    }

    @Override
    protected TriggerRepository triggers() {
        return TestDatabase.bean(TriggerRepository.class);
    }

    @Override
    protected SensorRepository sensors() {
        return TestDatabase.bean(SensorRepository.class);
    }

    @Override
    protected RuleRepository rules() {
        return TestDatabase.bean(RuleRepository.class);
    }

    @Override
    protected PolicyRepository policies() {
        return TestDatabase.bean(PolicyRepository.class);
    }
}
