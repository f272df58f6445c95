package io.attune.adapters.console.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.attune.domain.identity.Role;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.io.Writable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.http.server.filter.FilterBodyParser;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.views.ModelAndView;
import io.micronaut.web.router.MethodBasedRouteMatch;
import io.attune.application.port.in.AuditTrail;
import io.attune.domain.audit.AuditEntry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The console's guard, around every request that reaches a console controller: it signs the user in from the
 * session cookies ({@link ConsoleSessions}; a browser without a session is sent to the login page), refuses a state
 * change without the session's CSRF token ({@link Csrf}; the login form's own before there is a session) and a route
 * above the user's role ({@link RequiresRole}) with 403, and sets the security headers of every console page. Errors
 * the use cases raise (problem documents) become the console's error page. It runs after Micronaut's security filter
 * and before the views are rendered.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public final class ConsoleFilter implements Ordered {

    /** The request attribute holding the signed-in {@link ConsoleUser}. */
    public static final String USER = "attune.console.user";
    static final String SESSION_ID = "attune.console.session";
    private static final String COOKIES = "attune.console.cookies";
    private static final String STATUS = "attune.console.status";
    private static final String ACTOR = "attune.console.actor";
    private static final String FINISHED = "attune.console.finished";
    private static final String EXPIRED_FORM =
            "This form has expired or did not come from the console: reload the page and try again.";
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none';"
            + " object-src 'none'";

    private final ConsoleSessions sessions;
    private final Csrf csrf;
    private final FilterBodyParser bodies;
    private final ObjectMapper json;
    private final Pages pages;
    private final AuditTrail audit;
    private final Clock clock = Clock.systemUTC();

    ConsoleFilter(ConsoleSessions sessions, Csrf csrf, FilterBodyParser bodies, ObjectMapper json, Pages pages,
                  AuditTrail audit) {
        this.pages = pages;
        this.audit = audit;
        this.sessions = sessions;
        this.csrf = csrf;
        this.bodies = bodies;
        this.json = json;
    }

    @Override
    public int getOrder() {
        // after security, before the views filter renders what the controllers return (its response side runs after ours)
        return ServerFilterPhase.RENDERING.after();
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    public HttpResponse<?> before(HttpRequest<?> request) {
        Optional<MethodBasedRouteMatch<?, ?>> route = ConsoleRoutes.route(request);
        if (route.isEmpty()) {
            return null;
        }
        boolean open = route.get().hasAnnotation(PublicPage.class);
        if (!isSafe(request.getMethod()) && !sameOrigin(request)) {
            return refusal(request, "This form was sent from another site.");
        }
        if (open && !isSafe(request.getMethod()) && !csrf.matchesLogin(request.getCookies()
                .findCookie(Csrf.LOGIN_COOKIE).map(Cookie::getValue).orElse(null), presentedToken(request))) {
            // a form sent before there is a session (signing in) carries the pre-session token instead
            return refusal(request, EXPIRED_FORM);
        }
        Optional<ConsoleSessions.Authenticated> signedIn = sessions.authenticate(request);
        if (signedIn.isEmpty()) {
            return open ? null : toLogin(request);
        }
        ConsoleSessions.Authenticated session = signedIn.get();
        request.setAttribute(USER, session.user());
        request.setAttribute(SESSION_ID, session.sessionId());
        request.setAttribute(COOKIES, session.cookies());
        if (!open && !isSafe(request.getMethod()) && !csrf.matches(session.sessionId(), presentedToken(request))) {
            return refusal(request, EXPIRED_FORM);
        }
        Optional<Role> required = route.get().enumValue(RequiresRole.class, Role.class);
        if (required.isPresent() && !session.user().may(required.get())) {
            return refusal(request, "Your role (" + session.user().role().code() + ") does not allow this.");
        }
        return null;
    }

    @ResponseFilter
    public void after(HttpRequest<?> request, MutableHttpResponse<?> response) {
        Optional<MethodBasedRouteMatch<?, ?>> route = ConsoleRoutes.route(request);
        if (route.isEmpty() || request.getAttribute(FINISHED).isPresent()) {
            return;
        }
        request.setAttribute(FINISHED, true);
        if (response.getHeaders().getAll(HttpHeaders.SET_COOKIE).isEmpty()) {
            // a refreshed session's cookies, unless the route set its own (a sign-out clears them)
            issuedCookies(request).forEach(response::cookie);
        }
        response.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.header("X-Frame-Options", "DENY");
        response.header("X-Content-Type-Options", "nosniff");
        response.header("Referrer-Policy", "same-origin");
        response.header(HttpHeaders.CACHE_CONTROL, "no-store");
        request.getAttribute(STATUS, HttpStatus.class).ifPresent(response::status);
        if (!isSafe(request.getMethod())) {
            audit(request, response, route.get());
        }
        if (response.code() >= 400 && !(response.body() instanceof Writable)) {
            // rendered here, not by the views filter: Micronaut gives a 4xx that did not come from a controller
            // (a use case's problem document, a refusal of this filter) no route, which the views filter needs
            ModelAndView<?> page = response.body() instanceof ModelAndView<?> m ? m : errorPage(request, response);
            response.contentType(MediaType.TEXT_HTML_TYPE);
            @SuppressWarnings("unchecked")
            MutableHttpResponse<Object> html = (MutableHttpResponse<Object>) response;
            html.body(pages.render(request, page));
        }
    }

    /** Every state change made from the console, and every refusal of one, as the API's audit filter records them. */
    private void audit(HttpRequest<?> request, MutableHttpResponse<?> response, MethodBasedRouteMatch<?, ?> route) {
        int status = response.code();
        boolean denied = status == 401 || status == 403 || status == 429;
        AuditEntry.Outcome outcome = denied ? AuditEntry.Outcome.DENIED
                : status < 400 ? AuditEntry.Outcome.SUCCEEDED : AuditEntry.Outcome.FAILED;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("method", request.getMethodName());
        details.put("status", status);
        details.put("via", "console");
        InetSocketAddress remote = request.getRemoteAddress();
        if (remote != null && remote.getAddress() != null) {
            details.put("address", remote.getAddress().getHostAddress());
        }
        String actor = request.getAttribute(USER, ConsoleUser.class).map(ConsoleUser::name)
                .or(() -> request.getAttribute(ACTOR, String.class)).orElse("anonymous");
        String action = route.stringValue(Audited.class).orElse("console.request");
        audit.record(new AuditEntry(0, clock.instant(), actor, action, request.getPath(), outcome, details));
    }

    /** Names who a request is from when no one is signed in yet (the username of a sign-in), for the audit trail. */
    public static void actor(HttpRequest<?> request, String name) {
        request.setAttribute(ACTOR, name.length() > 64 ? name.substring(0, 64) : name);
    }

    /**
     * Answers the request with this status (a 4xx page: a refused login, a form with errors). Controllers return such
     * pages as 200 and name the status here, which this filter sets: Micronaut would replace a 4xx that a controller
     * returns with the body of a global status route (the API's problem documents).
     */
    public static <T> MutableHttpResponse<T> withStatus(HttpRequest<?> request, HttpStatus status, T page) {
        request.setAttribute(STATUS, status);
        return HttpResponse.ok(page);
    }

    /** The cookies of a session this request refreshed (empty when its access token was still good). */
    public static List<Cookie> issuedCookies(HttpRequest<?> request) {
        List<Cookie> issued = new java.util.ArrayList<>();
        request.getAttribute(COOKIES, List.class).ifPresent(cookies -> {
            for (Object cookie : cookies) {
                issued.add((Cookie) cookie);
            }
        });
        return issued;
    }

    /** The signed-in user of a console request (set by this filter before any controller runs). */
    public static ConsoleUser user(HttpRequest<?> request) {
        return request.getAttribute(USER, ConsoleUser.class)
                .orElseThrow(() -> new IllegalStateException("no console user: the route is public"));
    }

    /** The CSRF token of the request's session, for the forms of the page. */
    public static Optional<String> sessionId(HttpRequest<?> request) {
        return request.getAttribute(SESSION_ID, String.class);
    }

    private static boolean isSafe(HttpMethod method) {
        return method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS;
    }

    /** A browser names the page a form was sent from (Origin); when it does, it must be this server. */
    private static boolean sameOrigin(HttpRequest<?> request) {
        String origin = request.getHeaders().get(HttpHeaders.ORIGIN);
        if (origin == null) {
            return true;
        }
        String host = request.getHeaders().get(HttpHeaders.HOST);
        try {
            URI uri = URI.create(origin);
            return host != null && uri.getAuthority() != null && uri.getAuthority().equalsIgnoreCase(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The token a state change presents: its header (htmx), else its form field; a multipart form (a file upload)
     * names it in its action's query instead, as its body is not read before the controller streams it.
     */
    private String presentedToken(HttpRequest<?> request) {
        String header = request.getHeaders().get(Csrf.HEADER);
        if (header != null) {
            return header;
        }
        Optional<MediaType> type = request.getContentType();
        if (type.filter(MediaType.MULTIPART_FORM_DATA_TYPE::matches).isPresent()) {
            return request.getParameters().get(Csrf.FIELD);
        }
        if (type.filter(MediaType.APPLICATION_FORM_URLENCODED_TYPE::matches).isEmpty()) {
            return null;
        }
        Map<String, Object> form = bodies.parseBody(request).join();
        Object token = form.get(Csrf.FIELD);
        return token instanceof String s ? s : null;
    }

    private static HttpResponse<?> toLogin(HttpRequest<?> request) {
        String next = request.getMethod() == HttpMethod.GET ? request.getUri().toString() : "/";
        URI login = URI.create("/login" + ("/".equals(next) ? "" : "?next=" + java.net.URLEncoder.encode(next,
                java.nio.charset.StandardCharsets.UTF_8)));
        if (request.getHeaders().contains("HX-Request")) {
            return HttpResponse.status(HttpStatus.UNAUTHORIZED).header("HX-Redirect", login.toString());
        }
        return HttpResponse.seeOther(login);
    }

    /** A 403 page, finished here (headers, audit): a response a request filter returns skips its response filter. */
    private HttpResponse<?> refusal(HttpRequest<?> request, String message) {
        MutableHttpResponse<?> refused = HttpResponse.status(HttpStatus.FORBIDDEN)
                .body(pages.error(request, HttpStatus.FORBIDDEN, message));
        after(request, refused);
        return refused;
    }

    private ModelAndView<?> errorPage(HttpRequest<?> request, MutableHttpResponse<?> response) {
        String detail = null;
        Object body = response.body();
        if (body != null) {
            try {
                JsonNode problem = json.valueToTree(body);
                detail = problem.path("detail").asText(null);
                JsonNode errors = problem.path("errors");
                if (errors.isArray() && !errors.isEmpty()) {
                    StringBuilder all = new StringBuilder(detail == null ? "" : detail);
                    errors.forEach(e -> all.append(all.isEmpty() ? "" : "; ").append(e.path("field").asText())
                            .append(": ").append(e.path("message").asText()));
                    detail = all.toString();
                }
            } catch (IllegalArgumentException notJson) {
                detail = null;
            }
        }
        HttpStatus status = HttpStatus.valueOf(response.code());
        return pages.error(request, status, detail == null ? status.getReason() : detail);
    }
}
