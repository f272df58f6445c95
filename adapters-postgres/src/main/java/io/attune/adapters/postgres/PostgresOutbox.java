package io.attune.adapters.postgres;

import io.attune.application.port.out.Backlog;
import io.attune.application.port.out.Message;
import io.attune.application.port.out.Outbox;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * The outbox in the {@code outbox} table. A message's {@code occurredAt} is stored as the row's {@code created_at}:
 * it is the writing transaction's time on the application's clock, the clock {@code due}'s {@code createdBefore}
 * comes from.
 *
 * <p>{@link #due} <em>claims</em> what it returns, in one statement: it picks due rows {@code FOR UPDATE SKIP LOCKED}
 * and moves their {@code next_attempt_at} {@value #CLAIM_SECONDS} s ahead (counting the attempt). So relays on any
 * number of executors never send one row at the same time, and need not keep a transaction open while they publish:
 * the claim commits with {@code due}'s transaction, and a relay that dies after claiming only delays the row by the
 * claim. {@link #delete} after the broker's confirmation, or {@link #failed} (due again at {@code retryAt}), ends the
 * claim early. Whether a row is due ({@code next_attempt_at <= now()}) and when a claim ends use the database's clock;
 * {@code retryAt} is stored as given.
 */
@Singleton
public final class PostgresOutbox implements Outbox {

    /** How long a claimed row stays hidden from other relays: much longer than a publish with confirms takes. */
    static final int CLAIM_SECONDS = 30;

    private static final String COLUMNS =
            "id, message_id, type, routing_key, correlation_id, payload::text AS payload, created_at";

    private final Jdbc jdbc;

    PostgresOutbox(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public OutboxMessage append(Message message) {
        long id = jdbc.write(c -> Jdbc.one(c, """
                        INSERT INTO outbox (message_id, type, routing_key, correlation_id, payload, created_at)
                        VALUES (?, ?, ?, ?, ?::jsonb, ?)
                        RETURNING id""", row -> row.getLong(1),
                message.id(), message.type(), message.routingKey(), message.correlationId(),
                JsonColumns.write(message.payload()), message.occurredAt()).orElseThrow());
        return new OutboxMessage(id, message);
    }

    /** Claims and returns due messages, oldest (first appended) first; see the class comment. */
    @Override
    public List<OutboxMessage> due(Instant createdBefore, int limit) {
        List<OutboxMessage> claimed = jdbc.write(c -> Jdbc.list(c, """
                        UPDATE outbox SET next_attempt_at = now() + make_interval(secs => ?), attempts = attempts + 1
                        WHERE id IN (SELECT id FROM outbox WHERE next_attempt_at <= now() AND created_at < ?
                                     ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED)
                        RETURNING\s""" + COLUMNS,
                PostgresOutbox::message, CLAIM_SECONDS, createdBefore, limit));
        return claimed.stream().sorted(Comparator.comparingLong(OutboxMessage::id)).toList();
    }

    @Override
    public void delete(List<Long> ids) {
        if (!ids.isEmpty()) {
            jdbc.write(c -> Jdbc.update(c, "DELETE FROM outbox WHERE id = ANY (?)", (Object) ids.toArray(Long[]::new)));
        }
    }

    @Override
    public void failed(List<Long> ids, String error, Instant retryAt) {
        if (!ids.isEmpty()) {
            jdbc.write(c -> Jdbc.update(c, "UPDATE outbox SET last_error = ?, next_attempt_at = ? WHERE id = ANY (?)",
                    error, retryAt, ids.toArray(Long[]::new)));
        }
    }

    @Override
    public Backlog backlog(int cap) {
        return jdbc.read(c -> Jdbc.one(c, """
                        SELECT (SELECT count(*) FROM (SELECT 1 FROM outbox LIMIT ?) w) AS waiting,
                               (SELECT min(created_at) FROM outbox) AS oldest""",
                PostgresEventRepository::backlog, cap).orElseThrow());
    }

    private static OutboxMessage message(ResultSet row) throws SQLException {
        return new OutboxMessage(row.getLong("id"), new Message(
                row.getString("message_id"),
                row.getString("type"),
                row.getString("routing_key"),
                Jdbc.instant(row, "created_at").orElseThrow(),
                row.getString("correlation_id"),
                JsonColumns.readObject(row.getString("payload"))));
    }
}
