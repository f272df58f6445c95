package io.attune.bootstrap.secrets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
            if (Files.exists(file)) {
                return check(Files.readString(file, StandardCharsets.US_ASCII).trim(), "the file " + file);
            }
            Files.createDirectories(dataDir);
            byte[] random = new byte[48];
            new SecureRandom().nextBytes(random);
            String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            try {
                if (Files.getFileStore(dataDir).supportsFileAttributeView("posix")) {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } else {
                    Files.createFile(file);
                }
            } catch (FileAlreadyExistsException raced) {
                return check(Files.readString(file, StandardCharsets.US_ASCII).trim(), "the file " + file);
            }
            Files.writeString(file, secret + "\n", StandardCharsets.US_ASCII);
            return secret;
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
