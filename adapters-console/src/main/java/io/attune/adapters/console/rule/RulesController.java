package io.attune.adapters.console.rule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.attune.adapters.console.web.ConsoleFilter;
import io.attune.adapters.console.web.Form;
import io.attune.adapters.console.web.Pages;
import io.attune.adapters.console.web.Paging;
import io.attune.adapters.console.web.RequiresRole;
import io.attune.application.port.in.CatalogQueries;
import io.attune.application.port.in.CatalogQueries.RuleFilter;
import io.attune.application.port.in.EventQueries;
import io.attune.application.port.in.EventQueries.EnforcementFilter;
import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.application.port.in.RuleCommands;
import io.attune.application.port.in.RuleEnforcement;
import io.attune.application.port.in.RuleEnforcement.RuleTest;
import io.attune.application.port.in.UseCaseException;
import io.attune.domain.common.Ref;
import io.attune.domain.enforcement.Enforcement;
import io.attune.domain.identity.Role;
import io.attune.domain.rule.Rule;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rules: a list (by pack, enabled or not), a rule's page with its criteria and action parameters, the buttons
 * enable and disable (operators and admins, as the API's {@code POST /api/v1/rules/**}), the dry-run tester (a payload
 * in; whether it matched, the criterion that failed and why, the rendered parameters out: the API's
 * {@code POST /api/v1/rules/{ref}/test}), and the rule's recent enforcements, the failed ones with their reason.
 */
@Controller("/rules")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
public final class RulesController {

    static final int PAGE = 50;
    static final int ENFORCEMENTS = 20;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final CatalogQueries catalog;
    private final RuleCommands commands;
    private final RuleEnforcement enforcement;
    private final EventQueries events;
    private final Pages pages;

    RulesController(CatalogQueries catalog, RuleCommands commands, RuleEnforcement enforcement, EventQueries events,
                    Pages pages) {
        this.catalog = catalog;
        this.commands = commands;
        this.enforcement = enforcement;
        this.events = events;
        this.pages = pages;
    }

    @Get
    public Object list(HttpRequest<?> request, @Nullable @QueryValue String pack, @Nullable @QueryValue String enabled,
                       @QueryValue(defaultValue = "0") int offset) {
        String packName = pack == null ? "" : pack.strip();
        boolean validPack = packName.isEmpty() || Ref.isValidPackName(packName);
        Optional<Boolean> state = "yes".equals(enabled) ? Optional.of(true)
                : "no".equals(enabled) ? Optional.of(false) : Optional.empty();
        Page<Rule> page = catalog.rules(new RuleFilter(validPack && !packName.isEmpty() ? Optional.of(packName)
                : Optional.empty(), Optional.empty(), Optional.empty(), state), new PageRequest(PAGE, Math.max(0, offset)));
        List<String> query = new ArrayList<>();
        if (validPack && !packName.isEmpty()) {
            query.add("pack=" + URLEncoder.encode(packName, StandardCharsets.UTF_8));
        }
        state.ifPresent(s -> query.add("enabled=" + (s ? "yes" : "no")));
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("rules", page.items());
        model.put("pack", packName);
        model.put("packError", validPack ? null : "not a pack name");
        model.put("enabled", state.map(s -> s ? "yes" : "no").orElse(""));
        model.put("paging", Paging.of(page, String.join("&", query)));
        return pages.page(request, "rules/list", "Rules", "rules", model);
    }

    @Get("/{ref}")
    public Object rule(HttpRequest<?> request, @PathVariable String ref, @Nullable @QueryValue String failed,
                       @QueryValue(defaultValue = "0") int offset) {
        return page(request, rule(ref), "{}", null, null, "yes".equals(failed), offset);
    }

    @Post(value = "/{ref}/enable", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @RequiresRole(Role.OPERATOR)
    public HttpResponse<?> enable(@PathVariable String ref) {
        return toggled(ref, true);
    }

    @Post(value = "/{ref}/disable", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @RequiresRole(Role.OPERATOR)
    public HttpResponse<?> disable(@PathVariable String ref) {
        return toggled(ref, false);
    }

    /** The dry run: the payload as JSON; its errors, or the outcome, shown on the rule's page. */
    @Post(value = "/{ref}/test", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @RequiresRole(Role.OPERATOR)
    public Object test(HttpRequest<?> request, @PathVariable String ref, @Body Map<String, Object> body) {
        Rule rule = rule(ref);
        String payload = new Form(body).text("payload");
        Object value;
        try {
            value = payload.isBlank() ? Map.of() : JSON.readValue(payload, Object.class);
        } catch (JsonProcessingException e) {
            return ConsoleFilter.withStatus(request, HttpStatus.UNPROCESSABLE_ENTITY, page(request, rule, payload, null,
                    "JSON that cannot be read: " + e.getOriginalMessage(), false, 0));
        }
        if (!(value instanceof Map<?, ?> map)) {
            return ConsoleFilter.withStatus(request, HttpStatus.UNPROCESSABLE_ENTITY, page(request, rule, payload, null,
                    "a JSON object: the trigger's payload, e.g. {\"host\": \"web-1\"}", false, 0));
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        map.forEach((k, v) -> fields.put(String.valueOf(k), v));
        RuleTest outcome = enforcement.test(rule.ref().toString(), fields);
        return page(request, rule, payload, outcome, null, false, 0);
    }

    private HttpResponse<?> toggled(String ref, boolean enabled) {
        Rule rule = commands.setEnabled(rule(ref).ref().toString(), enabled);
        return HttpResponse.seeOther(URI.create("/rules/" + rule.ref()));
    }

    private Object page(HttpRequest<?> request, Rule rule, String payload, RuleTest outcome, String payloadError,
                        boolean failedOnly, int offset) {
        Page<Enforcement> enforcements = events.enforcements(new EnforcementFilter(Optional.of(rule.ref()), null,
                failedOnly ? Optional.of(Enforcement.Status.FAILED) : Optional.empty(), null, null),
                new PageRequest(ENFORCEMENTS, Math.max(0, offset)));
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("rule", rule);
        model.put("payload", payload);
        model.put("outcome", outcome);
        model.put("payloadError", payloadError);
        model.put("enforcements", enforcements.items());
        model.put("failedOnly", failedOnly);
        model.put("paging", Paging.of(enforcements, failedOnly ? "failed=yes" : ""));
        return pages.page(request, "rules/rule", "Rule " + rule.ref(), "rules", model);
    }

    private Rule rule(String ref) {
        try {
            return catalog.rule(Ref.parse(ref));
        } catch (IllegalArgumentException e) {
            throw new UseCaseException.NotFound("rule", ref);
        }
    }
}
