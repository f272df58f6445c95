package io.attune.bootstrap.wiring;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The roles this instance plays ({@code ATTUNE_ROLES}: api, executor, worker, sensor; all by default). */
@Singleton
public class Roles {

    private final Set<String> roles;

    public Roles(@Value("${attune.roles:api,executor,worker,sensor}") String roles) {
        this.roles = Arrays.stream(roles.split(",")).map(r -> r.trim().toLowerCase(Locale.ROOT))
                .filter(r -> !r.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    public boolean has(String role) {
        return roles.contains(role);
    }

    public Set<String> all() {
        return roles;
    }
}
