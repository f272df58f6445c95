package io.attune.application.contract;

import io.attune.application.port.out.TransactionRunner;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;

/**
 * The base of every out-port contract: a backend (the PostgreSQL adapter, the in-memory fakes) extends a contract,
 * hands over its port instances and empties its storage before each test. The tests call the ports the way the
 * services do: writes inside {@code inTransaction}, reads inside {@code readOnly}.
 */
public abstract class StorageContract {

    /** The backend's transaction runner; the repositories under test must take part in its transactions. */
    protected abstract TransactionRunner transactions();

    /** Removes everything the ports store, so that each test starts from empty storage. */
    protected abstract void resetStorage();

    @BeforeEach
    final void startFromEmptyStorage() {
        resetStorage();
    }

    protected final <T> T write(Supplier<T> work) {
        return transactions().inTransaction(work);
    }

    protected final void write(Runnable work) {
        transactions().run(work);
    }

    protected final <T> T read(Supplier<T> work) {
        return transactions().readOnly(work);
    }
}
