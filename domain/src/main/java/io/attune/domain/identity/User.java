package io.attune.domain.identity;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/** A person who logs in; only the hash of the password is kept. */
public record User(String username, String passwordHash, Role role, Instant createdAt) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.@\\-]{0,63}");

    public User {
        requireValidName(username);
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public static String requireValidName(String username) {
        if (username == null || !NAME.matcher(username).matches()) {
            throw new IllegalArgumentException("invalid username: use letters, digits, '_', '-', '.' and '@',"
                    + " at most 64 characters");
        }
        return username;
    }

    public User withRole(Role newRole) {
        return new User(username, passwordHash, newRole, createdAt);
    }

    public User withPasswordHash(String newHash) {
        return new User(username, newHash, role, createdAt);
    }
}
