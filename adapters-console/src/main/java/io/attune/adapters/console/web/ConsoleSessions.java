package io.attune.adapters.console.web;

import io.attune.application.port.in.Identities;
import io.attune.application.port.in.Identities.Session;
import io.attune.application.port.in.UseCaseException;
import io.attune.domain.identity.Role;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.generator.TokenGenerator;
import io.micronaut.security.token.jwt.validator.ReactiveJsonWebTokenValidator;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * Console sessions in cookies, with the API's semantics: a login ({@link Identities#login}, throttled) gives an access
 * token (the same JWT the API signs, checked by the same validators, so a deleted or demoted user is out at once) and
 * a single-use refresh token; both travel only in HttpOnly, SameSite=Strict cookies, never to scripts. An access
 * token that has expired is replaced with the refresh token on the next request; a logout uses the refresh token up.
 * A third cookie holds the session's random id ({@link Session#id()}, kept across refreshes), to which its CSRF token
 * is bound ({@link Csrf}); every request asks whether that session is still on, so a sign-out on any instance, a new
 * password or a deleted user ends it at once, and open streams end with it ({@link #ending}).
 */
@Singleton
public final class ConsoleSessions {

    public static final String ACCESS_COOKIE = "attune_access";
    public static final String REFRESH_COOKIE = "attune_refresh";
    public static final String SESSION_COOKIE = "attune_session";
    /** How long a refresh is remembered, so that requests sent together (a page and its stream) refresh once. */
    static final Duration REFRESH_GRACE = Duration.ofSeconds(30);
    /** How often an open stream asks the store whether its session still is on. */
    static final Duration CHECK = Duration.ofSeconds(3);
    /** How long a login form stays good to send. */
    static final Duration LOGIN_FORM_LIFETIME = Duration.ofHours(12);
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleSessions.class);

    private final Identities identities;
    private final TokenGenerator tokens;
    private final ReactiveJsonWebTokenValidator<?, HttpRequest<?>> validator;
    private final Duration accessLifetime;
    private final boolean secureCookies;
    private final Clock clock = Clock.systemUTC();
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Refreshed> recentRefreshes = new ConcurrentHashMap<>();
    /** The ids of the sessions signed out on this instance, for the streams still open in them. */
    private final Sinks.Many<String> signedOut = Sinks.many().multicast().directBestEffort();

    ConsoleSessions(Identities identities, TokenGenerator tokens,
                    ReactiveJsonWebTokenValidator<?, HttpRequest<?>> validator,
                    @Value("${attune.auth.access-token-lifetime:15m}") Duration accessLifetime,
                    @Value("${attune.console.secure-cookies:false}") boolean secureCookies) {
        this.identities = identities;
        this.tokens = tokens;
        this.validator = validator;
        this.accessLifetime = accessLifetime;
        this.secureCookies = secureCookies;
    }

    /** Who is signed in, and the cookies the response must set (a refreshed session's), if any. */
    public record Authenticated(ConsoleUser user, String sessionId, List<Cookie> cookies) {
    }

    /**
     * The request's user: from its access token, else (expired or missing) from its refresh token, which is then
     * used up and replaced. Empty when neither proves anyone.
     */
    public Optional<Authenticated> authenticate(HttpRequest<?> request) {
        Optional<String> sessionId = cookie(request, SESSION_COOKIE);
        Optional<ConsoleUser> fromAccess = cookie(request, ACCESS_COOKIE).flatMap(token -> validate(token, request));
        if (fromAccess.isPresent()) {
            // a good access token of a session that ended elsewhere (a sign-out, a new password) proves no one; its
            // refresh token is not tried: presenting a used one counts as a theft and ends the user's other sessions
            return sessionId.filter(identities::sessionActive)
                    .map(id -> new Authenticated(fromAccess.get(), id, List.of()));
        }
        Optional<String> refreshToken = cookie(request, REFRESH_COOKIE);
        if (refreshToken.isEmpty() || sessionId.isEmpty()) {
            return Optional.empty();
        }
        try {
            Refreshed refreshed = refresh(refreshToken.get());
            ConsoleUser user = new ConsoleUser(refreshed.session().username(), refreshed.session().role());
            // the session's id is the one Identities keeps across refreshes (a session older than the ids gets one now)
            String id = refreshed.session().id();
            return Optional.of(new Authenticated(user, id,
                    sessionCookies(refreshed.session(), refreshed.accessToken(), id)));
        } catch (UseCaseException e) {
            LOG.debug("console session not refreshed: {}", e.getMessage());
            return Optional.empty();
        }
    }

    /** A login with the API's semantics; the cookies of the new session, whose id binds its CSRF token. */
    public Authenticated login(String username, String password, String address) {
        Session session = identities.login(username, password, address);
        String sessionId = session.id();
        return new Authenticated(new ConsoleUser(session.username(), session.role()), sessionId,
                sessionCookies(session, accessToken(session), sessionId));
    }

    /**
     * Ends the session: its refresh token can no longer be used, nor the one this request was given if it refreshed
     * the session ({@code issued}); the returned cookies clear the browser's.
     */
    public List<Cookie> logout(HttpRequest<?> request, List<Cookie> issued) {
        cookie(request, REFRESH_COOKIE).ifPresent(identities::logout);
        issued.stream().filter(c -> c.getName().equals(REFRESH_COOKIE)).map(Cookie::getValue).forEach(identities::logout);
        cookie(request, SESSION_COOKIE).ifPresent(id -> signedOut.emitNext(id, Sinks.EmitFailureHandler.busyLooping(
                Duration.ofSeconds(1))));
        List<Cookie> cleared = new ArrayList<>();
        for (String name : List.of(ACCESS_COOKIE, REFRESH_COOKIE, SESSION_COOKIE)) {
            cleared.add(cookie(name, "", Duration.ZERO));
        }
        return cleared;
    }

    /**
     * Completes when the session with this id ends: at once when it is signed out on this instance, and within
     * {@link #CHECK} when it ends otherwise (signed out on another instance, its tokens revoked, its user deleted), as
     * the store says. For responses that stay open (event streams), which no later request would check.
     */
    public Mono<Void> ending(String sessionId) {
        Flux<Boolean> checks = Flux.interval(CHECK).onBackpressureDrop()
                .concatMap(tick -> Mono.fromCallable(() -> identities.sessionActive(sessionId))
                        .subscribeOn(Schedulers.boundedElastic())
                        .onErrorResume(e -> {
                            LOG.debug("console session not checked: {}", e.toString());
                            return Mono.just(true);   // unknown: the stream's lifetime still bounds it
                        }));
        return Flux.merge(signedOut.asFlux().filter(sessionId::equals).map(id -> false), checks.filter(on -> !on))
                .next().then();
    }

    /** The browser's pre-session value for the login form's token ({@link Csrf#loginToken}), or a new one. */
    public String loginNonce(HttpRequest<?> request) {
        return cookie(request, Csrf.LOGIN_COOKIE).filter(v -> v.length() <= 64 && v.matches("[A-Za-z0-9_-]+"))
                .orElseGet(() -> {
                    byte[] bytes = new byte[32];
                    random.nextBytes(bytes);
                    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
                });
    }

    /** The cookie keeping the login form's pre-session value, sent only to the login page. */
    public Cookie loginCookie(String nonce) {
        return cookie(Csrf.LOGIN_COOKIE, nonce, LOGIN_FORM_LIFETIME).path("/login");
    }

    private Optional<ConsoleUser> validate(String token, HttpRequest<?> request) {
        Authentication authentication = Mono.from(validator.validateToken(token, request)).blockOptional().orElse(null);
        if (authentication == null) {
            return Optional.empty();
        }
        Collection<String> roles = authentication.getRoles();
        if (roles.size() != 1 || String.valueOf(authentication.getAttributes().get("sub")).startsWith("execution:")) {
            return Optional.empty();   // an action's token is for the API, not for a browser
        }
        try {
            return Optional.of(new ConsoleUser(authentication.getName(), Role.parse(roles.iterator().next())));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** One refresh per refresh token, even for requests that arrive together: the first one's result is shared. */
    private Refreshed refresh(String refreshToken) {
        Instant now = clock.instant();
        recentRefreshes.values().removeIf(r -> r.at().plus(REFRESH_GRACE).isBefore(now));
        String key = sha256(refreshToken);
        Refreshed refreshed = recentRefreshes.computeIfAbsent(key, k -> {
            try {
                Session session = identities.refresh(refreshToken);
                return new Refreshed(session, accessToken(session), now, null);
            } catch (UseCaseException e) {
                return new Refreshed(null, null, now, e);
            }
        });
        if (refreshed.failure() != null) {
            recentRefreshes.remove(key, refreshed);
            throw refreshed.failure();
        }
        return refreshed;
    }

    private record Refreshed(Session session, String accessToken, Instant at, UseCaseException failure) {
    }

    private String accessToken(Session session) {
        Authentication authentication = Authentication.build(session.username(), List.of(session.role().code()));
        return tokens.generateToken(authentication, (int) accessLifetime.toSeconds())
                .orElseThrow(() -> new IllegalStateException("no access token could be signed"));
    }

    private List<Cookie> sessionCookies(Session session, String accessToken, String sessionId) {
        Duration refreshLife = Duration.between(clock.instant(), session.refreshExpiresAt());
        return List.of(
                // the browser drops the access cookie a little before the token expires: the refresh comes first
                cookie(ACCESS_COOKIE, accessToken, accessLifetime.minusSeconds(Math.min(30, accessLifetime.toSeconds() / 2))),
                cookie(REFRESH_COOKIE, session.refreshToken(), refreshLife),
                cookie(SESSION_COOKIE, sessionId, refreshLife));
    }

    private Cookie cookie(String name, String value, Duration maxAge) {
        return Cookie.of(name, value).path("/").httpOnly(true).sameSite(SameSite.Strict).secure(secureCookies)
                .maxAge(maxAge.toSeconds());
    }

    private static Optional<String> cookie(HttpRequest<?> request, String name) {
        return request.getCookies().findCookie(name).map(Cookie::getValue).filter(v -> !v.isEmpty());
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
