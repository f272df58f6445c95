package io.attune.adapters.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class TransientFailuresTest {

    @Test
    void aDeadlockASerializationFailureALostConnectionAndAPoolTimeoutArePassing() {
        assertThat(TransientFailures.isTransient(new IllegalStateException("database error: ERROR: deadlock detected",
                new SQLException("ERROR: deadlock detected", "40P01")))).isTrue();
        assertThat(TransientFailures.isTransient(new SQLException("could not serialize access", "40001"))).isTrue();
        assertThat(TransientFailures.isTransient(new RuntimeException(new SQLException("connection lost", "08006"))))
                .isTrue();
        assertThat(TransientFailures.isTransient(new IllegalStateException("Failed to obtain JDBC Connection",
                new SQLTransientConnectionException("request timed out after 10000ms")))).isTrue();
    }

    @Test
    void anyOtherFailureCounts() {
        assertThat(TransientFailures.isTransient(new IllegalStateException("enforcing 7 failed"))).isFalse();
        assertThat(TransientFailures.isTransient(new IllegalStateException("database error",
                new SQLException("ERROR: syntax error", "42601")))).isFalse();
        assertThat(TransientFailures.isTransient(new SQLException("no state"))).isFalse();
    }
}
