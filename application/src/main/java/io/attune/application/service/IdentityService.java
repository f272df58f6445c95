package io.attune.application.service;

import io.attune.application.port.in.Identities;
import io.attune.application.port.in.UseCaseException;
import io.attune.application.port.out.IdentityChanges;
import io.attune.application.port.out.IdentityRepository;
import io.attune.application.port.out.IdentityRepository.RefreshToken;
import io.attune.application.port.out.PasswordHasher;
import io.attune.application.port.out.TransactionRunner;
import io.attune.domain.identity.ApiKey;
import io.attune.domain.identity.Role;
import io.attune.domain.identity.User;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Users, logins, refresh tokens and API keys. Passwords are kept as slow salted hashes ({@link PasswordHasher});
 * refresh tokens and API keys, being long random strings, as their SHA-256. A refresh token is used once: presenting
 * a used one again ends every session of that user (it was stolen, or the client is broken).
 */
public final class IdentityService implements Identities {

    static final int MIN_PASSWORD = 8;
    static final int MAX_PASSWORD_BYTES = 72;
    private static final String KEY_PREFIX = "attk_";
    private static final String FAILED_LOGIN = "wrong username or password";

    private final IdentityRepository repository;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final TransactionRunner tx;
    private final Clock clock;
    private final Duration refreshLifetime;
    private final SecureRandom random = new SecureRandom();
    /** Verified against when the user does not exist, so that a login takes as long either way. */
    private final String decoyHash;
    /** The callers of requests, by user name and by API key prefix: read from the store once per change. */
    private final IdentityCache<String, User> users;
    private final IdentityCache<String, ApiKey> keys;

    /** Keeps nothing in memory: every request's caller is read from the store. */
    public IdentityService(IdentityRepository repository, PasswordHasher hasher, LoginThrottle throttle,
                           TransactionRunner tx, Clock clock, Duration refreshLifetime) {
        this(repository, hasher, throttle, tx, clock, refreshLifetime, IdentityChanges.NONE);
    }

    /** Keeps the callers of requests in memory while {@code changes} is live (see {@link IdentityCache}). */
    public IdentityService(IdentityRepository repository, PasswordHasher hasher, LoginThrottle throttle,
                           TransactionRunner tx, Clock clock, Duration refreshLifetime, IdentityChanges changes) {
        this.users = new IdentityCache<>(changes, clock);
        this.keys = new IdentityCache<>(changes, clock);
        this.repository = repository;
        this.hasher = hasher;
        this.throttle = throttle;
        this.tx = tx;
        this.clock = clock;
        this.refreshLifetime = refreshLifetime;
        this.decoyHash = hasher.hash(randomToken(16));
    }

    @Override
    public Session login(String username, String password, String address) {
        String name = username == null ? "" : username;
        throttle.check(name, address);
        Optional<User> user = repository.findUser(name);
        boolean matches = hasher.verify(password == null ? "" : password, user.map(User::passwordHash).orElse(decoyHash));
        if (user.isEmpty() || !matches) {
            throttle.failed(name, address);
            throw new UseCaseException.Unauthenticated(FAILED_LOGIN);
        }
        throttle.succeeded(name, address);
        return newSession(user.get(), randomToken(16));
    }

    @Override
    public Session refresh(String refreshToken) {
        if (refreshToken == null || refreshToken.isBlank()) {
            throw UseCaseException.Invalid.of("refresh_token", "a refresh token is required");
        }
        Instant now = clock.instant();
        // no transaction: the revocation after a reuse must stay though the call fails; the use is a compare-and-set
        RefreshToken stored = repository.findRefreshToken(sha256(refreshToken))
                .orElseThrow(() -> new UseCaseException.Unauthenticated("unknown refresh token"));
        if (stored.usedAt().isPresent()) {
            repository.revokeRefreshTokens(stored.username(), now);
            throw new UseCaseException.Unauthenticated("this refresh token was used already: every session of"
                    + " its user has ended; log in again");
        }
        if (!stored.expiresAt().isAfter(now)) {
            throw new UseCaseException.Unauthenticated("the refresh token has expired; log in again");
        }
        // the use and its successor in one transaction: the session never looks ended to sessionActive in between
        return tx.inTransaction(() -> {
            if (!repository.useRefreshToken(stored.hash(), now)) {
                throw new UseCaseException.Unauthenticated("this refresh token was used already; log in again");
            }
            User user = repository.findUser(stored.username())
                    .orElseThrow(() -> new UseCaseException.Unauthenticated("the user no longer exists"));
            return newSession(user, stored.session() == null ? randomToken(16) : stored.session());
        });
    }

