package io.attune.application.service;

import io.attune.application.port.in.KeyCommands;
import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.application.port.in.UseCaseException;
import io.attune.application.port.out.KeyRepository;
import io.attune.application.port.out.TransactionRunner;
import io.attune.domain.key.Key;
import io.attune.domain.key.KeyScope;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** The datastore: sets, shows and removes keys, never showing a secret value. */
public final class KeyCommandService implements KeyCommands {

    /** Largest value accepted, in characters. */
    public static final int MAX_VALUE_LENGTH = 64 * 1024;

    private final KeyRepository keys;
    private final TransactionRunner tx;
    private final Clock clock;

    public KeyCommandService(KeyRepository keys, TransactionRunner tx, Clock clock) {
        this.keys = keys;
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public KeyView put(PutKey command) {
        if (command.value() == null) {
            throw UseCaseException.Invalid.of("value", "a value is required");
        }
        if (command.value().length() > MAX_VALUE_LENGTH) {
            throw UseCaseException.Invalid.of("value", "a value may hold at most " + MAX_VALUE_LENGTH + " characters");
        }
        if (command.scope() == null) {
            throw UseCaseException.Invalid.of("scope", "a scope is required: 'system' or 'pack:<name>'");
        }
        Optional<Instant> expiresAt = Optional.empty();
        if (command.ttlSeconds().isPresent()) {
            long ttl = command.ttlSeconds().get();
            if (ttl < 1) {
                throw UseCaseException.Invalid.of("ttl", "ttl must be a positive number of seconds, got " + ttl);
            }
            expiresAt = Optional.of(clock.instant().plusSeconds(ttl));
        }
        Key key;
        try {
            key = new Key(command.name(), command.scope(), command.value(), command.secret(), expiresAt);
        } catch (IllegalArgumentException e) {
            throw UseCaseException.Invalid.of("name", e.getMessage());
        }
        tx.run(() -> keys.put(key));
        return view(key);
    }

    @Override
    public KeyView get(String name, KeyScope scope) {
        Instant now = clock.instant();
        return tx.readOnly(() -> keys.find(name, scope))
                .filter(k -> !k.isExpired(now))
                .map(KeyCommandService::view)
                .orElseThrow(() -> new UseCaseException.NotFound("key", scope.code() + "/" + name));
    }

    @Override
    public Page<KeyView> list(Optional<KeyScope> scope, Optional<String> prefix, PageRequest page) {
        return tx.readOnly(() -> keys.list(scope, prefix, page)).map(KeyCommandService::view);
    }

    @Override
    public void delete(String name, KeyScope scope) {
        tx.run(() -> {
            if (!keys.delete(name, scope)) {
                throw new UseCaseException.NotFound("key", scope.code() + "/" + name);
            }
        });
    }

    private static KeyView view(Key key) {
        return new KeyView(key.name(), key.scope(), key.secret() ? Optional.empty() : Optional.of(key.value()),
                key.secret(), key.expiresAt());
    }
}
