package io.attune.application.port.out;

import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.domain.key.Key;
import io.attune.domain.key.KeyScope;
import java.util.Optional;

/** Stored keys; the value is stored as the service hands it over (sealed by {@link SecretCipher} for a secret key). */
public interface KeyRepository {

    Optional<Key> find(String name, KeyScope scope);

    /** Keys ordered by scope then name; empty filters mean any. */
    Page<Key> list(Optional<KeyScope> scope, Optional<String> namePrefix, PageRequest page);

    /** Inserts or replaces by (scope, name). */
    void put(Key key);

    boolean delete(String name, KeyScope scope);
}
