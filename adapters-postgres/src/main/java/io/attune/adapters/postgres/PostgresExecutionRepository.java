package io.attune.adapters.postgres;

import io.attune.application.port.in.ExecutionQueries.ExecutionFilter;
import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.application.port.out.ExecutionRepository;
import io.attune.domain.common.Ref;
import io.attune.domain.execution.Execution;
import io.attune.domain.execution.ExecutionStatus;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Executions in the {@code executions} table. Insert and update are the pipeline's hot path: one statement each,
 * prepared (the driver keeps it prepared on the connection), JSON written by {@link JsonColumns}. {@code update} is a
 * compare-and-set on the status and never writes what an execution cannot change (action, parameters, timeout,
 * lineage, creation time). Times are stored to the microsecond. Joins the current transaction; outside one, each
 * call runs in a short transaction of its own.
 */
@Singleton
public final class PostgresExecutionRepository implements ExecutionRepository {

    private static final String COLUMNS = """
            id, action_ref, status, parameters::text AS parameters, timeout_seconds, result::text AS result, exit_code,
            stdout, stderr, stdout_overflow_bytes, stderr_overflow_bytes, failure, created_at, scheduled_at, started_at,
            finished_at, worker, lease_expires_at, parent_id, enforcement_id, task_name, task_run, task_item,
            task_attempt, retry_of, attempt, retry_not_before""";

    private static final String INSERT = """
            INSERT INTO executions (action_ref, status, parameters, timeout_seconds, result, exit_code, stdout, stderr,
                stdout_overflow_bytes, stderr_overflow_bytes, failure, created_at, scheduled_at, started_at, finished_at,
                worker, lease_expires_at, parent_id, enforcement_id, task_name, task_run, task_item, task_attempt,
                retry_of, attempt, retry_not_before)
            VALUES (?, ?, ?::jsonb, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            RETURNING id""";

    private static final String UPDATE = """
            UPDATE executions SET status = ?, result = ?::jsonb, exit_code = ?, stdout = ?, stderr = ?,
                stdout_overflow_bytes = ?, stderr_overflow_bytes = ?, failure = ?, scheduled_at = ?, started_at = ?,
                finished_at = ?, worker = ?, lease_expires_at = ?, updated_at = now()
            WHERE id = ? AND status = ?""";

    /** The statuses {@link #renewLeases} and {@link #expiredLeases} consider, as SQL. */
    private static final String UNFINISHED = Arrays.stream(ExecutionStatus.values())
            .filter(s -> !s.isTerminal()).map(s -> "'" + s.code() + "'")
            .reduce((a, b) -> a + ", " + b).map(list -> "status IN (" + list + ")").orElseThrow();

    private final Jdbc jdbc;

    PostgresExecutionRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Execution insert(Execution e) {
        long id = jdbc.write(c -> Jdbc.one(c, INSERT, row -> row.getLong(1),
                e.action().toString(), e.status().code(), JsonColumns.write(e.parameters()),
                e.timeoutSeconds().orElse(null), JsonColumns.write(e.result().orElse(null)), e.exitCode().orElse(null),
                e.output().stdout(), e.output().stderr(), e.output().stdoutOverflowBytes(),
                e.output().stderrOverflowBytes(), e.failure().orElse(null), e.createdAt(), e.scheduledAt().orElse(null),
                e.startedAt().orElse(null), e.finishedAt().orElse(null), e.worker().orElse(null),
                e.leaseExpiresAt().orElse(null), boxed(e.parent()), boxed(e.enforcement()),
                e.task().map(Execution.TaskOf::name).orElse(null), e.task().map(Execution.TaskOf::run).orElse(null),
                e.task().filter(t -> t.item().isPresent()).map(t -> t.item().getAsInt()).orElse(null),
                e.task().map(Execution.TaskOf::attempt).orElse(null),
                e.retry().map(Execution.RetryOf::of).filter(of -> of > 0).orElse(null), e.attempt(),
                e.retry().map(Execution.RetryOf::notBefore).orElse(null)).orElseThrow());
        return e.withId(id);
    }

