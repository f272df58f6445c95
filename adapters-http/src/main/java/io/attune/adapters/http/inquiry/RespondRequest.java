package io.attune.adapters.http.inquiry;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/** An answer to an inquiry: {@code response}, an object matching the inquiry's schema. */
@Introspected
@Schema(name = "RespondRequest")
public record RespondRequest(@Nullable @Schema(description = "the answer, matching the inquiry's schema")
                             Map<String, Object> response) {
}
