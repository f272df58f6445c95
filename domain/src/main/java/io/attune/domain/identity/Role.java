package io.attune.domain.identity;

import java.util.Arrays;
import java.util.Locale;

/**
 * What a user or API key may do: {@code admin} everything; {@code operator} run and cancel actions, send events,
 * manage rules and keys; {@code viewer} read only, never a secret value.
 */
public enum Role {
    ADMIN, OPERATOR, VIEWER;

    /** The name used in the API, tokens and the database. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role of that code; IllegalArgumentException naming the codes otherwise. */
    public static Role parse(String code) {
        return Arrays.stream(values()).filter(r -> r.code().equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown role '" + code
                        + "': use admin, operator or viewer"));
    }
}
