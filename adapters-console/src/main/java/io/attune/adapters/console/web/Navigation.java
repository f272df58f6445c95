package io.attune.adapters.console.web;

import io.attune.domain.identity.Role;
import java.util.List;

/**
 * The console's navigation: one entry per page area that exists (no link to a page not built yet), shown to the
 * roles that may open it. A new page area adds its entry here.
 */
public final class Navigation {

    /** One link of the navigation bar; {@code key} marks the active one. */
    public record Entry(String key, String label, String href, Role minimum) {
    }

    public static final List<Entry> ENTRIES = List.of(
            new Entry("dashboard", "Dashboard", "/", Role.VIEWER),
            new Entry("executions", "Executions", "/executions", Role.VIEWER),
            new Entry("actions", "Run an action", "/actions", Role.VIEWER),
            new Entry("workflows", "Workflows", "/workflows", Role.VIEWER),
            new Entry("inquiries", "Inquiries", "/inquiries", Role.VIEWER),
            new Entry("rules", "Rules", "/rules", Role.VIEWER),
            new Entry("packs", "Packs", "/packs", Role.VIEWER),
            new Entry("triggers", "Triggers", "/triggers", Role.VIEWER),
            new Entry("sensors", "Sensors", "/sensors", Role.VIEWER),
            new Entry("keys", "Keys", "/keys", Role.VIEWER),
            new Entry("audit", "Audit", "/audit", Role.ADMIN),
            new Entry("users", "Users", "/users", Role.ADMIN));

    private Navigation() {
    }

    /** The entries this user may open. */
    public static List<Entry> visibleTo(ConsoleUser user) {
        return ENTRIES.stream().filter(e -> user.may(e.minimum())).toList();
    }
}
