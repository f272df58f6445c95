package io.attune.application.fake;

import io.attune.application.port.out.IdentityChanges;
import io.attune.application.port.out.IdentityRepository;
import io.attune.domain.identity.ApiKey;
import io.attune.domain.identity.Role;
import io.attune.domain.identity.User;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Users, API keys and refresh tokens in maps; every method is atomic, and its changes of users and keys are heard at
 * once by {@link #changes()} (the maps take no part in transactions, so a change counts as committed when made).
 */
public final class InMemoryIdentities implements IdentityRepository {

    private final Map<String, User> users = new TreeMap<>();
    private final Map<String, ApiKey> keys = new TreeMap<>();
    private final Map<String, RefreshToken> tokens = new TreeMap<>();
    private final List<Runnable> subscribers = new CopyOnWriteArrayList<>();
    private final IdentityChanges changes = new IdentityChanges() {
        @Override
        public void subscribe(Runnable changed) {
            subscribers.add(changed);
        }

        @Override
        public boolean live() {
            return true;
        }
    };

    /** The feed of this fake's changes of users and API keys: always live. */
    public IdentityChanges changes() {
        return changes;
    }

    private <T> T changed(T result) {
        subscribers.forEach(Runnable::run);
        return result;
    }

    public synchronized void clear() {
        users.clear();
        keys.clear();
        tokens.clear();
        changed(true);
    }

    @Override
    public synchronized Optional<User> findUser(String username) {
        return Optional.ofNullable(users.get(username));
    }

    @Override
    public synchronized List<User> users() {
        return List.copyOf(users.values());
    }

    @Override
    public synchronized boolean insertUser(User user) {
        return changed(users.putIfAbsent(user.username(), user) == null);
    }

    @Override
    public synchronized boolean updateUser(User user) {
        return changed(users.replace(user.username(), user) != null);
    }

    @Override
    public synchronized boolean deleteUser(String username) {
        keys.values().removeIf(k -> k.owner().equals(username));
        tokens.values().removeIf(t -> t.username().equals(username));
        return changed(users.remove(username) != null);
    }

    @Override
    public synchronized long countUsers(Role role) {
        return users.values().stream().filter(u -> u.role() == role).count();
    }

    @Override
    public synchronized void insertApiKey(ApiKey key) {
        if (keys.putIfAbsent(key.prefix(), key) != null) {
            throw new IllegalStateException("duplicate api key prefix " + key.prefix());
        }
        changed(key);
    }

    @Override
    public synchronized Optional<ApiKey> findApiKey(String prefix) {
        return Optional.ofNullable(keys.get(prefix));
    }

    @Override
    public synchronized List<ApiKey> apiKeys() {
        return keys.values().stream().sorted(Comparator.comparing(ApiKey::createdAt).reversed()
                .thenComparing(ApiKey::prefix)).toList();
    }

    @Override
    public synchronized boolean revokeApiKey(String prefix, Instant at) {
        ApiKey k = keys.get(prefix);
        if (k == null || k.isRevoked()) {
            return false;
        }
        keys.put(prefix, new ApiKey(k.prefix(), k.name(), k.hash(), k.role(), k.owner(), k.createdAt(), Optional.of(at)));
        return changed(true);
    }

    @Override
    public synchronized void insertRefreshToken(RefreshToken token) {
        tokens.put(token.hash(), token);
    }

    @Override
    public synchronized Optional<RefreshToken> findRefreshToken(String hash) {
        return Optional.ofNullable(tokens.get(hash));
    }

    @Override
    public synchronized boolean useRefreshToken(String hash, Instant at) {
        RefreshToken t = tokens.get(hash);
        if (t == null || t.usedAt().isPresent()) {
            return false;
        }
        tokens.put(hash, new RefreshToken(t.hash(), t.username(), t.expiresAt(), Optional.of(at), t.session()));
        return true;
    }

    @Override
    public synchronized boolean sessionActive(String session, Instant now) {
        return tokens.values().stream().anyMatch(t -> t.session() != null && t.session().equals(session)
                && t.usedAt().isEmpty() && t.expiresAt().isAfter(now));
    }

    @Override
    public synchronized void revokeRefreshTokens(String username, Instant at) {
        tokens.replaceAll((h, t) -> t.username().equals(username) && t.usedAt().isEmpty()
                ? new RefreshToken(t.hash(), t.username(), t.expiresAt(), Optional.of(at), t.session()) : t);
    }
}
