package io.attune.adapters.console.action;

import io.attune.adapters.console.web.Audited;
import io.attune.adapters.console.web.ConsoleFilter;
import io.attune.adapters.console.web.Form;
import io.attune.adapters.console.web.Pages;
import io.attune.adapters.console.web.Paging;
import io.attune.adapters.console.web.RequiresRole;
import io.attune.application.port.in.CatalogQueries;
import io.attune.application.port.in.CatalogQueries.ComponentFilter;
import io.attune.application.port.in.ExecutionCommands;
import io.attune.application.port.in.ExecutionCommands.ExecutionView;
import io.attune.application.port.in.ExecutionCommands.RequestExecution;
import io.attune.application.port.in.ExecutionQueries;
import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.application.port.in.UseCaseException;
import io.attune.domain.action.Action;
import io.attune.domain.common.Ref;
import io.attune.domain.identity.Role;
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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * "Run an action": the list of actions to choose from, and for each a form generated from its parameter schema
 * ({@link ParameterForm}); a run is the API's {@code POST /api/v1/executions} ({@link ExecutionCommands#request}),
 * its 422 field errors shown next to their fields. The same form reruns an execution with edited parameters.
 */
@Controller("/actions")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
public final class RunActionController {

    static final int PAGE = 50;

    private final CatalogQueries catalog;
    private final ExecutionCommands commands;
    private final ExecutionQueries executions;
    private final Pages pages;

    RunActionController(CatalogQueries catalog, ExecutionCommands commands, ExecutionQueries executions, Pages pages) {
        this.catalog = catalog;
        this.commands = commands;
        this.executions = executions;
        this.pages = pages;
    }

    @Get
    public Object list(HttpRequest<?> request, @Nullable @QueryValue String pack,
                       @QueryValue(defaultValue = "0") int offset) {
        String packName = pack == null ? "" : pack.strip();
        boolean validPack = packName.isEmpty() || Ref.isValidPackName(packName);
        Page<Action> page = catalog.actions(new ComponentFilter(
                        validPack && !packName.isEmpty() ? Optional.of(packName) : Optional.empty(), Optional.empty()),
                new PageRequest(PAGE, Math.max(0, offset)));
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("actions", page.items());
        model.put("pack", packName);
        model.put("packError", validPack ? null : "not a pack name");
        model.put("paging", Paging.of(page, packName.isEmpty() || !validPack ? ""
                : "pack=" + URLEncoder.encode(packName, StandardCharsets.UTF_8)));
        return pages.page(request, "actions/list", "Run an action", "actions", model);
    }

    @Get("/{ref}")
    public Object form(HttpRequest<?> request, @PathVariable String ref, @Nullable @QueryValue Long from) {
        Action action = action(ref);
        ParameterForm form = from == null ? ParameterForm.blank(action.parameters())
                : ParameterForm.filled(action.parameters(), executions.get(from).execution().parameters());
        return page(request, action, form, from);
    }

    @Post(value = "/{ref}/run", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @RequiresRole(Role.OPERATOR)
    @Audited("execution.run")
    public HttpResponse<?> run(HttpRequest<?> request, @PathVariable String ref, @Body Map<String, Object> body) {
        Action action = action(ref);
        Form form = new Form(body);
        ParameterForm.Submitted submitted = ParameterForm.read(action.parameters(), form);
        Long rerunOf = form.value("rerun_of").filter(v -> v.matches("\\d{1,18}")).map(Long::valueOf).orElse(null);
        if (rerunOf != null && !executions.get(rerunOf).execution().action().equals(action.ref())) {
            throw UseCaseException.Invalid.of("rerun_of", "execution " + rerunOf + " is not one of " + action.ref());
        }
        if (submitted.hasErrors()) {
            return ConsoleFilter.withStatus(request, HttpStatus.UNPROCESSABLE_ENTITY,
                    page(request, action, submitted.form(), rerunOf));
        }
        try {
            ExecutionView created = rerunOf != null
                    ? commands.rerun(rerunOf, Optional.of(submitted.parameters()))
                    : commands.request(RequestExecution.of(action.ref().toString(), submitted.parameters()));
            return HttpResponse.seeOther(URI.create("/executions/" + created.execution().id()));
        } catch (UseCaseException.Invalid e) {
            return ConsoleFilter.withStatus(request, HttpStatus.UNPROCESSABLE_ENTITY,
                    page(request, action, submitted.form().withErrors(e.errors()), rerunOf));
        }
    }

    private Object page(HttpRequest<?> request, Action action, ParameterForm form, @Nullable Long rerunOf) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("action", action);
        model.put("form", form);
        model.put("rerunOf", rerunOf);
        return pages.page(request, "actions/run", "Run " + action.ref(), "actions", model);
    }

    private Action action(String ref) {
        try {
            return catalog.action(Ref.parse(ref));
        } catch (IllegalArgumentException e) {
            throw new UseCaseException.NotFound("action", ref);
        }
    }
}
