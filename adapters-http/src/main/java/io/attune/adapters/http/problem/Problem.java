package io.attune.adapters.http.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * An RFC 9457 problem document as the API sends it ({@code application/problem+json}): a stable {@code type},
 * the HTTP {@code status}, a {@code detail} a person can act on, and per-field {@code errors} (empty when none).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "Problem", description = "RFC 9457 problem details")
public record Problem(
        @Schema(example = "https://attune.dev/problems/not-found") String type,
        String title,
        int status,
        String detail,
        @Schema(description = "the request path the problem occurred on") String instance,
        List<FieldProblem> errors) {

    public Problem {
        errors = List.copyOf(errors == null ? List.of() : errors);
    }

    /** One thing wrong with the input: in which file (for packs and archives), which field, and what. */
    @Schema(name = "FieldProblem")
    public record FieldProblem(
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(nullable = true) String file,
            String field,
            String message) {
    }
}
