package io.attune.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attune.application.contract.TransactionRunnerContract;
import io.attune.application.port.out.KeyRepository;
import io.attune.application.port.out.TransactionRunner;
import io.attune.domain.key.Key;
import io.attune.domain.key.KeyScope;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The TransactionRunnerContract run by the PostgreSQL adapter's beans on a real PostgreSQL, and what the adapter's
 * statements inside a transaction must keep although they use its connection directly: a failed statement dooms the
 * whole transaction, even when the work catches its failure, and the commit says so instead of returning.
 */
class PostgresTransactionRunnerContractTest extends TransactionRunnerContract {

    @Override
    protected TransactionRunner transactions() {
        return TestDatabase.bean(TransactionRunner.class);
    }

    @Override
    protected void resetStorage() {
        TestDatabase.reset();
    }

    @Override
    protected KeyRepository keys() {
        return TestDatabase.bean(KeyRepository.class);
    }

    @Test
    void aFailedStatementWhoseFailureTheWorkCatchesStillRollsTheWholeTransactionBack() {
        Jdbc jdbc = TestDatabase.bean(Jdbc.class);
        assertThatThrownBy(() -> transactions().run(() -> {
            keys().put(new Key("written-before", new KeyScope.System(), "1", false, Optional.empty()));
            try {
                jdbc.write(c -> Jdbc.update(c, "SELECT 1 / 0"));
            } catch (PersistenceException expected) {
                // caught, as code that tries something and goes on would
            }
        })).as("the commit of a doomed transaction fails").isInstanceOf(RuntimeException.class);

        assertThat(transactions().readOnly(() -> keys().find("written-before", new KeyScope.System()))).isEmpty();
    }
}