    @Override
    public void logout(String refreshToken) {
        if (refreshToken == null || refreshToken.isBlank()) {
            return;
        }
        repository.useRefreshToken(sha256(refreshToken), clock.instant());
    }

    @Override
    public boolean sessionActive(String id) {
        return id != null && !id.isBlank() && tx.readOnly(() -> repository.sessionActive(id, clock.instant()));
    }

    private Session newSession(User user, String session) {
        String token = randomToken(32);
        Instant expires = clock.instant().plus(refreshLifetime);
        repository.insertRefreshToken(
                new RefreshToken(sha256(token), user.username(), expires, Optional.empty(), session));
        return new Session(user.username(), user.role(), token, expires, session);
    }

    @Override
    public Optional<Principal> currentUser(String username) {
        if (username == null || username.isEmpty()) {
            return Optional.empty();
        }
        return users.get(username, () -> repository.findUser(username)).map(u -> new Principal(u.username(), u.role()));
    }

    @Override
    public Optional<Principal> apiKey(String key) {
        if (key == null || !key.startsWith(KEY_PREFIX)) {
            return Optional.empty();
        }
        int end = key.indexOf('_', KEY_PREFIX.length());
        if (end < 0) {
            return Optional.empty();
        }
        String prefix = key.substring(KEY_PREFIX.length(), end);
        byte[] hash = sha256(key).getBytes(StandardCharsets.US_ASCII);
        return keys.get(prefix, () -> repository.findApiKey(prefix))
                .filter(k -> !k.isRevoked())
                .filter(k -> MessageDigest.isEqual(hash, k.hash().getBytes(StandardCharsets.US_ASCII)))
                .map(k -> new Principal("apikey:" + k.name(), k.role()));
    }

