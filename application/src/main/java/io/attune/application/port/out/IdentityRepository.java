package io.attune.application.port.out;

import io.attune.domain.identity.ApiKey;
import io.attune.domain.identity.User;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Users, API keys and refresh tokens; secrets are held only as hashes. */
public interface IdentityRepository {

    Optional<User> findUser(String username);

    /** Users ordered by name. */
    List<User> users();

    /** Inserts a user; false when the name is taken. */
    boolean insertUser(User user);

    /** Replaces a user's hash and role; false when there is no such user. */
    boolean updateUser(User user);

    /** Deletes a user, their refresh tokens and API keys; false when there is no such user. */
    boolean deleteUser(String username);

    /** How many users have this role. */
    long countUsers(io.attune.domain.identity.Role role);

    void insertApiKey(ApiKey key);

    Optional<ApiKey> findApiKey(String prefix);

    /** API keys, newest first, revoked ones included. */
    List<ApiKey> apiKeys();

    /** Revokes a key not revoked yet; false when there is none such. */
    boolean revokeApiKey(String prefix, Instant at);

    /**
     * A refresh token as stored: the SHA-256 of the token, whose, until when, when it was used, and the session (the
     * login) it belongs to, which every token issued by refreshing it keeps.
     */
    record RefreshToken(String hash, String username, Instant expiresAt, Optional<Instant> usedAt, String session) {
    }

    void insertRefreshToken(RefreshToken token);

    Optional<RefreshToken> findRefreshToken(String hash);

    /** Marks an unused token used; false when it was used already (a concurrent refresh won). */
    boolean useRefreshToken(String hash, Instant at);

    /** Whether the session still has an unused token that has not expired at {@code now}. */
    boolean sessionActive(String session, Instant now);

    /** Marks every unused token of the user used: after a reuse, or when the password changes. */
    void revokeRefreshTokens(String username, Instant at);
}
