package io.attune.domain.identity;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A long-lived credential for scripts: shown once as {@code attk_<prefix>_<secret>}, stored as its prefix (to find
 * and list it) and the SHA-256 of the whole key; it acts with its own role.
 */
public record ApiKey(String prefix, String name, String hash, Role role, String owner, Instant createdAt,
                     Optional<Instant> revokedAt) {

    public ApiKey {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(createdAt, "createdAt");
        revokedAt = revokedAt == null ? Optional.empty() : revokedAt;
    }

    public boolean isRevoked() {
        return revokedAt.isPresent();
    }
}
