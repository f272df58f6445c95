package io.attune.adapters.postgres;

import io.attune.application.port.out.CatalogVersion;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.TransactionStatus;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.OptionalLong;

/**
 * The catalog's version from the one row of {@code catalog_version}, which triggers set at the commit of every
 * transaction that changes a pack, an action, a trigger, a rule or a policy (V27): one read per transaction, however
 * many lookups it makes. The repositories of this adapter that write the catalog call {@link #written()} in the writing
 * transaction, which from then on gets no version (its own changes are in no committed version yet).
 */
@Singleton
public final class PostgresCatalogVersion implements CatalogVersion {

    private final TransactionOperations<Connection> transactions;
    private final Jdbc jdbc;
    /**
     * Per thread, the transaction the version was last read in (its connection: the one object every call of a
     * transaction shares, nested ones included, and the pool hands out a new one per transaction) and what was read; no
     * version once that transaction wrote the catalog. Held strongly, so a later transaction's can never be the same.
     */
    private final ThreadLocal<Seen> seen = new ThreadLocal<>();

    private record Seen(Object transaction, OptionalLong version) {
    }

    PostgresCatalogVersion(TransactionOperations<Connection> transactions, Jdbc jdbc) {
        this.transactions = transactions;
        this.jdbc = jdbc;
    }

    @Override
    public OptionalLong current() {
        Object transaction = transaction();
        Seen last = seen.get();
        if (transaction != null && last != null && last.transaction() == transaction) {
            return last.version();
        }
        // no row only after the table was emptied by hand: a state of its own, which the next change leaves
        OptionalLong version = OptionalLong.of(jdbc.read(c -> Jdbc.one(c, "SELECT version FROM catalog_version",
                row -> row.getLong(1)).orElse(0L)));
        if (transaction == null) {
            seen.remove();
        } else {
            seen.set(new Seen(transaction, version));
        }
        return version;
    }

    /** The current transaction writes the catalog: {@link #current()} is empty until it ends. Call it inside that transaction. */
    void written() {
        Object transaction = transaction();
        if (transaction != null) {
            seen.set(new Seen(transaction, OptionalLong.empty()));
        }
    }

    private Object transaction() {
        return transactions.findTransactionStatus().<Object>map(TransactionStatus::getConnection).orElse(null);
    }
}
