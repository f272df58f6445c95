package io.attune.adapters.postgres;

import io.attune.application.contract.AdmissionLedgerContract;
import io.attune.application.port.out.AdmissionLedger;
import io.attune.application.port.out.ExecutionRepository;
import io.attune.application.port.out.PackRepository;
import io.attune.application.port.out.TransactionRunner;

/** The AdmissionLedgerContract run by the PostgreSQL adapter's beans on a real PostgreSQL. */
class PostgresAdmissionLedgerContractTest extends AdmissionLedgerContract {

    @Override
    protected TransactionRunner transactions() {
        return TestDatabase.bean(TransactionRunner.class);
    }

    @Override
    protected void resetStorage() {
        TestDatabase.reset();
    }

    @Override
    protected AdmissionLedger ledger() {
        return TestDatabase.bean(AdmissionLedger.class);
    }

    @Override
    protected ExecutionRepository executions() {
        return TestDatabase.bean(ExecutionRepository.class);
    }

    @Override
    protected PackRepository packs() {
        return TestDatabase.bean(PackRepository.class);
    }
}
