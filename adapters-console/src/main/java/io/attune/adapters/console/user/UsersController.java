package io.attune.adapters.console.user;

import io.attune.adapters.console.web.ConsoleFilter;
import io.attune.adapters.console.web.Form;
import io.attune.adapters.console.web.Pages;
import io.attune.adapters.console.web.RequiresRole;
import io.attune.application.port.in.FieldError;
import io.attune.application.port.in.Identities;
import io.attune.domain.identity.Role;
import io.attune.application.port.in.UseCaseException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Users and API keys, admins only (as the API's {@code /api/v1/users} and key administration): the users with their
 * roles, a form that creates one (the password never written back into the page), delete; the API keys by prefix
 * (their secrets are shown once, to whoever creates them through the API, never here) and revoke.
 */
@Controller("/users")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
@RequiresRole(Role.ADMIN)
public final class UsersController {

    private final Identities identities;
    private final Pages pages;

    UsersController(Identities identities, Pages pages) {
        this.identities = identities;
        this.pages = pages;
    }

    /** The create form as shown again after an error: everything but the password. */
    public record UserForm(String username, String role, Map<String, String> errors) {
    }

    @Get
    public Object list(HttpRequest<?> request) {
        return page(request, new UserForm("", "viewer", Map.of()));
    }

    @Post(value = "/create", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public Object create(HttpRequest<?> request, @Body Map<String, Object> body) {
        Form form = new Form(body);
        Map<String, String> errors = new LinkedHashMap<>();
        UserForm shown = new UserForm(form.text("username").strip(), form.text("role").strip(), errors);
        Role role = Arrays.stream(Role.values()).filter(r -> r.code().equals(shown.role())).findFirst().orElse(null);
        if (role == null) {
            errors.put("role", "one of admin, operator, viewer");
        } else {
            try {
                identities.createUser(shown.username(), form.text("password"), role);
                return HttpResponse.seeOther(URI.create("/users"));
            } catch (UseCaseException.Invalid e) {
                for (FieldError error : e.errors()) {
                    errors.merge(error.field(), error.message(), (a, b) -> a + "; " + b);
                }
            } catch (UseCaseException.Conflict e) {
                errors.put("username", e.getMessage());
            }
        }
        return ConsoleFilter.withStatus(request, HttpStatus.UNPROCESSABLE_ENTITY, page(request, shown));
    }

    @Post(value = "/delete", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> delete(@Body Map<String, Object> body) {
        identities.deleteUser(new Form(body).text("username"));
        return HttpResponse.seeOther(URI.create("/users"));
    }

    @Post(value = "/api-keys/revoke", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> revoke(@Body Map<String, Object> body) {
        identities.revokeApiKey(new Form(body).text("prefix"));
        return HttpResponse.seeOther(URI.create("/users"));
    }

    private Object page(HttpRequest<?> request, UserForm form) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("users", identities.users());
        model.put("apiKeys", identities.apiKeys());
        model.put("form", form);
        model.put("roles", Arrays.stream(Role.values()).map(Role::code).toList());
        return pages.page(request, "users/list", "Users and API keys", "users", model);
    }
}
