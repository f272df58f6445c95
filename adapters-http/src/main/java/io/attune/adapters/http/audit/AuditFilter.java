package io.attune.adapters.http.audit;

import io.attune.adapters.http.support.Backpressure;
import io.attune.adapters.http.support.ClientAddress;
import io.attune.application.port.in.AuditTrail;
import io.attune.domain.audit.AuditEntry;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.security.Principal;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Records in the audit trail every request {@link AuditActions} names, whatever its outcome, and every request under
 * {@code /api/v1} that was denied (401, 403, 429 but for a refusal for load), with who made it (the authenticated principal, else
 * {@code anonymous}), the path, the status and the client's address. Never the body, never a query string.
 */
@ServerFilter("/api/v1/**")
public final class AuditFilter {

    /** A request attribute naming the actor when no principal is known yet (the username of a login). */
    public static final String ACTOR = "attune.audit.actor";

    private final AuditTrail audit;
    private final Clock clock;

    AuditFilter(AuditTrail audit) {
        this.audit = audit;
        this.clock = Clock.systemUTC();
    }

    @ResponseFilter
    public void record(HttpRequest<?> request, HttpResponse<?> response) {
        int status = response.getStatus().getCode();
        // a refusal for load (backpressure) is no denial of access: a burst of them would flood the trail
        boolean denied = status == 401 || status == 403
                || (status == 429 && request.getAttribute(Backpressure.REFUSED).isEmpty());
        String method = request.getMethodName();
        String path = request.getPath();
        boolean decrypt = request.getParameters().get("decrypt", Boolean.class).orElse(false);
        Optional<String> action = AuditActions.of(method, path, decrypt);
        if (action.isEmpty() && !denied) {
            return;
        }
        AuditEntry.Outcome outcome = denied ? AuditEntry.Outcome.DENIED
                : status < 400 ? AuditEntry.Outcome.SUCCEEDED : AuditEntry.Outcome.FAILED;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("method", method);
        details.put("status", status);
        ClientAddress.of(request).ifPresent(a -> details.put("address", a));
        String actor = request.getUserPrincipal().map(Principal::getName)
                .or(() -> request.getAttribute(AuditFilter.ACTOR, String.class)).orElse("anonymous");
        audit.record(new AuditEntry(0, clock.instant(), actor, action.orElse("request"), path, outcome, details));
    }
}
