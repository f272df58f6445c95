package io.attune.bootstrap.secrets;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.attune.application.port.out.PasswordHasher;
import java.nio.charset.StandardCharsets;

/** Passwords hashed with bcrypt (at.favre.lib:bcrypt, version 2a, a random salt each time). */
public final class BcryptPasswordHasher implements PasswordHasher {

    private final int cost;

    public BcryptPasswordHasher(int cost) {
        this.cost = cost;
    }

    @Override
    public String hash(String password) {
        return BCrypt.withDefaults().hashToString(cost, password.toCharArray());
    }

    @Override
    public boolean verify(String password, String hash) {
        try {
            return BCrypt.verifyer().verify(password.getBytes(StandardCharsets.UTF_8),
                    hash.getBytes(StandardCharsets.UTF_8)).verified;
        } catch (IllegalArgumentException e) {
            return false; // not a bcrypt hash
        }
    }
}
