package io.attune.adapters.amqp;

import java.sql.SQLException;
import java.sql.SQLTransientException;

/**
 * Whether a failure to handle a delivery is the database's passing state rather than anything of the message: no
 * connection within the pool's timeout ({@link SQLTransientException}), a deadlock or serialization failure the
 * database broke (SQL state class {@code 40}), a lost connection (class {@code 08}). Such a failure is retried
 * without counting toward the delivery's attempts, so a busy database never dead-letters a message that would
 * succeed (docs/reliability.md, finding 4).
 */
final class TransientFailures {

    private TransientFailures() {
    }

    static boolean isTransient(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("40") || sql.getSQLState().startsWith("08"))) {
                return true;
            }
        }
        return false;
    }
}