    @Override
    public NewApiKey createApiKey(String name, Optional<Role> role, Principal owner) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw UseCaseException.Invalid.of("name", "a name of 1 to 100 characters is required");
        }
        Role granted = role.orElse(owner.role());
        if (granted.ordinal() < owner.role().ordinal()) {
            throw new UseCaseException.Forbidden("a key cannot have a higher role than its owner ("
                    + owner.role().code() + ")");
        }
        String prefix = HexFormat.of().formatHex(bytes(6));
        String secret = KEY_PREFIX + prefix + "_" + randomToken(32);
        ApiKey key = new ApiKey(prefix, name.strip(), sha256(secret), granted, owner.name(), clock.instant(),
                Optional.empty());
        repository.insertApiKey(key);
        return new NewApiKey(view(key), secret);
    }

    @Override
    public List<ApiKeyView> apiKeys() {
        return repository.apiKeys().stream().map(IdentityService::view).toList();
    }

    @Override
    public void revokeApiKey(String prefix) {
        boolean revoked = repository.revokeApiKey(prefix, clock.instant());
        changed();
        if (!revoked) {
            throw new UseCaseException.NotFound("api key", prefix);
        }
    }

    /**
     * Forgets the callers kept in memory after a change made here, once it is committed, so that this instance's next
     * request sees it without waiting for the feed (another instance's next request waits for it: milliseconds).
     */
    private void changed() {
        users.invalidate();
        keys.invalidate();
    }

    @Override
    public List<UserView> users() {
        return repository.users().stream().map(IdentityService::view).toList();
    }

    @Override
    public UserView createUser(String username, String password, Role role) {
        requireUsername(username);
        requirePassword("password", password);
        User user = new User(username, hasher.hash(password), role, clock.instant());
        if (!repository.insertUser(user)) {
            throw new UseCaseException.Conflict("user '" + username + "' exists already");
        }
        return view(user);
    }

    @Override
    public UserView updateUser(String username, Optional<Role> role, Optional<String> password) {
        password.ifPresent(p -> requirePassword("password", p));
        String hash = password.map(hasher::hash).orElse(null);
        try {
            return tx.inTransaction(() -> {
                User user = repository.findUser(username)
                        .orElseThrow(() -> new UseCaseException.NotFound("user", username));
                if (role.isPresent() && user.role() == Role.ADMIN && role.get() != Role.ADMIN
                        && repository.countUsers(Role.ADMIN) <= 1) {
                    throw new UseCaseException.Conflict("'" + username
                            + "' is the last admin: make another user admin first");
                }
                User changed = user.withRole(role.orElse(user.role()));
                if (hash != null) {
                    changed = changed.withPasswordHash(hash);
                    repository.revokeRefreshTokens(username, clock.instant());
                }
                repository.updateUser(changed);
                return view(changed);
            });
        } finally {
            changed();
        }
    }

    @Override
    public void changeOwnPassword(String username, String currentPassword, String newPassword) {
        requirePassword("new_password", newPassword);
        User user = repository.findUser(username).orElseThrow(() -> new UseCaseException.NotFound("user", username));
        if (!hasher.verify(currentPassword == null ? "" : currentPassword, user.passwordHash())) {
            throw UseCaseException.Invalid.of("current_password", "the current password is wrong");
        }
        repository.updateUser(user.withPasswordHash(hasher.hash(newPassword)));
        repository.revokeRefreshTokens(username, clock.instant());
        changed();
    }

    @Override
    public void deleteUser(String username) {
        try {
            tx.run(() -> {
                User user = repository.findUser(username)
                        .orElseThrow(() -> new UseCaseException.NotFound("user", username));
                if (user.role() == Role.ADMIN && repository.countUsers(Role.ADMIN) <= 1) {
                    throw new UseCaseException.Conflict("'" + username + "' is the last admin and cannot be deleted");
                }
                repository.deleteUser(username);
            });
        } finally {
            changed();
        }
    }

    @Override
    public Optional<String> ensureAdmin(Optional<String> password) {
        if (!repository.users().isEmpty()) {
            return Optional.empty();
        }
        Optional<String> given = password.filter(p -> !p.isEmpty());
        String chosen = given.orElseGet(() -> randomToken(18));
        boolean created = repository.insertUser(new User("admin", hasher.hash(chosen), Role.ADMIN, clock.instant()));
        return created && given.isEmpty() ? Optional.of(chosen) : Optional.empty(); // another instance may win
    }

    private static void requireUsername(String username) {
        try {
            User.requireValidName(username);
        } catch (IllegalArgumentException e) {
            throw UseCaseException.Invalid.of("username", e.getMessage());
        }
    }

    private static void requirePassword(String field, String password) {
        // bcrypt reads at most 72 bytes: a longer password (in UTF-8, so fewer characters outside ASCII) is refused
        if (password == null || password.length() < MIN_PASSWORD
                || password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw UseCaseException.Invalid.of(field, "a password of " + MIN_PASSWORD + " characters to "
                    + MAX_PASSWORD_BYTES + " bytes (UTF-8) is required");
        }
    }

    private static ApiKeyView view(ApiKey k) {
        return new ApiKeyView(k.prefix(), k.name(), k.role(), k.owner(), k.createdAt(), k.revokedAt());
    }

    private static UserView view(User u) {
        return new UserView(u.username(), u.role(), u.createdAt());
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private String randomToken(int n) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(n));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
