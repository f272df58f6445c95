package io.attune.adapters.http.support;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * How the API reads JSON: strictly and within a nesting depth. A body is read as written or refused: no unknown
 * fields, no duplicate keys, nothing after the value, no text or fractions for integers, no numbers or booleans for
 * text, no single value for a list or a one-element list for a value, and a request body must be an object. Bodies
 * nested deeper than {@code attune.api.max-json-depth} are refused before they are built, so a small request cannot
 * become a value no response can carry. Applied to the framework's mapper as it is created.
 */
@Singleton
public final class StrictJson implements BeanCreatedEventListener<ObjectMapper> {

    /** The property that bounds the nesting depth of every JSON request body, webhooks included. */
    public static final String MAX_DEPTH_PROPERTY = "attune.api.max-json-depth";
    private static final int LARGEST_DEPTH = 500;

    private final int maxDepth;

    StrictJson(@Value("${" + MAX_DEPTH_PROPERTY + ":64}") int maxDepth) {
        if (maxDepth < 2 || maxDepth > LARGEST_DEPTH) {
            // a stored value is shown cut at 500 levels: a deeper intake would store what cannot be shown whole
            throw new IllegalArgumentException(MAX_DEPTH_PROPERTY + " must be between 2 and " + LARGEST_DEPTH
                    + ", got " + maxDepth);
        }
        this.maxDepth = maxDepth;
    }

    /** The deepest nesting a request body may have (objects and arrays, the body itself counting as one). */
    public int maxDepth() {
        return maxDepth;
    }

    /** What a client is told when its body is over one of the parser's limits. */
    public String limitMessage(StreamConstraintsException e) {
        return e.getMessage() != null && e.getMessage().contains("nesting depth")
                ? "the JSON nests deeper than the limit of " + maxDepth + " levels (" + MAX_DEPTH_PROPERTY + ")"
                : "the JSON holds a number or a text longer than the server reads";
    }

    @Override
    public ObjectMapper onCreated(BeanCreatedEvent<ObjectMapper> event) {
        return configure(event.getBean());
    }

    /** A mapper of its own with the same rules, for bodies read outside the framework (webhooks). */
    public ObjectMapper newMapper() {
        return configure(JsonMapper.builder().build());
    }

    private ObjectMapper configure(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxDepth).build());
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT, DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS,
                DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);
        for (LogicalType type : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.registerModule(new SimpleModule("attune-objects-only").setDeserializerModifier(new ObjectsOnly()));
        return mapper;
    }

    /** Request records are read from JSON objects only, never from a bare value (which would fill one field). */
    private static final class ObjectsOnly extends BeanDeserializerModifier {
        @Override
        public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                                                      JsonDeserializer<?> deserializer) {
            return description.getBeanClass().isRecord() ? new ObjectOnly(deserializer) : deserializer;
        }
    }

    private static final class ObjectOnly extends DelegatingDeserializer {
        ObjectOnly(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new ObjectOnly(delegate);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.START_OBJECT) && !p.hasToken(JsonToken.FIELD_NAME)) {
                return ctxt.handleUnexpectedToken(handledType(), p);
            }
            return super.deserialize(p, ctxt);
        }

        @Override
        public Object getNullValue(DeserializationContext ctxt) throws com.fasterxml.jackson.databind.JsonMappingException {
            if (ctxt.getParser() != null && ctxt.getParser().getParsingContext().inRoot()) {
                // a body of just "null" is not an absent body
                return ctxt.reportInputMismatch(this, "a JSON object is required, not null");
            }
            return super.getNullValue(ctxt);
        }
    }
}
