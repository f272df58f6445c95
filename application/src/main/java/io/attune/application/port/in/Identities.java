package io.attune.application.port.in;

import io.attune.domain.identity.Role;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Who may use Attune: logins, refresh tokens, API keys and users. */
public interface Identities {

    /** Someone proven: a user, or an API key acting with its own role. */
    record Principal(String name, Role role) {
    }

    /**
     * A successful login or refresh: who, the new refresh token (shown once, stored as a hash), and the id of the
     * session, which a login starts and every refresh of it keeps.
     */
    record Session(String username, Role role, String refreshToken, Instant refreshExpiresAt, String id) {
    }

    /**
     * Checks a password. Unauthenticated (the same message whether the user exists or not) when it does not match;
     * TooManyAttempts while the user or the address is held back after repeated failures.
     */
    Session login(String username, String password, String address);

    /** Exchanges a refresh token for a new session; a used, expired or unknown one is Unauthenticated. */
    Session refresh(String refreshToken);

    /**
     * Ends the session of this refresh token (a logout): it can no longer be used, and presenting it again counts as
     * a reuse. An unknown, used or blank token changes nothing.
     */
    void logout(String refreshToken);

    /**
     * Whether the session with this id (a {@link Session#id()}) is still on: false once it was logged out, its user's
     * tokens were revoked (a refresh token reused, the password changed), its user deleted, or its last refresh token
     * expired. Answered by the store, so a logout on any instance counts.
     */
    boolean sessionActive(String id);

    /**
     * The user named by an access token's subject as they are now (their current role); empty when no such user
     * exists (deleted, or never was), so a token of theirs must be refused.
     */
    Optional<Principal> currentUser(String username);

    /** The principal of an API key (attk_…), if it is valid and not revoked. */
    Optional<Principal> apiKey(String key);

    record ApiKeyView(String prefix, String name, Role role, String owner, Instant createdAt,
                      Optional<Instant> revokedAt) {
    }

    /** A new key and its secret, which is shown this once. */
    record NewApiKey(ApiKeyView key, String secret) {
    }

    /** A key for {@code owner}, with a role no higher than the owner's own. */
    NewApiKey createApiKey(String name, Optional<Role> role, Principal owner);

    List<ApiKeyView> apiKeys();

    void revokeApiKey(String prefix);

    record UserView(String username, Role role, Instant createdAt) {
    }

    List<UserView> users();

    UserView createUser(String username, String password, Role role);

    /** Changes a user's role and/or password (an administrator's change); the last admin cannot lose the role. */
    UserView updateUser(String username, Optional<Role> role, Optional<String> password);

    /** A user changes their own password, proving the current one; their refresh tokens end. */
    void changeOwnPassword(String username, String currentPassword, String newPassword);

    /** Deletes a user; not the last admin. */
    void deleteUser(String username);

    /**
     * Makes sure an administrator exists: with no user at all, creates {@code admin} with {@code password} or, when
     * empty, a random one, which is returned (to be shown once).
     */
    Optional<String> ensureAdmin(Optional<String> password);
}
