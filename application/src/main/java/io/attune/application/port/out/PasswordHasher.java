package io.attune.application.port.out;

/** Hashes passwords with a slow, salted algorithm (bcrypt in production). */
public interface PasswordHasher {

    String hash(String password);

    /** Whether the password matches the hash; false for a hash it cannot read. */
    boolean verify(String password, String hash);
}
