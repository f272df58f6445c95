package io.attune.adapters.postgres;

import io.attune.application.port.out.TransactionRunner;
import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.exceptions.TransactionException;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.function.Supplier;

/**
 * TransactionRunner on Micronaut's JDBC transaction manager (propagation REQUIRED: a nested call joins the
 * transaction already bound to the thread, and its failure marks the whole transaction for rollback). A read-only
 * transaction sets the connection read-only, which PostgreSQL enforces. The repositories of this adapter use the
 * transaction's connection directly ({@link Jdbc#bound}), as a call joining it through the manager would.
 */
@Singleton
public final class PostgresTransactionRunner implements TransactionRunner {

    private final TransactionOperations<Connection> transactions;

    public PostgresTransactionRunner(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return run(TransactionDefinition.DEFAULT, work);
    }

    @Override
    public <T> T readOnly(Supplier<T> work) {
        return run(TransactionDefinition.READ_ONLY, work);
    }

    private <T> T run(TransactionDefinition definition, Supplier<T> work) {
        try {
            return transactions.execute(definition, status -> Jdbc.bound(status, work));
        } catch (DataAccessException | ConnectionException | TransactionException e) {
            throw new PersistenceException("transaction failed: " + e.getMessage(), e);
        }
    }
}
