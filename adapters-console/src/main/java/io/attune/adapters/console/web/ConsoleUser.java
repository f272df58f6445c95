package io.attune.adapters.console.web;

import io.attune.domain.identity.Role;

/** The person signed in to the console, with the role their access token carries (checked against the database). */
public record ConsoleUser(String name, Role role) {

    /** Whether this user's role is {@code minimum} or a higher one (admin above operator above viewer). */
    public boolean may(Role minimum) {
        return role.ordinal() <= minimum.ordinal();
    }

    /** May run, cancel and rerun executions: what the API allows operators. */
    public boolean mayOperate() {
        return may(Role.OPERATOR);
    }

    public boolean isAdmin() {
        return may(Role.ADMIN);
    }
}
