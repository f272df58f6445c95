package io.attune.adapters.http.security;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.attune.application.port.in.Identities;
import io.micronaut.core.annotation.Nullable;
import java.util.Map;

/** The request and response bodies of the authentication and user APIs. */
public final class AuthJson {

    private AuthJson() {
    }

    public record Login(@Nullable String username, @Nullable String password,
                        @JsonAnySetter @Nullable Map<String, Object> unknown) {
    }

    public record Refresh(@Nullable @JsonProperty("refresh_token") String refreshToken,
                          @JsonAnySetter @Nullable Map<String, Object> unknown) {
    }

    public record PasswordChange(@Nullable @JsonProperty("current_password") String currentPassword,
                                 @Nullable @JsonProperty("new_password") String newPassword,
                                 @JsonAnySetter @Nullable Map<String, Object> unknown) {
    }

    public record NewKey(@Nullable String name, @Nullable String role,
                         @JsonAnySetter @Nullable Map<String, Object> unknown) {
    }

    public record NewUser(@Nullable String username, @Nullable String password, @Nullable String role,
                          @JsonAnySetter @Nullable Map<String, Object> unknown) {
    }

    public record UserChange(@Nullable String password, @Nullable String role,
                             @JsonAnySetter @Nullable Map<String, Object> unknown) {
    }

    public record Tokens(@JsonProperty("access_token") String accessToken,
                         @JsonProperty("refresh_token") String refreshToken,
                         @JsonProperty("token_type") String tokenType, @JsonProperty("expires_in") int expiresIn,
                         String username, String role) {
    }

    public record Me(String name, String role, String kind) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ApiKeyJson(String prefix, String name, String role, String owner,
                             @JsonProperty("created_at") String createdAt,
                             @JsonProperty("revoked_at") String revokedAt,
                             @JsonProperty("key") String key) {
        static ApiKeyJson of(Identities.ApiKeyView k, String secret) {
            return new ApiKeyJson(k.prefix(), k.name(), k.role().code(), k.owner(), k.createdAt().toString(),
                    k.revokedAt().map(Object::toString).orElse(null), secret);
        }
    }

    public record UserJson(String username, String role, @JsonProperty("created_at") String createdAt) {
        static UserJson of(Identities.UserView u) {
            return new UserJson(u.username(), u.role().code(), u.createdAt().toString());
        }
    }
}
