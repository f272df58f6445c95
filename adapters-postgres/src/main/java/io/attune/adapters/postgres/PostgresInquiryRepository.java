package io.attune.adapters.postgres;

import io.attune.application.port.in.InquiryQueries.InquiryFilter;
import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.application.port.out.InquiryRepository;
import io.attune.domain.inquiry.Inquiry;
import io.attune.domain.inquiry.InquiryStatus;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Inquiries in {@code inquiries}: one row per asking execution, locked {@code FOR UPDATE} by its answer, its timeout
 * and the cancel of its execution (each after its execution's row), each of which writes by compare-and-set on the
 * status; the timeout sweep picks due rows {@code FOR UPDATE SKIP LOCKED}, so executors sweeping at once take
 * different ones.
 */
@Singleton
public final class PostgresInquiryRepository implements InquiryRepository {

    private static final String COLUMNS = """
            id, execution_id, parent_id, status, schema::text AS schema, route, users, roles, ttl_minutes, expires_at,
            response::text AS response, responded_by, responded_at, created_at""";

    private final Jdbc jdbc;

    PostgresInquiryRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Inquiry insert(Inquiry inquiry) {
        Optional<Long> id = jdbc.write(c -> Jdbc.one(c, """
                INSERT INTO inquiries (execution_id, parent_id, status, schema, route, users, roles, ttl_minutes,
                                       expires_at, response, responded_by, responded_at, created_at)
                VALUES (?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)
                ON CONFLICT (execution_id) DO NOTHING RETURNING id""", row -> row.getLong(1),
                inquiry.execution(), boxed(inquiry.parent()), inquiry.status().code(),
                JsonColumns.write(inquiry.schema()), inquiry.route(), inquiry.users().toArray(String[]::new),
                inquiry.roles().toArray(String[]::new), inquiry.ttlMinutes(), inquiry.expiresAt().orElse(null),
                inquiry.response().map(JsonColumns::write).orElse(null), inquiry.respondedBy().orElse(null),
                inquiry.respondedAt().orElse(null), inquiry.createdAt()));
        return inquiry.withId(id.orElseThrow(() -> new IllegalStateException("execution " + inquiry.execution()
                + " has an inquiry already")));
    }

    @Override
    public Optional<Inquiry> find(long id) {
        return jdbc.read(c -> Jdbc.one(c, "SELECT " + COLUMNS + " FROM inquiries WHERE id = ?",
                PostgresInquiryRepository::inquiry, id));
    }

    @Override
    public Optional<Inquiry> findForUpdate(long id) {
        return jdbc.write(c -> Jdbc.one(c, "SELECT " + COLUMNS + " FROM inquiries WHERE id = ? FOR UPDATE",
                PostgresInquiryRepository::inquiry, id));
    }

    @Override
    public Optional<Inquiry> findByExecutionForUpdate(long execution) {
        return jdbc.write(c -> Jdbc.one(c, "SELECT " + COLUMNS + " FROM inquiries WHERE execution_id = ? FOR UPDATE",
                PostgresInquiryRepository::inquiry, execution));
    }

    @Override
    public Page<Inquiry> list(InquiryFilter filter, PageRequest page) {
        Jdbc.Where where = new Jdbc.Where()
                .andIf(filter.status().map(InquiryStatus::code), "status = ?")
                .andIf(filter.route(), "route = ?");
        return jdbc.read(c -> Jdbc.page(c, COLUMNS, "inquiries", where, "id DESC", page,
                PostgresInquiryRepository::inquiry));
    }

    @Override
    public boolean update(Inquiry changed, InquiryStatus expected) {
        return jdbc.write(c -> Jdbc.update(c, """
                UPDATE inquiries SET status = ?, response = ?::jsonb, responded_by = ?, responded_at = ?
                WHERE id = ? AND status = ?""",
                changed.status().code(), changed.response().map(JsonColumns::write).orElse(null),
                changed.respondedBy().orElse(null), changed.respondedAt().orElse(null), changed.id(),
                expected.code()) == 1);
    }

    @Override
    public List<Inquiry> dueTimeouts(Instant now, int limit) {
        return jdbc.write(c -> Jdbc.list(c, "SELECT " + COLUMNS + """
                 FROM inquiries WHERE status = 'pending' AND expires_at IS NOT NULL AND expires_at <= ?
                ORDER BY expires_at, id LIMIT ? FOR UPDATE SKIP LOCKED""", PostgresInquiryRepository::inquiry, now, limit));
    }

    private static Long boxed(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }

    private static Inquiry inquiry(ResultSet row) throws SQLException {
        long parent = row.getLong("parent_id");
        OptionalLong parentId = row.wasNull() ? OptionalLong.empty() : OptionalLong.of(parent);
        String code = row.getString("status");
        InquiryStatus status = InquiryStatus.fromCode(code)
                .orElseThrow(() -> new IllegalStateException("unknown inquiry status '" + code + "'"));
        return new Inquiry(row.getLong("id"), row.getLong("execution_id"), status,
                JsonColumns.readObject(row.getString("schema")), row.getString("route"), Jdbc.texts(row, "users"),
                Jdbc.texts(row, "roles"), row.getDouble("ttl_minutes"), Jdbc.instant(row, "expires_at"),
                Optional.ofNullable(row.getString("response")).map(JsonColumns::readObject),
                Optional.ofNullable(row.getString("responded_by")), Jdbc.instant(row, "created_at").orElseThrow(),
                Jdbc.instant(row, "responded_at"), parentId);
    }
}
