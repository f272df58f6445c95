package io.attune.adapters.postgres;

import io.attune.application.port.out.Leadership;
import io.micronaut.context.annotation.Bean;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.CRC32;
import javax.sql.DataSource;

/**
 * Leadership through PostgreSQL session advisory locks ({@code pg_try_advisory_lock(class, duty)}), taken on one
 * connection this instance keeps for the purpose. When the instance dies its session ends and the lock goes with it;
 * another instance takes it at its next {@link #lead} call. Each call checks that the session still holds the lock
 * (a dropped connection loses the lead at once, never silently), and never blocks.
 */
@Singleton
@Bean(preDestroy = "close")
public final class PostgresLeadership implements Leadership, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(PostgresLeadership.class.getName());
    /** The advisory-lock class of Attune's duties ("Attu"): keeps them apart from other users of advisory locks. */
    private static final int LOCK_CLASS = 0x41747475;

    private final DataSource dataSource;
    private final Set<String> held = new HashSet<>();
    private Connection connection;

    PostgresLeadership(DataSource dataSource, DataSourceResolver resolver) {
        // the pool itself, not the transaction-aware proxy: this session lives outside every transaction
        this.dataSource = resolver.resolve(dataSource);
    }

    @Override
    public synchronized boolean lead(String duty) {
        int key = key(duty);
        try {
            Connection c = connection();
            if (held.contains(duty)) {
                if (holds(c, key)) {
                    return true;
                }
                held.remove(duty);
                LOG.log(System.Logger.Level.WARNING, "lost the lead of {0}", duty);
            }
            try (PreparedStatement s = c.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
                s.setInt(1, LOCK_CLASS);
                s.setInt(2, key);
                try (ResultSet row = s.executeQuery()) {
                    if (row.next() && row.getBoolean(1)) {
                        held.add(duty);
                        LOG.log(System.Logger.Level.INFO, "this instance leads {0}", duty);
                        return true;
                    }
                }
            }
            return false;
        } catch (SQLException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot check the lead of {0}: {1}", duty, e.getMessage());
            drop();
            return false;
        }
    }

    @Override
    public synchronized void resign(String duty) {
        if (!held.remove(duty) || connection == null) {
            return;
        }
        try (PreparedStatement s = connection.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
            s.setInt(1, LOCK_CLASS);
            s.setInt(2, key(duty));
            s.execute();
        } catch (SQLException e) {
            drop();
        }
    }

    /** Ends the session, and with it every lead this instance held. */
    @Override
    public synchronized void close() {
        drop();
    }

    private Connection connection() throws SQLException {
        if (connection != null && !connection.isValid(2)) {
            drop();
        }
        if (connection == null) {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
        }
        return connection;
    }

    private static boolean holds(Connection c, int key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()
                AND classid = ?::oid AND objid = ?::oid AND objsubid = 2 AND granted""")) {
            s.setLong(1, Integer.toUnsignedLong(LOCK_CLASS));
            s.setLong(2, Integer.toUnsignedLong(key));
            try (ResultSet row = s.executeQuery()) {
                return row.next() && row.getLong(1) > 0;
            }
        }
    }

    private void drop() {
        if (!held.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "gave up the lead of {0}", held);
        }
        held.clear();
        if (connection != null) {
            // the connection goes back to the pool: its session must not keep the locks (a broken one is discarded,
            // and the server ends its session, locks included)
            try (PreparedStatement s = connection.prepareStatement("SELECT pg_advisory_unlock_all()")) {
                s.execute();
            } catch (SQLException ignored) {
                // a broken session: the pool evicts it
            }
            try {
                connection.close();
            } catch (SQLException ignored) {
                // nothing more to release
            }
            connection = null;
        }
    }

    private static int key(String duty) {
        CRC32 crc = new CRC32();
        crc.update(duty.getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }
}
