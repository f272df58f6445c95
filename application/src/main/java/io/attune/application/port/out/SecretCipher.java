package io.attune.application.port.out;

/**
 * Outgoing port that encrypts secret values at rest and decrypts them only where they are used. A sealed value
 * names the encryption key that sealed it, so a value sealed with another key is reported as such, never decrypted
 * into garbage. Implementations are thread-safe.
 */
public interface SecretCipher {

    /** The short fingerprint of the encryption key in use, as written into every value it seals. */
    String keyId();

    /** Encrypts {@code clear}; every call uses a fresh random nonce, so equal values seal differently. */
    String seal(String clear);

    /**
     * Decrypts a value {@link #seal} produced. Throws {@link Unreadable} when the value is not in a sealed format, was
     * sealed with another encryption key, or was altered; its message never contains the value.
     */
    String open(String sealed);

    /** Whether a stored value has the sealed form (not whether this key can open it). */
    boolean isSealed(String stored);

    /**
     * A keyed, deterministic digest of {@code clear}: equal values give equal digests under one encryption key, and
     * the digest reveals nothing of the value (for grouping by a secret, e.g. in policy queues).
     */
    String digest(String clear);

    /** A stored value this cipher cannot decrypt; the message names the key ids involved, never the value. */
    final class Unreadable extends RuntimeException {

        /** Why the value cannot be decrypted. */
        public enum Reason {
            /** Sealed with another encryption key (its id is in the value). */
            OTHER_KEY,
            /** The value does not authenticate: altered, truncated, or sealed with another key of the same id. */
            TAMPERED,
            /** Not a sealed value of a known format version. */
            MALFORMED
        }

        private final Reason reason;

        public Unreadable(Reason reason, String message) {
            super(message, null, false, false);
            this.reason = reason;
        }

        public Reason reason() {
            return reason;
        }
    }
}
