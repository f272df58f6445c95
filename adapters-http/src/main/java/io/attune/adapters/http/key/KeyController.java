package io.attune.adapters.http.key;

import io.attune.adapters.http.problem.Problem;
import io.attune.adapters.http.problem.ProblemException;
import io.attune.adapters.http.security.Callers;
import io.attune.adapters.http.support.ListResponse;
import io.attune.adapters.http.support.StorableValues;
import io.attune.adapters.http.support.Params;
import io.attune.adapters.http.support.UnknownFields;
import io.attune.application.port.in.KeyCommands.PutKey;
import io.attune.application.port.in.KeyCommands;
import io.attune.domain.key.KeyScope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Optional;

/** REST API v1 for the key datastore; a secret key's value leaves the server only when asked with {@code decrypt=true}. */
@Controller("/api/v1/keys")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Keys")
@ApiResponse(responseCode = "4XX", description = "the request cannot be served: a problem document (RFC 9457)",
        content = @Content(mediaType = MediaType.APPLICATION_JSON_PROBLEM, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "5XX", description = "the server failed: a problem document (RFC 9457)",
        content = @Content(mediaType = MediaType.APPLICATION_JSON_PROBLEM, schema = @Schema(implementation = Problem.class)))
public final class KeyController {

    private final KeyCommands keys;

    KeyController(KeyCommands keys) {
        this.keys = keys;
    }

    /**
     * Lists keys, ordered by scope and name; secret values are null.
     *
     * @param scope  only keys of this scope: system or pack:NAME
     * @param prefix only keys whose name starts with this
     * @param limit  at most this many items, 1 to 1000
     * @param offset skip this many items
     * @return one page of keys
     */
    @Operation(operationId = "listKeys")
    @Get
    public ListResponse<KeyJson> list(@Nullable @QueryValue String scope, @Nullable @QueryValue String prefix,
                                      @QueryValue(defaultValue = "50") int limit,
                                      @QueryValue(defaultValue = "0") int offset) {
        return ListResponse.of(keys.list(Params.optionalScope("scope", scope),
                Optional.ofNullable(prefix).filter(p -> !p.isEmpty()), Params.page(limit, offset)), KeyJson::of);
    }

    /**
     * Shows one key; a secret one without its value, unless {@code decrypt=true} asks for it decrypted.
     *
     * @param name    the key's name
     * @param scope   system (default) or pack:NAME
     * @param decrypt true to show a secret key's value in clear: admins only (403 otherwise; 409 when it cannot be
     *                decrypted)
     * @return the key
     */
    @Operation(operationId = "getKey")
    @Get("/{name}")
    public KeyJson get(@PathVariable String name, @Nullable @QueryValue String scope,
                       @Nullable @QueryValue String decrypt, HttpRequest<?> request) {
        String keyName = Params.keyName("name", name);
        KeyScope keyScope = Params.scope("scope", scope);
        if (Params.optionalBoolean("decrypt", decrypt).orElse(false)) {
            Callers.requireAdmin(request, "read a secret value (decrypt=true)");
            return decrypted(keyName, keyScope);
        }
        return KeyJson.of(keys.get(keyName, keyScope));
    }

    /** The one place a secret value is sent: a key with its value decrypted ({@code GET ...?decrypt=true}). */
    private KeyJson decrypted(String name, KeyScope scope) {
        return KeyJson.revealed(keys.reveal(name, scope));
    }

    /**
     * Creates or replaces a key.
     *
     * @param name the key's name
     * @param body its value, secrecy, scope and time to live
     * @return the key as it may be shown
     */
    @Operation(operationId = "putKey")
    @Put("/{name}")
    public KeyJson put(@PathVariable String name, @Body PutKeyRequest body) {
        UnknownFields.refuse(body.unknown());
        if (body.value() == null) {
            throw ProblemException.invalidInput("value", "a value is required");
        }
        StorableValues.refuse("value", body.value());
        KeyScope scope;
        try {
            scope = KeyScope.parse(body.scope());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidInput("scope", e.getMessage());
        }
        PutKey command = new PutKey(Params.keyName("name", name), scope, body.value(),
                Boolean.TRUE.equals(body.secret()), Optional.ofNullable(body.ttl()));
        return KeyJson.of(keys.put(command));
    }

    /**
     * Deletes a key.
     *
     * @param name  the key's name
     * @param scope system (default) or pack:NAME
     */
    @Operation(operationId = "deleteKey")
    @Delete("/{name}")
    @Status(HttpStatus.NO_CONTENT)
    public void delete(@PathVariable String name, @Nullable @QueryValue String scope) {
        keys.delete(Params.keyName("name", name), Params.scope("scope", scope));
    }
}
