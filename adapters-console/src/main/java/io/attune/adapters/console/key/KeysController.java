package io.attune.adapters.console.key;

import io.attune.adapters.console.web.ConsoleFilter;
import io.attune.adapters.console.web.Form;
import io.attune.adapters.console.web.Pages;
import io.attune.adapters.console.web.Paging;
import io.attune.adapters.console.web.RequiresRole;
import io.attune.application.port.in.FieldError;
import io.attune.application.port.in.KeyCommands;
import io.attune.application.port.in.KeyCommands.KeyView;
import io.attune.application.port.in.KeyCommands.PutKey;
import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.application.port.in.UseCaseException;
import io.attune.domain.identity.Role;
import io.attune.domain.key.KeyScope;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The datastore's keys: a list (secret values never shown: {@link KeyCommands#list} leaves them out, and this page
 * has no reveal), a form that sets a key (its value never written back into the page) and a delete button, both for
 * operators and admins as the API's {@code PUT} and {@code DELETE /api/v1/keys/**}; the API's 422 field errors are
 * shown next to their fields.
 */
@Controller("/keys")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
public final class KeysController {

    static final int PAGE = 50;

    private final KeyCommands keys;
    private final Pages pages;

    KeysController(KeyCommands keys, Pages pages) {
        this.keys = keys;
        this.pages = pages;
    }

    /** What the set form shows again after an error: everything but the value. */
    public record KeyForm(String name, String scope, boolean secret, String ttl, Map<String, String> errors) {
    }

    @Get
    public Object list(HttpRequest<?> request, @QueryValue(defaultValue = "0") int offset) {
        return page(request, new KeyForm("", "system", false, "", Map.of()), offset);
    }

    @Post(value = "/set", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @RequiresRole(Role.OPERATOR)
    public Object set(HttpRequest<?> request, @Body Map<String, Object> body) {
        Form form = new Form(body);
        Map<String, String> errors = new LinkedHashMap<>();
        String ttlText = form.text("ttl").strip();
        KeyForm shown = new KeyForm(form.text("name").strip(), form.text("scope").strip(),
                "true".equals(form.text("secret")), ttlText, errors);
        KeyScope scope = null;
        try {
            scope = KeyScope.parse(shown.scope());
        } catch (IllegalArgumentException e) {
            errors.put("scope", e.getMessage());
        }
        Optional<Long> ttl = Optional.empty();
        if (!ttlText.isEmpty()) {
            try {
                ttl = Optional.of(Long.parseLong(ttlText));
            } catch (NumberFormatException e) {
                errors.put("ttl", "a whole number of seconds");
            }
        }
        if (errors.isEmpty()) {
            try {
                keys.put(new PutKey(shown.name(), scope, form.text("value"), shown.secret(), ttl));
                return HttpResponse.seeOther(URI.create("/keys"));
            } catch (UseCaseException.Invalid e) {
                for (FieldError error : e.errors()) {
                    errors.merge(error.field(), error.message(), (a, b) -> a + "; " + b);
                }
            }
        }
        return ConsoleFilter.withStatus(request, HttpStatus.UNPROCESSABLE_ENTITY, page(request, shown, 0));
    }

    @Post(value = "/delete", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @RequiresRole(Role.OPERATOR)
    public HttpResponse<?> delete(@Body Map<String, Object> body) {
        Form form = new Form(body);
        KeyScope scope;
        try {
            scope = KeyScope.parse(form.text("scope"));
        } catch (IllegalArgumentException e) {
            throw UseCaseException.Invalid.of("scope", e.getMessage());
        }
        keys.delete(form.text("name"), scope);
        return HttpResponse.seeOther(URI.create("/keys"));
    }

    private Object page(HttpRequest<?> request, KeyForm form, int offset) {
        Page<KeyView> page = keys.list(Optional.empty(), Optional.empty(), new PageRequest(PAGE, Math.max(0, offset)));
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("keys", page.items());
        model.put("form", form);
        model.put("paging", Paging.of(page, ""));
        return pages.page(request, "keys/list", "Keys", "keys", model);
    }

}
