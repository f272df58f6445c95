package io.attune.adapters.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.attune.domain.common.Json;
import java.util.Optional;

/**
 * The result of an {@code output_format: json} action: its whole stdout as one JSON document, or failing that its
 * last non-blank line (so a script may log before printing its result). Becomes plain Java values.
 */
record JsonResult(Optional<Object> result, Optional<String> error) {

    private static final int MESSAGE_LIMIT = 200;

    static ObjectMapper mapper() {
        return new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    static JsonResult parse(ObjectMapper json, String stdout, long overflowBytes) {
        if (overflowBytes > 0) {
            return failed("stdout is longer than the output cap (" + overflowBytes
                    + " bytes cut), so it cannot be parsed as JSON");
        }
        String text = stdout.strip();
        if (text.isEmpty()) {
            return failed("the action declares output_format json but printed nothing on stdout");
        }
        try {
            return parsed(json.readValue(text, Object.class));
        } catch (JsonProcessingException whole) {
            String lastLine = text.substring(text.lastIndexOf('\n') + 1).strip();
            if (lastLine.length() < text.length()) {
                try {
                    return parsed(json.readValue(lastLine, Object.class));
                } catch (JsonProcessingException ignored) {
                    // report the problem with the whole output, which is what the author meant to be JSON
                }
            }
            return failed("stdout is not valid JSON: " + shortMessage(whole));
        }
    }

    private static JsonResult parsed(Object value) {
        return new JsonResult(Optional.ofNullable(Json.copyValue(value)), Optional.empty());
    }

    private static JsonResult failed(String message) {
        return new JsonResult(Optional.empty(), Optional.of(message));
    }

    private static String shortMessage(JsonProcessingException e) {
        String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        String location = e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        String firstLine = message.lines().findFirst().orElse(message);
        return (firstLine.length() > MESSAGE_LIMIT ? firstLine.substring(0, MESSAGE_LIMIT) + "…" : firstLine) + location;
    }
}
