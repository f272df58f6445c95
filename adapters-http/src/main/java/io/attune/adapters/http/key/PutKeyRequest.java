package io.attune.adapters.http.key;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/** Sets a key: its value, whether it is secret (stored encrypted, never shown), its scope and time to live. */
@Schema(name = "PutKeyRequest")
public record PutKeyRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String value,
        @Nullable @Schema(description = "defaults to false") Boolean secret,
        @Nullable @Schema(description = "system (default) or pack:NAME", example = "system") String scope,
        @Nullable @Schema(description = "seconds until the key expires; absent means never") Long ttl,
        @JsonAnySetter @Nullable @Schema(hidden = true) Map<String, Object> unknown) {
}
