package io.attune.adapters.http.support;

import io.attune.adapters.http.problem.ProblemException;
import java.util.Map;

/**
 * Refuses request bodies with fields the API does not know, so that a misspelt field ({@code critera}) is a 400
 * instead of being silently ignored. Request records collect such fields with {@code @JsonAnySetter}.
 */
public final class UnknownFields {

    private UnknownFields() {
    }

    public static void refuse(Map<String, Object> unknown) {
        if (unknown != null && !unknown.isEmpty()) {
            String field = unknown.keySet().iterator().next();
            throw ProblemException.malformedBody(field, "unknown field '" + field + "'");
        }
    }
}
