package io.attune.adapters.http.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.attune.adapters.http.problem.ProblemException;
import io.attune.adapters.http.problem.ProblemType;
import io.attune.adapters.http.support.StorableValues;
import io.attune.adapters.http.support.StrictJson;
import io.attune.application.port.in.FieldError;
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
 * as a list of its values), anything else as text. JSON is read as strictly as the API reads it, within the same
 * nesting depth ({@code attune.api.max-json-depth}).
 */
final class WebhookBodies {

    private static final String FORM = MediaType.APPLICATION_FORM_URLENCODED;

    /** Its own mapper: what is stored never depends on how the framework's mapper is configured to read objects. */
    private final ObjectMapper json;
    private final StrictJson rules;

    WebhookBodies(StrictJson rules) {
        this.rules = rules;
        this.json = rules.newMapper();
    }

    /**
     * The body as a value: a charset Java does not know is a 415 problem, a malformed JSON or form body a 400, a body
     * nested deeper than the limit, a NUL character or a number out of range a 422.
     */
    Object parse(Optional<MediaType> contentType, byte[] raw) {
        Charset charset = charset(contentType);
        Object body;
        if (contentType.map(WebhookBodies::isJson).orElse(false)) {
            body = raw.length == 0 ? null : json(raw, charset);
        } else if (contentType.map(t -> FORM.equals(t.getName())).orElse(false)) {
            body = form(new String(raw, charset), charset);
        } else {
            body = new String(raw, charset);
        }
        StorableValues.refuse("body", body);
        return body;
    }

    private static Charset charset(Optional<MediaType> contentType) {
        Optional<String> name = contentType.flatMap(t -> t.getParameters().get(MediaType.CHARSET_PARAMETER));
        if (name.isEmpty()) {
            return StandardCharsets.UTF_8;
        }
        String unquoted = name.get().replace("\"", "").trim();
        try {
            return Charset.forName(unquoted);
        } catch (IllegalArgumentException e) {
            // UnsupportedCharsetException and IllegalCharsetNameException: the client named what no one can decode
            throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "the charset '" + unquoted
                    + "' of the Content-Type is not one the server can decode; send UTF-8",
                    List.of(FieldError.of("Content-Type", "unknown charset '" + unquoted + "'")));
        }
    }

    private static boolean isJson(MediaType type) {
        return type.getType().equals("application")
                && (type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"));
    }

    private Object json(byte[] raw, Charset charset) {
        try {
            return StandardCharsets.UTF_8.equals(charset) ? json.readValue(raw, Object.class)
                    : json.readValue(new String(raw, charset), Object.class);
        } catch (StreamConstraintsException e) {
            throw ProblemException.invalidInput("body", rules.limitMessage(e));
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
}
