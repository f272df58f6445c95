package io.attune.adapters.postgres;

import io.attune.application.port.out.WorkflowRepository;
import io.attune.domain.common.Ref;
import io.attune.domain.workflow.WorkflowSource;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Workflow states in {@code workflow_states} (one JSONB row per workflow execution, locked {@code FOR UPDATE} by each
 * event's transaction, written back by compare-and-set on its version) and their timers in {@code workflow_timers},
 * taken {@code FOR UPDATE SKIP LOCKED} so that executors firing timers at once never fire one twice.
 */
@Singleton
public final class PostgresWorkflowRepository implements WorkflowRepository {

    private static final String COLUMNS = """
            execution_id, action_ref, source_file, source_text, state::text AS state, rerun::text AS rerun, version""";

    private final Jdbc jdbc;

    PostgresWorkflowRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void insert(StoredState state) {
        int inserted = jdbc.write(c -> Jdbc.update(c, """
                INSERT INTO workflow_states (execution_id, action_ref, source_file, source_text, state, rerun, version)
                VALUES (?, ?, ?, ?, ?::jsonb, ?::jsonb, 0) ON CONFLICT (execution_id) DO NOTHING""",
                state.execution(), state.action().toString(), state.definition().file(), state.definition().text(),
                JsonColumns.write(state.state()),
                state.rerun().map(PostgresWorkflowRepository::rerunJson).orElse(null)));
        if (inserted != 1) {
            throw new IllegalStateException("workflow execution " + state.execution() + " has a stored state already");
        }
    }

    @Override
    public Optional<StoredState> find(long execution) {
        return jdbc.read(c -> Jdbc.one(c, "SELECT " + COLUMNS + " FROM workflow_states WHERE execution_id = ?",
                PostgresWorkflowRepository::stored, execution));
    }

    @Override
    public Optional<StoredState> findForUpdate(long execution) {
        return jdbc.write(c -> Jdbc.one(c, "SELECT " + COLUMNS + " FROM workflow_states WHERE execution_id = ? FOR UPDATE",
                PostgresWorkflowRepository::stored, execution));
    }

    @Override
    public boolean update(long execution, Map<String, Object> state, long expectedVersion) {
        return jdbc.write(c -> Jdbc.update(c, """
                UPDATE workflow_states SET state = ?::jsonb, rerun = NULL, version = version + 1, updated_at = now()
                WHERE execution_id = ? AND version = ?""",
                JsonColumns.write(state), execution, expectedVersion) == 1);
    }

    @Override
    public void addTimer(Timer timer) {
        jdbc.write(c -> Jdbc.update(c, """
                INSERT INTO workflow_timers (execution_id, run, attempt, due_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (execution_id, run, attempt) DO UPDATE SET due_at = EXCLUDED.due_at""",
                timer.execution(), timer.run(), timer.attempt(), timer.dueAt()));
    }

    @Override
    public List<Timer> dueTimers(Instant now, int limit) {
        return jdbc.write(c -> Jdbc.list(c, """
                SELECT execution_id, run, attempt, due_at FROM workflow_timers WHERE due_at <= ?
                ORDER BY due_at, execution_id, run, attempt LIMIT ? FOR UPDATE SKIP LOCKED""",
                row -> new Timer(row.getLong("execution_id"), row.getInt("run"), row.getInt("attempt"),
                        Jdbc.instant(row, "due_at").orElseThrow()), now, limit));
    }

    @Override
    public boolean deleteTimer(long execution, int run, int attempt) {
        return jdbc.write(c -> Jdbc.update(c,
                "DELETE FROM workflow_timers WHERE execution_id = ? AND run = ? AND attempt = ?",
                execution, run, attempt) == 1);
    }

    private static String rerunJson(PendingRerun rerun) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("of", rerun.of());
        json.put("tasks", rerun.tasks());
        json.put("reset", rerun.reset());
        json.put("at", rerun.at().toString());
        return JsonColumns.write(json);
    }

    private static StoredState stored(ResultSet row) throws SQLException {
        String rerun = row.getString("rerun");
        Optional<PendingRerun> pending = Optional.ofNullable(rerun).map(JsonColumns::readObject).map(json ->
                new PendingRerun(((Number) json.get("of")).longValue(), JsonColumns.strings(json.get("tasks"), "tasks"),
                        JsonColumns.strings(json.get("reset"), "reset"), Instant.parse((String) json.get("at"))));
        return new StoredState(row.getLong("execution_id"), Ref.parse(row.getString("action_ref")),
                new WorkflowSource(row.getString("source_file"), row.getString("source_text")),
                JsonColumns.readObject(row.getString("state")), pending,
                row.getLong("version"));
    }
}
