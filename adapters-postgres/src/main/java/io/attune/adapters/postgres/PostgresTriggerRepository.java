package io.attune.adapters.postgres;

import io.attune.application.port.in.CatalogQueries.ComponentFilter;
import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.application.port.out.TriggerRepository;
import io.attune.domain.common.Ref;
import io.attune.domain.trigger.Trigger;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Triggers in the {@code triggers} table. Joins the current transaction; outside one, each call runs in a short
 * transaction of its own. Written only through {@link PostgresPackRepository}.
 */
@Singleton
public final class PostgresTriggerRepository implements TriggerRepository {

    private static final String COLUMNS =
            "ref, description, payload_schema::text AS payload_schema, parameters_schema::text AS parameters_schema";

    private final Jdbc jdbc;

    PostgresTriggerRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Trigger> find(Ref ref) {
        return jdbc.read(c -> Jdbc.one(c, "SELECT " + COLUMNS + " FROM triggers WHERE ref = ?",
                PostgresTriggerRepository::trigger, ref.toString()));
    }

    @Override
    public Page<Trigger> list(ComponentFilter filter, PageRequest page) {
        Jdbc.Where where = new Jdbc.Where().andIf(filter.pack(), "pack = ?");
        return jdbc.read(c -> Jdbc.page(c, COLUMNS, "triggers", where, "ref", page, PostgresTriggerRepository::trigger));
    }

    /** Inserts or updates by ref; for the pack's transaction. */
    static void upsert(Connection connection, Trigger trigger) throws SQLException {
        Jdbc.update(connection, """
                INSERT INTO triggers (ref, pack, description, payload_schema, parameters_schema)
                VALUES (?, ?, ?, ?::jsonb, ?::jsonb)
                ON CONFLICT (ref) DO UPDATE SET
                    pack = EXCLUDED.pack, description = EXCLUDED.description,
                    payload_schema = EXCLUDED.payload_schema, parameters_schema = EXCLUDED.parameters_schema,
                    updated_at = now()
                """,
                trigger.ref().toString(), trigger.ref().pack(), trigger.description(),
                JsonColumns.write(trigger.payloadSchema()), JsonColumns.write(trigger.parametersSchema()));
    }

    private static Trigger trigger(ResultSet row) throws SQLException {
        return new Trigger(
                Ref.parse(row.getString("ref")),
                row.getString("description"),
                JsonColumns.readObject(row.getString("payload_schema")),
                JsonColumns.readObject(row.getString("parameters_schema")));
    }
}
