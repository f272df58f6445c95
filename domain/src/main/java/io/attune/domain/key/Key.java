package io.attune.domain.key;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** A named value in the datastore; a secret one is never shown in clear. */
public record Key(String name, KeyScope scope, String value, boolean secret, Optional<Instant> expiresAt) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.\\-]{0,255}");

    public Key {
        requireValidName(name);
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(value, "value");
        expiresAt = expiresAt == null ? Optional.empty() : expiresAt;
    }

    public static String requireValidName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid key name '" + name
                    + "': use letters, digits, '_', '-' and '.', at most 256 characters");
        }
        return name;
    }

    /** Whether the key has expired at {@code now}. */
    public boolean isExpired(Instant now) {
        return expiresAt.map(e -> !e.isAfter(now)).orElse(false);
    }
}
