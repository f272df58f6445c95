package io.attune.adapters.console.login;

import io.attune.adapters.console.web.Audited;
import io.attune.adapters.console.web.ConsoleFilter;
import io.attune.adapters.console.web.ConsoleSessions;
import io.attune.adapters.console.web.Csrf;
import io.attune.adapters.console.web.Form;
import io.attune.adapters.console.web.Pages;
import io.attune.adapters.console.web.PublicPage;
import io.attune.application.port.in.UseCaseException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Signing in and out of the console, with the API's login semantics (same users, passwords and throttle). */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
public final class LoginController {

    private final ConsoleSessions sessions;
    private final Csrf csrf;
    private final Pages pages;

    LoginController(ConsoleSessions sessions, Csrf csrf, Pages pages) {
        this.sessions = sessions;
        this.csrf = csrf;
        this.pages = pages;
    }

    @Get("/login")
    @PublicPage
    public HttpResponse<?> form(HttpRequest<?> request, @Nullable @QueryValue String next) {
        if (request.getAttribute(ConsoleFilter.USER).isPresent()) {
            return HttpResponse.seeOther(URI.create(safeNext(next)));
        }
        String nonce = sessions.loginNonce(request);
        return HttpResponse.ok(login(request, nonce, "", null, next)).cookie(sessions.loginCookie(nonce));
    }

    @Post(value = "/login", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @PublicPage
    @Audited("auth.login")
    public HttpResponse<?> login(HttpRequest<?> request, @Body Map<String, Object> body) {
        Form form = new Form(body);
        String username = form.text("username").strip();
        ConsoleFilter.actor(request, username.isEmpty() ? "anonymous" : username);
        try {
            ConsoleSessions.Authenticated session = sessions.login(username, form.text("password"), address(request));
            MutableHttpResponse<?> response = HttpResponse.seeOther(URI.create(safeNext(form.text("next"))));
            session.cookies().forEach(response::cookie);
            return response;
        } catch (UseCaseException.TooManyAttempts e) {
            long seconds = Math.max(1, e.retryAfter().toSeconds());
            return ConsoleFilter.withStatus(request, HttpStatus.TOO_MANY_REQUESTS, login(request,
                    sessions.loginNonce(request), username, "Too many failed sign-ins: try again in " + seconds + " s.",
                    form.text("next")))
                    .header("Retry-After", Long.toString(seconds));
        } catch (UseCaseException.Unauthenticated | UseCaseException.Invalid e) {
            return ConsoleFilter.withStatus(request, HttpStatus.UNAUTHORIZED,
                    login(request, sessions.loginNonce(request), username, "Wrong username or password.",
                            form.text("next")));
        }
    }

    @Post(value = "/logout", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Audited("auth.logout")
    public HttpResponse<?> logout(HttpRequest<?> request) {
        List<Cookie> cleared = sessions.logout(request, ConsoleFilter.issuedCookies(request));
        MutableHttpResponse<?> response = HttpResponse.seeOther(URI.create("/login"));
        cleared.forEach(response::cookie);
        return response;
    }

    /** The form, with the token of the browser's pre-session value (the filter let the post through: it has one). */
    private Object login(HttpRequest<?> request, String nonce, String username, @Nullable String error,
                         @Nullable String next) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("csrf", csrf.loginToken(nonce));
        model.put("username", username);
        model.put("error", error);
        model.put("next", safeNext(next));
        return pages.page(request, "login", "Sign in", "", model);
    }

    /** Only a path of this server: never another site (an open redirect), nor a scheme-relative {@code //host}. */
    static String safeNext(@Nullable String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")
                || next.chars().anyMatch(c -> c < 0x20)) {
            return "/";
        }
        return next;
    }

    private static String address(HttpRequest<?> request) {
        InetSocketAddress remote = request.getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    }
}