    @Override
    public Optional<Execution> find(long id) {
        return jdbc.read(c -> Jdbc.one(c, "SELECT " + COLUMNS + " FROM executions WHERE id = ?",
                PostgresExecutionRepository::execution, id));
    }

    @Override
    public Page<Execution> list(ExecutionFilter filter, PageRequest page) {
        Jdbc.Where where = where(filter);
        return jdbc.read(c -> Jdbc.page(c, COLUMNS, "executions", where, "id DESC", page,
                PostgresExecutionRepository::execution));
    }

    /** Without list's {@code count(*) OVER ()}: a page reads a page's rows (V25's indexes for status and action). */
    @Override
    public List<Execution> slice(ExecutionFilter filter, int limit, int offset) {
        Jdbc.Where where = where(filter);
        List<Object> args = new java.util.ArrayList<>(where.args());
        args.add(limit);
        args.add(offset);
        return jdbc.read(c -> Jdbc.list(c, "SELECT " + COLUMNS + " FROM executions" + where.sql()
                + " ORDER BY id DESC LIMIT ? OFFSET ?", PostgresExecutionRepository::execution, args.toArray()));
    }

    private static Jdbc.Where where(ExecutionFilter filter) {
        Jdbc.Where where = new Jdbc.Where()
                .andIf(filter.status().map(ExecutionStatus::code), "status = ?")
                .andIf(filter.action().map(Ref::toString), "action_ref = ?")
                // a pack name may hold '_', LIKE's any-character: escape it (the prefix LIKE uses the "C" index)
                .andIf(filter.pack().map(p -> p.replace("_", "\\_") + ".%"), "action_ref LIKE ?")
                .andIf(filter.since(), "created_at >= ?")
                .andIf(filter.until(), "created_at < ?");
        filter.parent().ifPresent(parent -> where.and("parent_id = ?", parent));
        return where;
    }

    @Override
    public boolean update(Execution next, ExecutionStatus expected) {
        return jdbc.write(c -> Jdbc.update(c, UPDATE, next.status().code(), JsonColumns.write(next.result().orElse(null)),
                next.exitCode().orElse(null), next.output().stdout(), next.output().stderr(),
                next.output().stdoutOverflowBytes(), next.output().stderrOverflowBytes(), next.failure().orElse(null),
                next.scheduledAt().orElse(null), next.startedAt().orElse(null), next.finishedAt().orElse(null),
                next.worker().orElse(null), next.leaseExpiresAt().orElse(null), next.id(), expected.code()) == 1);
    }

    @Override
    public List<Execution> children(long parent) {
        return jdbc.read(c -> Jdbc.list(c, "SELECT " + COLUMNS + " FROM executions WHERE parent_id = ? ORDER BY id",
                PostgresExecutionRepository::execution, parent));
    }

    @Override
    public List<Execution> taskChildren(long parent, int run, int attempt) {
        return jdbc.read(c -> Jdbc.list(c, "SELECT " + COLUMNS + " FROM executions WHERE parent_id = ? AND task_run = ?"
                        + " AND task_attempt = ? ORDER BY task_item NULLS FIRST, id",
                PostgresExecutionRepository::execution, parent, run, attempt));
    }

    /** Renews only unfinished executions the worker still holds; ids of other executions are ignored. */
    @Override
    public int renewLeases(String worker, List<Long> executions, Instant until) {
        if (executions.isEmpty()) {
            return 0;
        }
        // by primary key, one statement per execution in one batch: with "id = ANY (?)", a plan made while the table was
        // small read every execution the worker ever ran
        return jdbc.write(c -> Jdbc.batch(c, "UPDATE executions SET lease_expires_at = ?, updated_at = now()"
                        + " WHERE id = ? AND worker = ? AND " + UNFINISHED,
                executions.stream().map(id -> new Object[] {until, id, worker}).toList()));
    }

