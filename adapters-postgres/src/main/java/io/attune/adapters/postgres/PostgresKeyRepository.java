package io.attune.adapters.postgres;

import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.application.port.out.KeyRepository;
import io.attune.domain.key.Key;
import io.attune.domain.key.KeyScope;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Keys in the {@code keys} table, by (scope code, name). Expired keys are returned like any other: the caller
 * compares {@code expiresAt} with its clock. Times are stored to the microsecond. Joins the current transaction;
 * outside one, each call runs in a short transaction of its own.
 */
@Singleton
public final class PostgresKeyRepository implements KeyRepository {

    private static final String COLUMNS = "scope, name, value, secret, expires_at";

    private final Jdbc jdbc;

    PostgresKeyRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Key> find(String name, KeyScope scope) {
        return jdbc.read(c -> Jdbc.one(c, "SELECT " + COLUMNS + " FROM keys WHERE scope = ? AND name = ?",
                PostgresKeyRepository::key, scope.code(), name));
    }

    @Override
    public Page<Key> list(Optional<KeyScope> scope, Optional<String> namePrefix, PageRequest page) {
        Jdbc.Where where = new Jdbc.Where()
                .andIf(scope.map(KeyScope::code), "scope = ?")
                .andIf(namePrefix.filter(p -> !p.isEmpty()), "starts_with(name, ?)");
        return jdbc.read(c -> Jdbc.page(c, COLUMNS, "keys", where, "scope, name", page, PostgresKeyRepository::key));
    }

    @Override
    public void put(Key key) {
        jdbc.write(c -> Jdbc.update(c, """
                INSERT INTO keys (scope, name, value, secret, expires_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (scope, name) DO UPDATE SET
                    value = EXCLUDED.value, secret = EXCLUDED.secret, expires_at = EXCLUDED.expires_at, updated_at = now()
                """, key.scope().code(), key.name(), key.value(), key.secret(), key.expiresAt().orElse(null)));
    }

    @Override
    public boolean delete(String name, KeyScope scope) {
        return jdbc.write(c -> Jdbc.update(c, "DELETE FROM keys WHERE scope = ? AND name = ?", scope.code(), name) == 1);
    }

    private static Key key(ResultSet row) throws SQLException {
        return new Key(
                row.getString("name"),
                KeyScope.parse(row.getString("scope")),
                row.getString("value"),
                row.getBoolean("secret"),
                Jdbc.instant(row, "expires_at"));
    }
}
