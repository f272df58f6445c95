package io.attune.adapters.postgres;

import io.attune.application.port.in.DeadLetters.Arrival;
import io.attune.application.port.in.DeadLetters.DeadLetter;
import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.application.port.out.DeadLetterRepository;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/** Dead letters in the {@code dead_letters} table; lists show the body as text, cut to {@value #PREVIEW} bytes. */
@Singleton
public final class PostgresDeadLetterRepository implements DeadLetterRepository {

    static final int PREVIEW = 4096;
    private static final String COLUMNS = "id, queue, routing_key, message_id, type, execution_id, event_id, error,"
            + " attempts, failed_at, substring(body from 1 for " + PREVIEW + ") AS preview, replays, replayed_at,"
            + " replayed_by";

    private final Jdbc jdbc;

    PostgresDeadLetterRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean insertIfAbsent(Arrival a) {
        return jdbc.write(c -> Jdbc.update(c, """
                        INSERT INTO dead_letters (delivery_key, queue, routing_key, message_id, type, execution_id,
                                                  event_id, error, attempts, body, failed_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (delivery_key) DO NOTHING""",
                a.key(), a.queue(), a.routingKey().orElse(null), a.messageId().orElse(null), a.type().orElse(null),
                boxed(a.execution()), boxed(a.event()), a.error(), a.attempts(), a.body(), a.failedAt())) == 1;
    }

    @Override
    public Optional<DeadLetter> find(long id) {
        return jdbc.read(c -> Jdbc.one(c, "SELECT " + COLUMNS + " FROM dead_letters WHERE id = ?",
                PostgresDeadLetterRepository::letter, id));
    }

    @Override
    public Optional<byte[]> body(long id) {
        return jdbc.read(c -> Jdbc.one(c, "SELECT body FROM dead_letters WHERE id = ?", row -> row.getBytes(1), id));
    }

    @Override
    public Page<DeadLetter> list(PageRequest page) {
        return jdbc.read(c -> Jdbc.page(c, COLUMNS, "dead_letters", new Jdbc.Where(), "id DESC", page,
                PostgresDeadLetterRepository::letter));
    }

    @Override
    public void markReplayed(long id, Instant at, String actor) {
        jdbc.write(c -> Jdbc.update(c,
                "UPDATE dead_letters SET replays = replays + 1, replayed_at = ?, replayed_by = ? WHERE id = ?",
                at, actor, id));
    }

    private static Long boxed(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }

    private static OptionalLong optionalLong(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? OptionalLong.empty() : OptionalLong.of(value);
    }

    private static DeadLetter letter(ResultSet row) throws SQLException {
        return new DeadLetter(row.getLong("id"), row.getString("queue"),
                Optional.ofNullable(row.getString("routing_key")), Optional.ofNullable(row.getString("message_id")),
                Optional.ofNullable(row.getString("type")), optionalLong(row, "execution_id"),
                optionalLong(row, "event_id"), row.getString("error"), row.getInt("attempts"),
                Jdbc.instant(row, "failed_at").orElseThrow(),
                new String(row.getBytes("preview"), StandardCharsets.UTF_8), row.getInt("replays"),
                Jdbc.instant(row, "replayed_at"), Optional.ofNullable(row.getString("replayed_by")));
    }
}
