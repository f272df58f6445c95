package io.attune.adapters.http.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.attune.adapters.http.problem.ProblemException;
import io.micronaut.http.MediaType;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a webhook body into the JSON-shaped value its event carries: JSON parsed, a form as a map (a repeated field
 * as a list of its values), anything else as text.
 */
final class WebhookBodies {

    /** Its own plain mapper: what is stored never depends on how the API is configured to read JSON. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final String FORM = MediaType.APPLICATION_FORM_URLENCODED;

    private WebhookBodies() {
    }

    /** The body as a value; a malformed JSON or form body is a 400 problem, a NUL character a 422. */
    static Object parse(Optional<MediaType> contentType, byte[] raw) {
        Charset charset = contentType.flatMap(MediaType::getCharset).orElse(StandardCharsets.UTF_8);
        Object body;
        if (contentType.map(WebhookBodies::isJson).orElse(false)) {
            body = raw.length == 0 ? null : json(raw);
        } else if (contentType.map(t -> FORM.equals(t.getName())).orElse(false)) {
            body = form(new String(raw, charset), charset);
        } else {
            body = new String(raw, charset);
        }
        refuseNul(body);
        return body;
    }

    private static boolean isJson(MediaType type) {
        return type.getType().equals("application")
                && (type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"));
    }

    private static Object json(byte[] raw) {
        try {
            return JSON.readValue(raw, Object.class);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null || e.getLocation().getLineNr() < 0 ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw ProblemException.malformedBody("body", "invalid JSON" + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ProblemException.malformedBody("body", "unreadable JSON");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> form(String text, Charset charset) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name;
            String value;
            try {
                name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), charset);
                value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), charset);
            } catch (IllegalArgumentException e) {
                throw ProblemException.malformedBody("body", "invalid form encoding: " + e.getMessage());
            }
            fields.merge(name, value, (previous, added) -> {
                List<Object> values = previous instanceof List<?> list ? (List<Object>) list : new ArrayList<>(List.of(previous));
                values.add(added);
                return values;
            });
        }
        return fields;
    }

    /** PostgreSQL cannot store U+0000 in a JSON document: refuse it rather than fail on the insert. */
    private static void refuseNul(Object value) {
        if (value instanceof String s && s.indexOf('\0') >= 0) {
            throw ProblemException.invalidInput("body", "contains the NUL character (U+0000), which cannot be stored");
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                refuseNul(k);
                refuseNul(v);
            });
        }
        if (value instanceof List<?> list) {
            list.forEach(WebhookBodies::refuseNul);
        }
    }
}
