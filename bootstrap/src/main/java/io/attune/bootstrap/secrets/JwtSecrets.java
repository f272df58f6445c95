package io.attune.bootstrap.secrets;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Where the secret that signs access tokens (HS256) comes from: {@code ATTUNE_JWT_SECRET} (at least 32 characters)
 * when set, else {@code <data dir>/jwt.secret}, generated once with permissions 0600. Instances that share a database
 * must share it, or a token of one is refused by the others.
 */
public final class JwtSecrets {

    public static final String VARIABLE = "ATTUNE_JWT_SECRET";
    public static final String FILE = "jwt.secret";
    private static final int MIN_LENGTH = 32;

    private JwtSecrets() {
    }

    public static String load(Optional<String> configured, Path dataDir) {
        if (configured.isPresent() && !configured.get().isBlank()) {
            return check(configured.get().trim(), VARIABLE);
        }
        Path file = dataDir.resolve(FILE);
        try {
            return check(OwnerOnlyFile.readOrCreate(file, () -> {
                byte[] random = new byte[48];
                new SecureRandom().nextBytes(random);
                return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            }).text(), "the file " + file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or create the token signing secret " + file + ": "
                    + e.getMessage() + "; set " + VARIABLE + " or fix the data directory (ATTUNE_DATA_DIR)");
        }
    }

    private static String check(String secret, String source) {
        if (secret.length() < MIN_LENGTH) {
            throw new IllegalStateException(source + " holds a token signing secret of " + secret.length()
                    + " characters: it must have at least " + MIN_LENGTH + " (make one with: openssl rand -base64 48)");
        }
        return secret;
    }
}
