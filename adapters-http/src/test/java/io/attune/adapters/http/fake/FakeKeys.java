package io.attune.adapters.http.fake;

import io.attune.application.port.in.KeyCommands;
import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.application.port.in.UseCaseException;
import io.attune.domain.key.Key;
import io.attune.domain.key.KeyScope;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** An in-memory datastore with a fixed clock; like the real one it never hands out a secret value. */
@Singleton
public final class FakeKeys implements KeyCommands {

    /** The fake's "now": expiry times are computed from it. */
    public static final Instant NOW = Instant.parse("2030-01-02T03:04:05.678Z");

    private final Map<String, Key> keys = new ConcurrentSkipListMap<>();

    public void reset() {
        keys.clear();
    }

    /** The stored key, secret value included, for assertions on what the API passed in. */
    public Optional<Key> stored(String name, KeyScope scope) {
        return Optional.ofNullable(keys.get(id(name, scope)));
    }

    @Override
    public KeyView put(PutKey command) {
        if (command.ttlSeconds().isPresent() && command.ttlSeconds().get() < 1) {
            throw UseCaseException.Invalid.of("ttl", "ttl must be a positive number of seconds, got "
                    + command.ttlSeconds().get());
        }
        Key key = new Key(command.name(), command.scope(), command.value(), command.secret(),
                command.ttlSeconds().map(NOW::plusSeconds));
        keys.put(id(key.name(), key.scope()), key);
        return view(key);
    }

    @Override
    public KeyView get(String name, KeyScope scope) {
        return Optional.ofNullable(keys.get(id(name, scope))).map(FakeKeys::view)
                .orElseThrow(() -> new UseCaseException.NotFound("key", scope.code() + "/" + name));
    }

    /** Reveals a key; one named {@code unreadable} stands for a value sealed with another encryption key. */
    @Override
    public KeyView reveal(String name, KeyScope scope) {
        Key key = Optional.ofNullable(keys.get(id(name, scope)))
                .orElseThrow(() -> new UseCaseException.NotFound("key", scope.code() + "/" + name));
        if (name.equals("unreadable")) {
            throw new UseCaseException.Conflict("the secret key 'unreadable' (system) cannot be decrypted: it was"
                    + " encrypted with another encryption key (id 0badc0de; the key in use has id 12345678)");
        }
        return new KeyView(key.name(), key.scope(), Optional.of(key.value()), key.secret(), key.expiresAt());
    }

    @Override
    public Page<KeyView> list(Optional<KeyScope> scope, Optional<String> prefix, PageRequest page) {
        return Pages.of(keys.values().stream()
                .filter(k -> scope.map(k.scope()::equals).orElse(true))
                .filter(k -> prefix.map(k.name()::startsWith).orElse(true))
                .map(FakeKeys::view)
                .toList(), page);
    }

    @Override
    public void delete(String name, KeyScope scope) {
        if (keys.remove(id(name, scope)) == null) {
            throw new UseCaseException.NotFound("key", scope.code() + "/" + name);
        }
    }

    private static String id(String name, KeyScope scope) {
        return scope.code() + "/" + name;
    }

    private static KeyView view(Key key) {
        return new KeyView(key.name(), key.scope(), key.secret() ? Optional.empty() : Optional.of(key.value()),
                key.secret(), key.expiresAt());
    }
}
