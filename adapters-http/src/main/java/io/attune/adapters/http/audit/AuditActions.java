package io.attune.adapters.http.audit;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which requests the audit trail records, and under which action name: the changes a person makes (packs, rules,
 * keys, executions, answers to inquiries, users, API keys, logins) and reads of secret values. Reads and the
 * machine-made streams (events, webhooks) are not recorded, except when they are denied (see {@link AuditFilter}).
 */
final class AuditActions {

    private record Rule(String method, Pattern path, String action) {
    }

    private static final String SEGMENT = "[^/]+";
    private static final List<Rule> RULES = List.of(
            rule("POST", "/api/v1/auth/login", "auth.login"),
            rule("POST", "/api/v1/auth/refresh", "auth.refresh"),
            rule("POST", "/api/v1/auth/api-keys", "api_key.create"),
            rule("DELETE", "/api/v1/auth/api-keys/" + SEGMENT, "api_key.revoke"),
            rule("POST", "/api/v1/users", "user.create"),
            rule("PATCH", "/api/v1/users/" + SEGMENT, "user.update"),
            rule("PUT", "/api/v1/users/" + SEGMENT, "user.update"),
            rule("DELETE", "/api/v1/users/" + SEGMENT, "user.delete"),
            rule("POST", "/api/v1/packs/install", "pack.install"),
            rule("POST", "/api/v1/packs/upload", "pack.install"),
            rule("DELETE", "/api/v1/packs/" + SEGMENT, "pack.uninstall"),
            rule("POST", "/api/v1/rules", "rule.create"),
            rule("PUT", "/api/v1/rules/" + SEGMENT, "rule.update"),
            rule("DELETE", "/api/v1/rules/" + SEGMENT, "rule.delete"),
            rule("POST", "/api/v1/rules/" + SEGMENT + "/enable", "rule.enable"),
            rule("POST", "/api/v1/rules/" + SEGMENT + "/disable", "rule.disable"),
            rule("PUT", "/api/v1/keys/" + SEGMENT, "key.write"),
            rule("DELETE", "/api/v1/keys/" + SEGMENT, "key.delete"),
            rule("POST", "/api/v1/executions", "execution.run"),
            rule("POST", "/api/v1/executions/" + SEGMENT + "/cancel", "execution.cancel"),
            rule("POST", "/api/v1/executions/" + SEGMENT + "/rerun", "execution.rerun"),
            rule("POST", "/api/v1/executions/" + SEGMENT + "/pause", "execution.pause"),
            rule("POST", "/api/v1/executions/" + SEGMENT + "/resume", "execution.resume"),
            rule("POST", "/api/v1/inquiries/" + SEGMENT + "/respond", "inquiry.respond"),
            rule("POST", "/api/v1/dead-letters/" + SEGMENT + "/replay", "dead_letter.replay"),
            rule("PUT", "/api/v1/retention", "retention.update"));

    private AuditActions() {
    }

    private static Rule rule(String method, String path, String action) {
        return new Rule(method, Pattern.compile(path), action);
    }

    /** The action a request is recorded as, when it is one the trail records whatever its outcome. */
    static Optional<String> of(String method, String path, boolean decrypt) {
        if ("GET".equals(method) && decrypt && path.matches("/api/v1/keys/" + SEGMENT)) {
            return Optional.of("key.read_secret");
        }
        String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return RULES.stream().filter(r -> r.method().equals(method) && r.path().matcher(trimmed).matches())
                .map(Rule::action).findFirst();
    }
}