    @Override
    public List<Long> expiredLeases(Instant now, int limit) {
        return jdbc.read(c -> Jdbc.list(c, "SELECT id FROM executions WHERE lease_expires_at < ? AND " + UNFINISHED
                        + " ORDER BY lease_expires_at, id LIMIT ?",
                row -> row.getLong("id"), now, limit));
    }

    /** Locks the rows it returns (SKIP LOCKED: another executor takes others), in the caller's transaction. */
    @Override
    public List<Long> dueRetries(Instant now, int limit) {
        return jdbc.write(c -> Jdbc.list(c, """
                        SELECT id FROM executions WHERE status = 'requested' AND retry_not_before <= ?
                        ORDER BY retry_not_before, id LIMIT ? FOR UPDATE SKIP LOCKED""",
                row -> row.getLong("id"), now, limit));
    }

    @Override
    public OptionalLong retriedBy(long id) {
        return jdbc.read(c -> Jdbc.one(c, "SELECT id FROM executions WHERE retry_of = ? ORDER BY id LIMIT 1",
                row -> row.getLong("id"), id)).map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    /** One statement for a page: the first retry of each, through the partial index on {@code retry_of}. */
    @Override
    public Map<Long, Long> retriedBy(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        List<long[]> pairs = jdbc.read(c -> Jdbc.listPlannedEachCall(c,
                "SELECT DISTINCT ON (retry_of) retry_of, id FROM executions"
                + " WHERE retry_of = ANY (?) ORDER BY retry_of, id",
                row -> new long[] {row.getLong("retry_of"), row.getLong("id")}, (Object) ids.toArray(Long[]::new)));
        Map<Long, Long> retries = new HashMap<>();
        pairs.forEach(pair -> retries.put(pair[0], pair[1]));
        return retries;
    }

    private static Long boxed(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }

    private static Optional<Execution.TaskOf> task(ResultSet row) throws SQLException {
        String name = row.getString("task_name");
        if (name == null) {
            return Optional.empty();
        }
        Optional<Integer> item = Jdbc.integer(row, "task_item");
        return Optional.of(new Execution.TaskOf(name, row.getInt("task_run"),
                item.map(java.util.OptionalInt::of).orElse(java.util.OptionalInt.empty()), row.getInt("task_attempt")));
    }

    private static Execution execution(ResultSet row) throws SQLException {
        long parent = row.getLong("parent_id");
        OptionalLong parentId = row.wasNull() ? OptionalLong.empty() : OptionalLong.of(parent);
        long enforcement = row.getLong("enforcement_id");
        OptionalLong enforcementId = row.wasNull() ? OptionalLong.empty() : OptionalLong.of(enforcement);
        return new Execution(
                row.getLong("id"),
                Ref.parse(row.getString("action_ref")),
                Codes.decode(ExecutionStatus::fromCode, "execution status", row.getString("status")),
                JsonColumns.readObject(row.getString("parameters")),
                Jdbc.integer(row, "timeout_seconds"),
                JsonColumns.readValue(row.getString("result")),
                Jdbc.integer(row, "exit_code"),
                new Execution.Output(row.getString("stdout"), row.getString("stderr"),
                        row.getLong("stdout_overflow_bytes"), row.getLong("stderr_overflow_bytes")),
                Optional.ofNullable(row.getString("failure")),
                Jdbc.instant(row, "created_at").orElseThrow(),
                Jdbc.instant(row, "scheduled_at"),
                Jdbc.instant(row, "started_at"),
                Jdbc.instant(row, "finished_at"),
                Optional.ofNullable(row.getString("worker")),
                Jdbc.instant(row, "lease_expires_at"),
                parentId,
                enforcementId,
                task(row),
                retry(row));
    }

    /** The retry link; {@code of} is 0 when retention deleted the retried execution. */
    private static Optional<Execution.RetryOf> retry(ResultSet row) throws SQLException {
        int attempt = row.getInt("attempt");
        if (attempt == 1) {
            return Optional.empty();
        }
        long of = row.getLong("retry_of");
        return Optional.of(new Execution.RetryOf(row.wasNull() ? 0 : of, attempt,
                Jdbc.instant(row, "retry_not_before").orElseThrow()));
    }
}
