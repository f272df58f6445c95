package io.attune.adapters.postgres;

import io.attune.application.contract.InquiryRepositoryContract;
import io.attune.application.port.out.ExecutionRepository;
import io.attune.application.port.out.TransactionRunner;
import io.attune.application.port.out.InquiryRepository;

/** The InquiryRepositoryContract run by the PostgreSQL adapter's beans on a real PostgreSQL. */
class PostgresInquiryRepositoryContractTest extends InquiryRepositoryContract {

    @Override
    protected TransactionRunner transactions() {
        return TestDatabase.bean(TransactionRunner.class);
    }

    @Override
    protected void resetStorage() {
        TestDatabase.reset();
    }

    @Override
    protected InquiryRepository inquiries() {
        return TestDatabase.bean(InquiryRepository.class);
    }

    @Override
    protected ExecutionRepository executions() {
        return TestDatabase.bean(ExecutionRepository.class);
    }
}
