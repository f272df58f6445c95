package io.attune.adapters.postgres;

import io.attune.application.port.out.IdentityRepository;
import io.attune.domain.identity.ApiKey;
import io.attune.domain.identity.Role;
import io.attune.domain.identity.User;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Users, API keys and refresh tokens in the tables of {@code V6__identity.sql}. Joins the current transaction;
 * outside one, each call runs in a short transaction of its own.
 */
@Singleton
public final class PostgresIdentityRepository implements IdentityRepository {

    private static final String USER = "username, password_hash, role, created_at";
    private static final String KEY = "prefix, name, hash, role, owner, created_at, revoked_at";
    private static final String TOKEN = "hash, username, expires_at, used_at, session";

    private final Jdbc jdbc;

    PostgresIdentityRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<User> findUser(String username) {
        return jdbc.read(c -> Jdbc.one(c, "SELECT " + USER + " FROM users WHERE username = ?",
                PostgresIdentityRepository::user, username));
    }

    @Override
    public List<User> users() {
        return jdbc.read(c -> Jdbc.list(c, "SELECT " + USER + " FROM users ORDER BY username",
                PostgresIdentityRepository::user));
    }

    @Override
    public boolean insertUser(User u) {
        return jdbc.write(c -> Jdbc.update(c, "INSERT INTO users (" + USER + ") VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (username) DO NOTHING", u.username(), u.passwordHash(), u.role().code(), u.createdAt()) == 1);
    }

    @Override
    public boolean updateUser(User u) {
        return jdbc.write(c -> Jdbc.update(c, "UPDATE users SET password_hash = ?, role = ? WHERE username = ?",
                u.passwordHash(), u.role().code(), u.username()) == 1);
    }

    @Override
    public boolean deleteUser(String username) {
        return jdbc.write(c -> {
            Jdbc.update(c, "DELETE FROM api_keys WHERE owner = ?", username);
            return Jdbc.update(c, "DELETE FROM users WHERE username = ?", username) == 1;
        });
    }

    @Override
    public long countUsers(Role role) {
        return jdbc.read(c -> Jdbc.one(c, "SELECT count(*) AS n FROM users WHERE role = ?", row -> row.getLong("n"),
                role.code())).orElse(0L);
    }

    @Override
    public void insertApiKey(ApiKey k) {
        jdbc.write(c -> Jdbc.update(c, "INSERT INTO api_keys (" + KEY + ") VALUES (?, ?, ?, ?, ?, ?, ?)",
                k.prefix(), k.name(), k.hash(), k.role().code(), k.owner(), k.createdAt(), k.revokedAt().orElse(null)));
    }

    @Override
    public Optional<ApiKey> findApiKey(String prefix) {
        return jdbc.read(c -> Jdbc.one(c, "SELECT " + KEY + " FROM api_keys WHERE prefix = ?",
                PostgresIdentityRepository::apiKey, prefix));
    }

    @Override
    public List<ApiKey> apiKeys() {
        return jdbc.read(c -> Jdbc.list(c, "SELECT " + KEY + " FROM api_keys ORDER BY created_at DESC, prefix",
                PostgresIdentityRepository::apiKey));
    }

    @Override
    public boolean revokeApiKey(String prefix, Instant at) {
        return jdbc.write(c -> Jdbc.update(c, "UPDATE api_keys SET revoked_at = ? WHERE prefix = ? AND revoked_at IS NULL",
                at, prefix) == 1);
    }

    @Override
    public void insertRefreshToken(RefreshToken t) {
        jdbc.write(c -> Jdbc.update(c, "INSERT INTO refresh_tokens (" + TOKEN + ") VALUES (?, ?, ?, ?, ?)",
                t.hash(), t.username(), t.expiresAt(), t.usedAt().orElse(null), t.session()));
    }

    @Override
    public Optional<RefreshToken> findRefreshToken(String hash) {
        return jdbc.read(c -> Jdbc.one(c, "SELECT " + TOKEN + " FROM refresh_tokens WHERE hash = ?",
                row -> new RefreshToken(row.getString("hash"), row.getString("username"),
                        Jdbc.instant(row, "expires_at").orElseThrow(), Jdbc.instant(row, "used_at"),
                        row.getString("session")), hash));
    }

    @Override
    public boolean useRefreshToken(String hash, Instant at) {
        return jdbc.write(c -> Jdbc.update(c, "UPDATE refresh_tokens SET used_at = ? WHERE hash = ? AND used_at IS NULL",
                at, hash) == 1);
    }

    @Override
    public boolean sessionActive(String session, Instant now) {
        return jdbc.read(c -> Jdbc.one(c, "SELECT 1 FROM refresh_tokens WHERE session = ? AND used_at IS NULL"
                + " AND expires_at > ? LIMIT 1", row -> true, session, now)).isPresent();
    }

    @Override
    public void revokeRefreshTokens(String username, Instant at) {
        jdbc.write(c -> Jdbc.update(c, "UPDATE refresh_tokens SET used_at = ? WHERE username = ? AND used_at IS NULL",
                at, username));
    }

    private static User user(ResultSet row) throws SQLException {
        return new User(row.getString("username"), row.getString("password_hash"), Role.parse(row.getString("role")),
                Jdbc.instant(row, "created_at").orElseThrow());
    }

    private static ApiKey apiKey(ResultSet row) throws SQLException {
        return new ApiKey(row.getString("prefix"), row.getString("name"), row.getString("hash"),
                Role.parse(row.getString("role")), row.getString("owner"), Jdbc.instant(row, "created_at").orElseThrow(),
                Jdbc.instant(row, "revoked_at"));
    }
}
