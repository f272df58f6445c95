package io.attune.adapters.postgres;

import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.TransactionStatus;
import io.micronaut.transaction.exceptions.TransactionException;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.postgresql.PGStatement;

/**
 * How the repositories reach the database: every call runs on the connection of the current transaction
 * (Micronaut's {@link TransactionOperations} for JDBC, propagation REQUIRED), or, when there is none, in a short
 * transaction of its own (read-only for reads). Wraps every SQL and Micronaut failure in a {@link PersistenceException}.
 */
@Singleton
final class Jdbc {

    private final TransactionOperations<Connection> transactions;

    Jdbc(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    /** Work that only reads: joins the current transaction, or runs in a read-only one. */
    <R> R read(Work<R> work) {
        return run(TransactionDefinition.READ_ONLY, work);
    }

    /** Work that writes: joins the current transaction, or runs in one of its own, so that all its statements commit together. */
    <R> R write(Work<R> work) {
        return run(TransactionDefinition.DEFAULT, work);
    }

    /** The transaction {@link PostgresTransactionRunner} runs on this thread, if any. */
    private static final ThreadLocal<TransactionStatus<Connection>> BOUND = new ThreadLocal<>();

    /**
     * Runs {@code work} with {@code status} as this thread's transaction: the statements of this adapter inside it use
     * its connection at once, instead of asking the transaction manager for it per statement (a few per cent of the
     * CPU of every request). A nested call keeps the outer transaction.
     */
    static <T> T bound(TransactionStatus<Connection> status, java.util.function.Supplier<T> work) {
        TransactionStatus<Connection> outer = BOUND.get();
        BOUND.set(status);
        try {
            return work.get();
        } finally {
            if (outer == null) {
                BOUND.remove();
            } else {
                BOUND.set(outer);
            }
        }
    }

    private <R> R run(TransactionDefinition definition, Work<R> work) {
        TransactionStatus<Connection> bound = BOUND.get();
        if (bound != null && !bound.isCompleted()) {
            try {
                return work.apply(bound.getConnection());
            } catch (SQLException e) {
                throw doomed(definition, new PersistenceException("database error: " + e.getMessage(), e));
            } catch (RuntimeException e) {
                throw doomed(definition, e);
            } catch (Error e) {
                bound.setRollbackOnly();
                throw e;
            }
        }
        try {
            return transactions.execute(definition, status -> {
                try {
                    return work.apply(status.getConnection());
                } catch (SQLException e) {
                    throw new PersistenceException("database error: " + e.getMessage(), e);
                }
            });
        } catch (DataAccessException | ConnectionException | TransactionException e) {
            throw new PersistenceException("database unavailable: " + e.getMessage(), e);
        }
    }

    /**
     * Marks the bound transaction as a call that joined it through the manager and failed with {@code failure} would
     * (propagation REQUIRED: the whole transaction rolls back, and its commit says so), by failing such a call.
     */
    private RuntimeException doomed(TransactionDefinition definition, RuntimeException failure) {
        try {
            transactions.execute(definition, status -> {
                throw failure;
            });
        } catch (RuntimeException joined) {
            // the failure itself, as expected: the transaction is now marked
        }
        return failure;
    }

    /** Something done with a connection. */
    @FunctionalInterface
    interface Work<R> {
        R apply(Connection connection) throws SQLException;
    }

    /** Reads one row into a value. */
    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    static int update(Connection connection, String sql, Object... args) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, args)) {
            return statement.executeUpdate();
        }
    }

    static <T> List<T> list(Connection connection, String sql, RowMapper<T> mapper, Object... args) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, args)) {
            return rows(statement, mapper);
        }
    }

    /**
     * As {@link #list}, for a query whose good plan depends on its values, such as {@code = ANY (?)} of ids on a table
     * that grows from empty: it is planned for the values of each call. A server-side prepared statement would, after
     * a few calls, settle on a generic plan, and one made while the table was small is a sequential scan that
     * PostgreSQL may keep as the table grows.
     */
    static <T> List<T> listPlannedEachCall(Connection connection, String sql, RowMapper<T> mapper, Object... args)
            throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, args)) {
            statement.unwrap(PGStatement.class).setPrepareThreshold(0);
            return rows(statement, mapper);
        }
    }

    /**
     * Runs one statement once per row of parameters, sent to the server as one batch; returns how many rows the
     * statements changed together.
     */
    static int batch(Connection connection, String sql, List<Object[]> rows) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (Object[] args : rows) {
                for (int i = 0; i < args.length; i++) {
                    bind(connection, statement, i + 1, args[i]);
                }
                statement.addBatch();
            }
            return Arrays.stream(statement.executeBatch()).map(n -> Math.max(n, 0)).sum();
        }
    }

    private static <T> List<T> rows(PreparedStatement statement, RowMapper<T> mapper) throws SQLException {
        try (ResultSet rows = statement.executeQuery()) {
            List<T> result = new ArrayList<>();
            while (rows.next()) {
                result.add(mapper.map(rows));
            }
            return result;
        }
    }

    static <T> Optional<T> one(Connection connection, String sql, RowMapper<T> mapper, Object... args) throws SQLException {
        List<T> rows = list(connection, sql, mapper, args);
        if (rows.size() > 1) {
            throw new PersistenceException("expected at most one row, got " + rows.size() + " for: " + sql);
        }
        return rows.stream().findFirst();
    }

    /**
     * One page of {@code SELECT columns FROM from WHERE where ORDER BY orderBy}, with the total number of matching rows
     * (taken from {@code count(*) OVER ()}, or counted separately when the page is past the end).
     */
    static <T> Page<T> page(Connection connection, String columns, String from, Where where, String orderBy,
                            PageRequest page, RowMapper<T> mapper) throws SQLException {
        String sql = "SELECT " + columns + ", count(*) OVER () AS total_rows FROM " + from + where.sql()
                + " ORDER BY " + orderBy + " LIMIT ? OFFSET ?";
        List<Object> args = new ArrayList<>(where.args());
        args.add(page.limit());
        args.add(page.offset());
        long[] total = {0};
        List<T> items = list(connection, sql, row -> {
            total[0] = row.getLong("total_rows");
            return mapper.map(row);
        }, args.toArray());
        if (items.isEmpty() && page.offset() > 0) {
            total[0] = one(connection, "SELECT count(*) FROM " + from + where.sql(), row -> row.getLong(1),
                    where.args().toArray()).orElse(0L);
        }
        return new Page<>(items, total[0], page.limit(), page.offset());
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... args) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < args.length; i++) {
                bind(connection, statement, i + 1, args[i]);
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    private static void bind(Connection connection, PreparedStatement statement, int index, Object value) throws SQLException {
        switch (value) {
            case null -> statement.setObject(index, null);
            // PostgreSQL keeps microseconds and would round the rest; truncating keeps a stored time <= the given one
            case Instant instant -> statement.setObject(index,
                    OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
            case String[] texts -> statement.setArray(index, connection.createArrayOf("text", texts));
            case Long[] longs -> statement.setArray(index, connection.createArrayOf("bigint", longs));
            case Integer[] ints -> statement.setArray(index, connection.createArrayOf("integer", ints));
            case Boolean[] flags -> statement.setArray(index, connection.createArrayOf("boolean", flags));
            case List<?> list -> statement.setArray(index, connection.createArrayOf("text",
                    list.stream().map(String::valueOf).toArray(String[]::new)));
            default -> statement.setObject(index, value);
        }
    }

    static Optional<Instant> instant(ResultSet row, String column) throws SQLException {
        return Optional.ofNullable(row.getObject(column, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
    }

    static Optional<Integer> integer(ResultSet row, String column) throws SQLException {
        int value = row.getInt(column);
        return row.wasNull() ? Optional.empty() : Optional.of(value);
    }

    static List<String> texts(ResultSet row, String column) throws SQLException {
        Array array = row.getArray(column);
        if (array == null) {
            return List.of();
        }
        try {
            return Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
        } finally {
            array.free();
        }
    }

    /** A WHERE clause built from optional filters, with its arguments in order. */
    static final class Where {
        private final List<String> conditions = new ArrayList<>();
        private final List<Object> args = new ArrayList<>();

        Where and(String condition, Object... values) {
            conditions.add(condition);
            args.addAll(Arrays.asList(values));
            return this;
        }

        <V> Where andIf(Optional<V> value, String condition) {
            value.ifPresent(v -> and(condition, v));
            return this;
        }

        String sql() {
            return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        }

        List<Object> args() {
            return List.copyOf(args);
        }
    }
}
