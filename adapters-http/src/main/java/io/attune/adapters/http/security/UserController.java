package io.attune.adapters.http.security;

import io.attune.adapters.http.problem.Problem;
import io.attune.adapters.http.problem.ProblemException;
import io.attune.adapters.http.support.UnknownFields;
import io.attune.application.port.in.Identities;
import io.attune.domain.identity.Role;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Optional;

/** Users and their roles (admins only). */
@Controller("/api/v1/users")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Users")
@ApiResponse(responseCode = "4XX", description = "the request cannot be served: a problem document (RFC 9457)",
        content = @Content(mediaType = MediaType.APPLICATION_JSON_PROBLEM, schema = @Schema(implementation = Problem.class)))
public final class UserController {

    private final Identities identities;

    UserController(Identities identities) {
        this.identities = identities;
    }

    /**
     * Lists users.
     *
     * @return users ordered by name
     */
    @Operation(operationId = "listUsers")
    @Get
    public List<AuthJson.UserJson> list() {
        return identities.users().stream().map(AuthJson.UserJson::of).toList();
    }

    /**
     * Creates a user.
     *
     * @param body username, password (8 to 72 characters) and role (admin, operator or viewer)
     * @return the user
     */
    @Operation(operationId = "createUser")
    @Post
    @Status(HttpStatus.CREATED)
    public AuthJson.UserJson create(@Body AuthJson.NewUser body) {
        UnknownFields.refuse(body.unknown());
        if (body.role() == null) {
            throw ProblemException.invalidInput("role", "a role is required: admin, operator or viewer");
        }
        Role role = Callers.parseRole("role", body.role());
        return AuthJson.UserJson.of(identities.createUser(body.username(), body.password(), role));
    }

    /**
     * Changes a user's role and/or password; a new password ends their refresh tokens.
     *
     * @param username the user
     * @param body     the new role and/or password
     * @return the user
     */
    @Operation(operationId = "updateUser")
    @Patch("/{username}")
    public AuthJson.UserJson update(@PathVariable String username, @Body AuthJson.UserChange body) {
        UnknownFields.refuse(body.unknown());
        return AuthJson.UserJson.of(identities.updateUser(username,
                Optional.ofNullable(body.role()).map(r -> Callers.parseRole("role", r)),
                Optional.ofNullable(body.password())));
    }

    /**
     * Deletes a user with their API keys (not the last admin).
     *
     * @param username the user
     */
    @Operation(operationId = "deleteUser")
    @Delete("/{username}")
    @Status(HttpStatus.NO_CONTENT)
    public void delete(@PathVariable String username) {
        identities.deleteUser(username);
    }
}
