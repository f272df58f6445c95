package io.attune.application.service;

import io.attune.application.port.in.KeyCommands;
import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.application.port.in.UseCaseException;
import io.attune.application.port.out.KeyRepository;
import io.attune.application.port.out.SecretCipher;
import io.attune.application.port.out.TransactionRunner;
import io.attune.domain.key.Key;
import io.attune.domain.key.KeyScope;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The datastore: sets, shows and removes keys. A secret value is sealed before it is stored and shown only by
 * {@link #reveal}; {@link #sealSecretsInClear} seals, once, the secret values earlier versions stored in clear.
 */
public final class KeyCommandService implements KeyCommands {

    /** Largest value accepted, in characters. */
    public static final int MAX_VALUE_LENGTH = 64 * 1024;

    private static final System.Logger LOG = System.getLogger(KeyCommandService.class.getName());

    private final KeyRepository keys;
    private final Secrets secrets;
    private final TransactionRunner tx;
    private final Clock clock;

    public KeyCommandService(KeyRepository keys, SecretCipher cipher, TransactionRunner tx, Clock clock) {
        this.keys = keys;
        this.secrets = new Secrets(cipher);
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
        Key stored = secrets.sealed(key);
        tx.run(() -> keys.put(stored));
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
    public KeyView reveal(String name, KeyScope scope) {
        Instant now = clock.instant();
        Key key = tx.readOnly(() -> keys.find(name, scope)).filter(k -> !k.isExpired(now))
                .orElseThrow(() -> new UseCaseException.NotFound("key", scope.code() + "/" + name));
        return new KeyView(key.name(), key.scope(), Optional.of(secrets.valueOf(key)), key.secret(), key.expiresAt());
    }

    /**
     * Seals every secret value still stored in clear (by a version that did not encrypt); returns how many. Idempotent:
     * a sealed value is left as it is, so every instance may run it at startup.
     */
    public int sealSecretsInClear() {
        int sealed = 0;
        PageRequest page = PageRequest.first(PageRequest.MAX_LIMIT);
        while (true) {
            PageRequest current = page;
            List<Key> items = tx.readOnly(() -> keys.list(Optional.empty(), Optional.empty(), current)).items();
            for (Key key : items) {
                // read again just before the write, so that a value put since the page was read is rarely overwritten
                // (without a row lock a PUT in the same instant can still lose; it runs once, at startup)
                if (secrets.inClear(key) && tx.inTransaction(() -> keys.find(key.name(), key.scope())
                        .filter(secrets::inClear).map(k -> {
                            keys.put(secrets.sealed(k));
                            return true;
                        }).orElse(false))) {
                    sealed++;
                }
            }
            if (items.size() < page.limit()) {
                break;
            }
            page = new PageRequest(page.limit(), page.offset() + page.limit());
        }
        if (sealed > 0) {
            LOG.log(System.Logger.Level.INFO, "encrypted {0} secret key value(s) stored in clear by an earlier version", sealed);
        }
        return sealed;
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
