package io.attune.adapters.postgres;

import io.attune.application.port.out.TimerStateRepository;
import io.attune.domain.common.Ref;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Timer states in the {@code timer_states} table; advancing is one conditional UPDATE (compare-and-set). */
@Singleton
public final class PostgresTimerStateRepository implements TimerStateRepository {

    private final Jdbc jdbc;

    PostgresTimerStateRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<TimerState> list() {
        return jdbc.read(c -> Jdbc.list(c,
                "SELECT rule_ref, fingerprint, next_fire_at, last_fired_at FROM timer_states ORDER BY rule_ref",
                PostgresTimerStateRepository::state));
    }

    @Override
    public boolean plan(TimerState state) {
        return jdbc.write(c -> Jdbc.update(c, """
                INSERT INTO timer_states (rule_ref, fingerprint, next_fire_at, last_fired_at)
                VALUES (?, ?, ?::timestamptz, ?::timestamptz)
                ON CONFLICT (rule_ref) DO UPDATE SET fingerprint = EXCLUDED.fingerprint,
                    next_fire_at = EXCLUDED.next_fire_at, last_fired_at = EXCLUDED.last_fired_at, updated_at = now()
                WHERE timer_states.fingerprint <> EXCLUDED.fingerprint""",
                state.rule().toString(), state.fingerprint(), state.nextFireAt().orElse(null),
                state.lastFiredAt().orElse(null)) == 1);
    }

    @Override
    public boolean advance(Ref rule, String fingerprint, Optional<Instant> expected, Optional<Instant> next,
                           Optional<Instant> firedAt) {
        return jdbc.write(c -> Jdbc.update(c, """
                UPDATE timer_states SET next_fire_at = ?::timestamptz,
                    last_fired_at = COALESCE(?::timestamptz, last_fired_at), updated_at = now()
                WHERE rule_ref = ? AND fingerprint = ? AND next_fire_at IS NOT DISTINCT FROM ?::timestamptz""",
                next.orElse(null), firedAt.orElse(null), rule.toString(), fingerprint, expected.orElse(null)) == 1);
    }

    @Override
    public boolean delete(Ref rule) {
        return jdbc.write(c -> Jdbc.update(c, "DELETE FROM timer_states WHERE rule_ref = ?", rule.toString()) == 1);
    }

    private static TimerState state(ResultSet row) throws SQLException {
        return new TimerState(Ref.parse(row.getString("rule_ref")), row.getString("fingerprint"),
                Jdbc.instant(row, "next_fire_at"), Jdbc.instant(row, "last_fired_at"));
    }
}
