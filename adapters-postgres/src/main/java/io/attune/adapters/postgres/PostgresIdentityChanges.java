package io.attune.adapters.postgres;

import io.attune.application.port.out.IdentityChanges;
import io.micronaut.context.annotation.Bean;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Changes of users and API keys heard through PostgreSQL's {@code LISTEN attune_identity} (V35's triggers notify at
 * commit, whichever instance or client made the change). One session of the pool is kept listening on a thread of its
 * own; when it is quiet for {@link #CHECK_MILLIS} the session is checked, so a broken one is noticed within seconds.
 * A lost session makes the feed not {@link #live} (and says so to the subscribers) until a new one listens again.
 */
@Singleton
@Bean(preDestroy = "close")
public final class PostgresIdentityChanges implements IdentityChanges, AutoCloseable {

    static final String CHANNEL = "attune_identity";
    /** The listening session's name in {@code pg_stat_activity}. */
    static final String SESSION_NAME = "attune-identity-changes";
    private static final System.Logger LOG = System.getLogger(PostgresIdentityChanges.class.getName());
    private static final int CHECK_MILLIS = 2_000;
    private static final long RETRY_MILLIS = 1_000;

    private final DataSource dataSource;
    private final List<Runnable> subscribers = new CopyOnWriteArrayList<>();
    private final Thread listener;
    private volatile boolean live;
    private volatile boolean closed;

    PostgresIdentityChanges(DataSource dataSource, DataSourceResolver resolver) {
        // the pool itself, not the transaction-aware proxy: this session lives outside every transaction
        this.dataSource = resolver.resolve(dataSource);
        this.listener = Thread.ofPlatform().daemon().name("attune-identity-changes").start(this::listen);
    }

    @Override
    public void subscribe(Runnable changed) {
        subscribers.add(changed);
    }

    @Override
    public boolean live() {
        return live;
    }

    private void listen() {
        while (!closed) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try {
                    hear(connection); // returns only once closed
                } finally {
                    unlisten(connection);
                }
            } catch (SQLException | RuntimeException e) {
                lost(e);
            }
            if (!closed) {
                pause();
            }
        }
    }

    /** Listens until the session breaks or the feed is closed. */
    private void hear(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("SET application_name = '" + SESSION_NAME + "'");
            s.execute("LISTEN " + CHANNEL);
        }
        PGConnection session = connection.unwrap(PGConnection.class);
        live = true;
        announce(); // whatever changed while nobody listened
        while (!closed) {
            PGNotification[] heard = session.getNotifications(CHECK_MILLIS);
            if (heard != null && heard.length > 0) {
                announce();
            } else if (!closed && !connection.isValid(2)) {
                throw new SQLException("the listening session ended");
            }
        }
    }

    private void lost(Exception cause) {
        if (live) {
            live = false;
            if (!closed) {
                LOG.log(System.Logger.Level.WARNING, "stopped hearing changes of users and API keys ({0}):"
                        + " callers are read from the database until it listens again", cause.getMessage());
            }
            announce();
        }
    }

    private void announce() {
        for (Runnable subscriber : subscribers) {
            try {
                subscriber.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "a subscriber to identity changes failed", e);
            }
        }
    }

    /** A pooled session must not go on listening for whoever takes it next. */
    private static void unlisten(Connection connection) {
        try (Statement s = connection.createStatement()) {
            s.execute("UNLISTEN *");
            s.execute("RESET application_name");
        } catch (SQLException ignored) {
            // a broken session: the pool discards it
        }
    }

    private void pause() {
        try {
            Thread.sleep(RETRY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    /** Stops listening within {@link #CHECK_MILLIS}; nothing is kept by the subscribers from now on. */
    @Override
    public void close() {
        closed = true;
        live = false;
        announce();
        listener.interrupt();
    }
}
