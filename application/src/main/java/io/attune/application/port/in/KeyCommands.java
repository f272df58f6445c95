package io.attune.application.port.in;

import io.attune.domain.key.KeyScope;
import java.time.Instant;
import java.util.Optional;

/** The datastore of keys: values of secret keys are returned only by {@link #reveal}. */
public interface KeyCommands {

    /** Creates or replaces a key; returns it as it may be shown. */
    KeyView put(PutKey command);

    /** A key as it may be shown; NotFound if absent or expired. */
    KeyView get(String name, KeyScope scope);

    /**
     * A key with its value in clear, a secret one decrypted: for an administrator who asks explicitly. NotFound if
     * absent or expired; Conflict, naming the key but not the value, when a secret value cannot be decrypted (sealed
     * with another encryption key, or altered).
     */
    KeyView reveal(String name, KeyScope scope);

    Page<KeyView> list(Optional<KeyScope> scope, Optional<String> prefix, PageRequest page);

    /** Removes a key; NotFound if absent. */
    void delete(String name, KeyScope scope);

    /** Set a key; {@code ttlSeconds} makes it expire. */
    record PutKey(String name, KeyScope scope, String value, boolean secret, Optional<Long> ttlSeconds) {
        public PutKey {
            ttlSeconds = ttlSeconds == null ? Optional.empty() : ttlSeconds;
        }
    }

    /** A key for display: {@code value} is empty for a secret key, except when {@link #reveal revealed}. */
    record KeyView(String name, KeyScope scope, Optional<String> value, boolean secret, Optional<Instant> expiresAt) {
    }
}
