package io.attune.adapters.console.web;

import java.util.List;
import java.util.Optional;

/**
 * What the shared layout needs on every page: the title, the active navigation entry, the signed-in user (empty on
 * the login page), and the CSRF token for the page's forms and htmx requests.
 */
public record PageContext(String title, String active, Optional<ConsoleUser> user, String csrfToken,
                          List<Navigation.Entry> navigation) {

    public boolean signedIn() {
        return user.isPresent();
    }

    /** Whether the signed-in user may run, cancel and rerun executions (an operator or an admin). */
    public boolean mayOperate() {
        return user.map(ConsoleUser::mayOperate).orElse(false);
    }

    /** Whether the signed-in user may install and uninstall packs and manage users (an admin). */
    public boolean mayAdminister() {
        return user.map(ConsoleUser::isAdmin).orElse(false);
    }

    /** The htmx headers of every request the page makes: its CSRF token, as JSON for {@code hx-headers}. */
    public String htmxHeaders() {
        return "{\"" + Csrf.HEADER + "\": \"" + csrfToken + "\"}";
    }
}
