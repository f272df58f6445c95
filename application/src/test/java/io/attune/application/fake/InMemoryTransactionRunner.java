package io.attune.application.fake;

import io.attune.application.port.out.TransactionRunner;
import java.util.function.Supplier;

/** Transactions over the in-memory store: one at a time, rolled back to a snapshot when the work throws. */
public final class InMemoryTransactionRunner implements TransactionRunner {

    private final InMemoryStore store;
    private final ThreadLocal<Boolean> active = ThreadLocal.withInitial(() -> false);

    public InMemoryTransactionRunner(InMemoryStore store) {
        this.store = store;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (active.get()) {
            return work.get();
        }
        synchronized (store) {
            InMemoryStore.Snapshot before = store.snapshot();
            active.set(true);
            try {
                return work.get();
            } catch (RuntimeException | Error e) {
                store.restore(before);
                throw e;
            } finally {
                active.set(false);
            }
        }
    }

    @Override
    public <T> T readOnly(Supplier<T> work) {
        return inTransaction(work);
    }
}
