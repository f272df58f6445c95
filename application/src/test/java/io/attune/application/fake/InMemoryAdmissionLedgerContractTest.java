package io.attune.application.fake;

import io.attune.application.contract.AdmissionLedgerContract;
import io.attune.application.port.out.AdmissionLedger;
import io.attune.application.port.out.ExecutionRepository;
import io.attune.application.port.out.PackRepository;
import io.attune.application.port.out.TransactionRunner;

/** The in-memory fakes held to the same contract as the PostgreSQL adapter. */
class InMemoryAdmissionLedgerContractTest extends AdmissionLedgerContract {

    private final InMemoryStore store = new InMemoryStore();
    private final InMemoryCatalog catalog = new InMemoryCatalog(store);
    private final InMemoryTransactionRunner tx = new InMemoryTransactionRunner(store);
    private final InMemoryExecutions executions = new InMemoryExecutions();
    private final InMemoryAdmissionLedger ledger = new InMemoryAdmissionLedger(catalog.policies());

    @Override
    protected TransactionRunner transactions() {
        return tx;
    }

    @Override
    protected void resetStorage() {
        store.clear();
        executions.clear();
        ledger.clear();
    }

    @Override
    protected AdmissionLedger ledger() {
        return ledger;
    }

    @Override
    protected ExecutionRepository executions() {
        return executions;
    }

    @Override
    protected PackRepository packs() {
        return catalog;
    }
}
