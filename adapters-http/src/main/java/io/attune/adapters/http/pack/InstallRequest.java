package io.attune.adapters.http.pack;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/** Install the pack in a directory on the server. */
@Schema(name = "InstallRequest")
public record InstallRequest(
        @Schema(description = "absolute path of a pack directory readable by the server", example = "/opt/packs/mypack",
                requiredMode = Schema.RequiredMode.REQUIRED)
        String path,
        @JsonAnySetter @Nullable @Schema(hidden = true) Map<String, Object> unknown) {
}
