package io.attune.adapters.postgres;

import io.attune.application.port.out.IdempotencyKeys;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * Idempotency-Keys in the {@code idempotency_keys} table. A claim is one INSERT on the primary key (scope, key): a
 * concurrent claim of the same key waits for the other transaction, then finds the key taken (or free, if it rolled
 * back); an expired row is taken over by the same statement.
 */
@Singleton
public final class PostgresIdempotencyKeys implements IdempotencyKeys {

    private final Jdbc jdbc;

    PostgresIdempotencyKeys(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean claim(String scope, String key, String requestHash, Instant at, Instant expiredBefore) {
        return jdbc.write(c -> Jdbc.update(c, """
                INSERT INTO idempotency_keys (scope, key, request_hash, created_at) VALUES (?, ?, ?, ?::timestamptz)
                ON CONFLICT (scope, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, resource = NULL,
                    answer_status = NULL, answer_body = NULL, created_at = EXCLUDED.created_at
                WHERE idempotency_keys.created_at < ?::timestamptz""",
                scope, key, requestHash, at, expiredBefore) == 1);
    }

    @Override
    public void bind(String scope, String key, String resource) {
        jdbc.write(c -> Jdbc.update(c, "UPDATE idempotency_keys SET resource = ? WHERE scope = ? AND key = ?",
                resource, scope, key));
    }

    @Override
    public void answer(String scope, String key, Answer answer) {
        jdbc.write(c -> Jdbc.update(c, """
                UPDATE idempotency_keys SET answer_status = ?, answer_body = ?
                WHERE scope = ? AND key = ? AND answer_status IS NULL""",
                answer.status(), answer.body(), scope, key));
    }

    @Override
    public Optional<Entry> find(String scope, String key) {
        return jdbc.read(c -> Jdbc.one(c, """
                SELECT scope, key, request_hash, resource, answer_status, answer_body, created_at
                FROM idempotency_keys WHERE scope = ? AND key = ?""", PostgresIdempotencyKeys::entry, scope, key));
    }

    @Override
    public int deleteCreatedBefore(Instant cutoff) {
        return jdbc.write(c -> Jdbc.update(c, "DELETE FROM idempotency_keys WHERE created_at < ?::timestamptz", cutoff));
    }

    private static Entry entry(ResultSet row) throws SQLException {
        Optional<Integer> status = Jdbc.integer(row, "answer_status");
        String body = row.getString("answer_body");
        return new Entry(row.getString("scope"), row.getString("key"), row.getString("request_hash"),
                Optional.ofNullable(row.getString("resource")), status.map(s -> new Answer(s, body)),
                Jdbc.instant(row, "created_at").orElseThrow());
    }
}
