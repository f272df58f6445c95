package io.attune.adapters.console.audit;

import io.attune.adapters.console.web.Pages;
import io.attune.adapters.console.web.Paging;
import io.attune.adapters.console.web.RequiresRole;
import io.attune.application.port.in.AuditTrail;
import io.attune.application.port.in.AuditTrail.AuditFilter;
import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.domain.audit.AuditEntry;
import io.attune.domain.identity.Role;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The audit trail, newest first, filtered by actor and outcome: admins only, as the API's {@code GET /api/v1/audit}. */
@Controller("/audit")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
@RequiresRole(Role.ADMIN)
public final class AuditController {

    static final int PAGE = 50;

    private final AuditTrail audit;
    private final Pages pages;

    AuditController(AuditTrail audit, Pages pages) {
        this.audit = audit;
        this.pages = pages;
    }

    @Get
    public Object list(HttpRequest<?> request, @Nullable @QueryValue String actor, @Nullable @QueryValue String outcome,
                       @QueryValue(defaultValue = "0") int offset) {
        String who = actor == null ? "" : actor.strip();
        Optional<AuditEntry.Outcome> result = Arrays.stream(AuditEntry.Outcome.values())
                .filter(o -> o.name().equalsIgnoreCase(outcome == null ? "" : outcome.strip())).findFirst();
        Page<AuditEntry> page = audit.list(new AuditFilter(who.isEmpty() ? Optional.empty() : Optional.of(who),
                Optional.empty(), result, Optional.empty(), Optional.empty()), new PageRequest(PAGE, Math.max(0, offset)));
        String query = (who.isEmpty() ? "" : "actor=" + URLEncoder.encode(who, StandardCharsets.UTF_8))
                + result.map(o -> (who.isEmpty() ? "" : "&") + "outcome=" + o.name().toLowerCase()).orElse("");
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("entries", page.items());
        model.put("actor", who);
        model.put("outcome", result.map(o -> o.name().toLowerCase()).orElse(""));
        model.put("paging", Paging.of(page, query));
        return pages.page(request, "audit/list", "Audit trail", "audit", model);
    }
}
