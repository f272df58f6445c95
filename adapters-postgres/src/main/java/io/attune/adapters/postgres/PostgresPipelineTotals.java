package io.attune.adapters.postgres;

import io.attune.application.port.out.PipelineTotals;
import jakarta.inject.Singleton;

/**
 * The totals from the identity sequences of {@code events}, {@code enforcements} and {@code executions}: reading a
 * sequence's last value costs nothing however large the table, and it only grows (a rolled-back insert skips a number,
 * so a total can run slightly ahead of the rows).
 */
@Singleton
public final class PostgresPipelineTotals implements PipelineTotals {

    private final Jdbc jdbc;

    PostgresPipelineTotals(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Totals totals() {
        return jdbc.read(c -> Jdbc.one(c, """
                SELECT coalesce(pg_sequence_last_value(pg_get_serial_sequence('events', 'id')), 0) AS events,
                       coalesce(pg_sequence_last_value(pg_get_serial_sequence('enforcements', 'id')), 0) AS enforcements,
                       coalesce(pg_sequence_last_value(pg_get_serial_sequence('executions', 'id')), 0) AS executions""",
                row -> new Totals(row.getLong("events"), row.getLong("enforcements"), row.getLong("executions")))
                .orElseThrow());
    }
}
