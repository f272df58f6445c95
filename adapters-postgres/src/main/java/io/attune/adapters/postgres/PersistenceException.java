package io.attune.adapters.postgres;

/** A failure of the database behind a port (connection, SQL, transaction), so that no JDBC or Micronaut type leaks out. */
public final class PersistenceException extends IllegalStateException {

    public PersistenceException(String message, Throwable cause) {
        super(message, cause);
    }

    public PersistenceException(String message) {
        super(message);
    }
}
