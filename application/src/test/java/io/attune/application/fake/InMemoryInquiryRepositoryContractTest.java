package io.attune.application.fake;

import io.attune.application.contract.InquiryRepositoryContract;
import io.attune.application.port.out.ExecutionRepository;
import io.attune.application.port.out.InquiryRepository;
import io.attune.application.port.out.TransactionRunner;

/** The in-memory inquiry fake held to the same contract as the PostgreSQL adapter. */
class InMemoryInquiryRepositoryContractTest extends InquiryRepositoryContract {

    private final InMemoryStore store = new InMemoryStore();
    private final InMemoryTransactionRunner tx = new InMemoryTransactionRunner(store);
    private final InMemoryExecutions executions = new InMemoryExecutions();
    private final InMemoryInquiries inquiries = new InMemoryInquiries();

    @Override
    protected TransactionRunner transactions() {
        return tx;
    }

    @Override
    protected void resetStorage() {
        store.clear();
        executions.clear();
        inquiries.clear();
    }

    @Override
    protected InquiryRepository inquiries() {
        return inquiries;
    }

    @Override
    protected ExecutionRepository executions() {
        return executions;
    }
}
