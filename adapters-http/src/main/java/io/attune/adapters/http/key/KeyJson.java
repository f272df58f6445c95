package io.attune.adapters.http.key;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.attune.adapters.http.support.Times;
import io.attune.application.port.in.KeyCommands.KeyView;
import io.swagger.v3.oas.annotations.media.Schema;

/** A key as the API shows it: a secret key's value is null unless it was asked for decrypted. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "Key")
public record KeyJson(
        String name,
        @Schema(example = "system", description = "system or pack:NAME") String scope,
        @Schema(nullable = true, description = "null for a secret key, unless asked with decrypt=true") String value,
        boolean secret,
        @JsonProperty("expires_at") @Schema(name = "expires_at", nullable = true, description = "ISO-8601 UTC") String expiresAt) {

    static KeyJson of(KeyView key) {
        return new KeyJson(key.name(), key.scope().code(), key.secret() ? null : key.value().orElse(null),
                key.secret(), key.expiresAt().map(Times::iso).orElse(null));
    }

    /** The key with its value, secret or not, as {@code decrypt=true} shows it. */
    static KeyJson revealed(KeyView key) {
        return new KeyJson(key.name(), key.scope().code(), key.value().orElse(null), key.secret(),
                key.expiresAt().map(Times::iso).orElse(null));
    }
}
