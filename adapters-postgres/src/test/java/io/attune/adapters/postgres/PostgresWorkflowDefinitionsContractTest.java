package io.attune.adapters.postgres;

import io.attune.application.contract.WorkflowDefinitionsContract;
import io.attune.application.port.out.PackRepository;
import io.attune.application.port.out.TransactionRunner;
import io.attune.application.port.out.WorkflowDefinitions;

/** The WorkflowDefinitionsContract run by the PostgreSQL adapter's beans on a real PostgreSQL. */
class PostgresWorkflowDefinitionsContractTest extends WorkflowDefinitionsContract {

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
    protected WorkflowDefinitions workflows() {
        return TestDatabase.bean(WorkflowDefinitions.class);
    }
}
