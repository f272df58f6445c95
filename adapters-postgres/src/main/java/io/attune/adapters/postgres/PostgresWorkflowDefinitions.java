package io.attune.adapters.postgres;

import io.attune.application.port.out.WorkflowDefinitions;
import io.attune.domain.common.Ref;
import io.attune.domain.pack.PackContent;
import io.attune.domain.workflow.WorkflowSource;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Workflow sources in the {@code workflow_definitions} table, one row per workflow action (removed with the action).
 * Joins the current transaction; outside one, each call runs in a short transaction of its own. Written only through
 * {@link PostgresPackRepository}.
 */
@Singleton
public final class PostgresWorkflowDefinitions implements WorkflowDefinitions {

    private final Jdbc jdbc;

    PostgresWorkflowDefinitions(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<WorkflowSource> find(Ref action) {
        return jdbc.read(c -> Jdbc.one(c, """
                SELECT w.file, w.source FROM workflow_definitions w JOIN actions a ON a.id = w.action_id
                WHERE a.ref = ?""", row -> new WorkflowSource(row.getString("file"), row.getString("source")),
                action.toString()));
    }

    /**
     * Writes the sources of a pack's workflow actions (its actions already written) and removes those of its other
     * actions; for the pack's transaction.
     */
    static void replace(Connection connection, PackContent content) throws SQLException {
        for (var entry : content.workflows().entrySet()) {
            int written = Jdbc.update(connection, """
                    INSERT INTO workflow_definitions (action_id, file, source)
                    SELECT id, ?, ? FROM actions WHERE ref = ?
                    ON CONFLICT (action_id) DO UPDATE SET
                        file = EXCLUDED.file, source = EXCLUDED.source, updated_at = now()
                    """, entry.getValue().file(), entry.getValue().text(), entry.getKey().toString());
            if (written != 1) {
                throw new PersistenceException("workflow action '" + entry.getKey() + "' was not written before its source");
            }
        }
        List<String> kept = content.workflows().keySet().stream().map(Ref::toString).toList();
        Jdbc.update(connection, """
                DELETE FROM workflow_definitions w USING actions a
                WHERE w.action_id = a.id AND a.pack = ? AND a.ref <> ALL (?)""", content.pack().ref(), kept);
    }
}
