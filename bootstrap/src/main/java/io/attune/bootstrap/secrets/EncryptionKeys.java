package io.attune.bootstrap.secrets;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Where the encryption key of secrets comes from: {@code ATTUNE_ENCRYPTION_KEY} (base64 of 32 bytes) when set, else
 * {@code <data dir>/encryption.key}, generated once with permissions 0600 (owner only) when it does not exist.
 */
public final class EncryptionKeys {

    /** The environment variable that holds the key. */
    public static final String VARIABLE = "ATTUNE_ENCRYPTION_KEY";
    /** The file under the data directory that holds the key when the variable is unset. */
    public static final String FILE = "encryption.key";

    /** The key bytes and where they came from, for the log. */
    public record Loaded(byte[] key, String source) {
    }

    private EncryptionKeys() {
    }

    /** The key of {@code configured} (the variable's value) when it is not blank, else the data directory's file. */
    public static Loaded load(Optional<String> configured, Path dataDir) {
        if (configured.isPresent() && !configured.get().isBlank()) {
            return new Loaded(parse(configured.get(), VARIABLE), VARIABLE);
        }
        Path file = dataDir.resolve(FILE);
        try {
            OwnerOnlyFile.Text stored = OwnerOnlyFile.readOrCreate(file, () -> {
                byte[] key = new byte[AesGcmSecretCipher.KEY_BYTES];
                new SecureRandom().nextBytes(key);
                return Base64.getEncoder().encodeToString(key);
            });
            return new Loaded(parse(stored.text(), "the encryption key file " + file),
                    stored.created() ? file + " (generated now)" : file.toString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or create the encryption key file " + file + ": " + e.getMessage()
                    + "; set " + VARIABLE + " or fix the data directory (ATTUNE_DATA_DIR)");
        }
    }

    /** Checks a configured key without keeping it: throws IllegalStateException naming {@code source} when invalid. */
    public static byte[] parse(String base64, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + " is not valid base64: it must be the base64 of 32 random bytes"
                    + " (make one with: openssl rand -base64 32)");
        }
        if (key.length != AesGcmSecretCipher.KEY_BYTES) {
            throw new IllegalStateException(source + " holds " + key.length + " bytes: it must be the base64 of 32"
                    + " random bytes (make one with: openssl rand -base64 32)");
        }
        return key;
    }
}
