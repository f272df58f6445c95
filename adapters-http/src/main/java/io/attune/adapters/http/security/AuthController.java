package io.attune.adapters.http.security;

import io.attune.adapters.http.audit.AuditFilter;
import io.attune.adapters.http.problem.Problem;
import io.attune.adapters.http.problem.ProblemException;
import io.attune.adapters.http.support.ClientAddress;
import io.attune.adapters.http.support.UnknownFields;
import io.attune.application.port.in.Identities;
import io.attune.application.port.in.Identities.Session;
import io.attune.application.port.in.UseCaseException;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.generator.TokenGenerator;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Logins, refresh tokens and API keys. Access tokens are JWTs signed with HS256 and short-lived; refresh tokens and
 * API keys are random strings shown once and stored as hashes.
 */
@Controller("/api/v1/auth")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Authentication")
@ApiResponse(responseCode = "4XX", description = "the request cannot be served: a problem document (RFC 9457)",
        content = @Content(mediaType = MediaType.APPLICATION_JSON_PROBLEM, schema = @Schema(implementation = Problem.class)))
public final class AuthController {

    private final Identities identities;
    private final TokenGenerator tokens;
    private final Duration accessLifetime;

    AuthController(Identities identities, TokenGenerator tokens,
                   @Value("${attune.auth.access-token-lifetime:15m}") Duration accessLifetime) {
        this.identities = identities;
        this.tokens = tokens;
        this.accessLifetime = accessLifetime;
    }

    /**
     * Logs in with a username and password. Repeated failures hold the username and the address back (429).
     *
     * @param body username and password
     * @return an access token (JWT) and a refresh token
     */
    @Operation(operationId = "login")
    @Post("/login")
    public AuthJson.Tokens login(HttpRequest<?> request, @Body AuthJson.Login body) {
        UnknownFields.refuse(body.unknown());
        if (body.username() == null || body.username().isBlank()) {
            throw ProblemException.invalidInput("username", "a username is required");
        }
        if (body.password() == null || body.password().isEmpty()) {
            throw ProblemException.invalidInput("password", "a password is required");
        }
        request.setAttribute(AuditFilter.ACTOR, body.username().length() > 64 ? body.username().substring(0, 64) : body.username());
        return tokens(identities.login(body.username(), body.password(), ClientAddress.of(request).orElse("unknown")));
    }

    /**
     * Exchanges a refresh token for new tokens; the old one stops working. Presenting a used one ends every session
     * of its user.
     *
     * @param body the refresh token
     * @return a new access token and a new refresh token
     */
    @Operation(operationId = "refresh")
    @Post("/refresh")
    public AuthJson.Tokens refresh(HttpRequest<?> request, @Body AuthJson.Refresh body) {
        UnknownFields.refuse(body.unknown());
        Session session = identities.refresh(body.refreshToken());
        request.setAttribute(AuditFilter.ACTOR, session.username());
        return tokens(session);
    }

    /**
     * Who the caller is.
     *
     * @return the caller's name, role and kind (user or api_key)
     */
    @Operation(operationId = "me")
    @Get("/me")
    public AuthJson.Me me(HttpRequest<?> request) {
        Identities.Principal caller = Callers.of(request);
        boolean key = Callers.authentication(request).map(a -> "api_key".equals(a.getAttributes().get("kind")))
                .orElse(false);
        return new AuthJson.Me(caller.name(), caller.role().code(), key ? "api_key" : "user");
    }

    /**
     * Changes the caller's own password; their refresh tokens stop working.
     *
     * @param body the current and the new password
     */
    @Operation(operationId = "changePassword")
    @Post("/password")
    @Status(HttpStatus.NO_CONTENT)
    public void changePassword(HttpRequest<?> request, @Body AuthJson.PasswordChange body) {
        UnknownFields.refuse(body.unknown());
        Identities.Principal caller = Callers.of(request);
        if (caller.name().startsWith("apikey:")) {
            throw ProblemException.invalidInput("current_password", "an API key has no password: log in as the user");
        }
        identities.changeOwnPassword(caller.name(), body.currentPassword(), body.newPassword());
    }

    /**
     * Creates an API key with a role no higher than the caller's. The key is in the response, this once.
     *
     * @param body its name and role (default: the caller's)
     * @return the key, with its secret
     */
    @Operation(operationId = "createApiKey")
    @Post("/api-keys")
    @Status(HttpStatus.CREATED)
    public AuthJson.ApiKeyJson createApiKey(HttpRequest<?> request, @Body AuthJson.NewKey body) {
        UnknownFields.refuse(body.unknown());
        if (Callers.authentication(request).map(ExecutionTokens::isExecution).orElse(false)) {
            // a key would outlive the execution its token is limited to
            throw new UseCaseException.Forbidden("an execution's token cannot create API keys");
        }
        Identities.NewApiKey created = identities.createApiKey(body.name(),
                Optional.ofNullable(body.role()).map(r -> Callers.parseRole("role", r)), Callers.of(request));
        return AuthJson.ApiKeyJson.of(created.key(), created.secret());
    }

    /**
     * Lists API keys by prefix, revoked ones included; never their secrets.
     *
     * @return the keys, newest first
     */
    @Operation(operationId = "listApiKeys")
    @Get("/api-keys")
    public List<AuthJson.ApiKeyJson> apiKeys() {
        return identities.apiKeys().stream().map(k -> AuthJson.ApiKeyJson.of(k, null)).toList();
    }

    /**
     * Revokes an API key: it stops working at once.
     *
     * @param prefix the key's prefix
     */
    @Operation(operationId = "revokeApiKey")
    @Delete("/api-keys/{prefix}")
    @Status(HttpStatus.NO_CONTENT)
    public void revokeApiKey(@PathVariable String prefix) {
        identities.revokeApiKey(prefix);
    }

    private AuthJson.Tokens tokens(Session session) {
        Authentication authentication = Authentication.build(session.username(), List.of(session.role().code()));
        String access = tokens.generateToken(authentication, (int) accessLifetime.toSeconds())
                .orElseThrow(() -> new IllegalStateException("no access token could be signed"));
        return new AuthJson.Tokens(access, session.refreshToken(), "Bearer", (int) accessLifetime.toSeconds(),
                session.username(), session.role().code());
    }
}
