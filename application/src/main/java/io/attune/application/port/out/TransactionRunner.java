package io.attune.application.port.out;

import java.util.function.Supplier;

/** Runs work atomically: everything the supplier writes commits together, or nothing does. */
public interface TransactionRunner {

    /** Runs {@code work} in a read-write transaction; a RuntimeException rolls back and is rethrown. Nested calls join. */
    <T> T inTransaction(Supplier<T> work);

    /** Runs {@code work} in a read-only transaction (or joins the current one). */
    <T> T readOnly(Supplier<T> work);

    default void run(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }
}
