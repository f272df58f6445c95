package io.attune.adapters.amqp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import io.attune.application.port.out.Message;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Attune's wire format: a persistent JSON envelope {@code {"id","type","occurredAt","correlationId","payload"}} whose
 * AMQP properties repeat the message's identity (message id, type, correlation id, timestamp) for operators' tools.
 */
final class MessageCodec {

    static final String CONTENT_TYPE = "application/json";
    private static final int PERSISTENT = 2;
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };
    // its own mapper: the wire format must not change with the JSON settings of the HTTP API
    private static final ObjectMapper JSON = new ObjectMapper();

    private MessageCodec() {
    }

    /** The envelope as JSON; throws IllegalArgumentException when the payload holds something JSON cannot carry. */
    static byte[] encode(Message message) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("id", message.id());
        envelope.put("type", message.type());
        envelope.put("occurredAt", message.occurredAt().toString());
        envelope.put("correlationId", message.correlationId());
        envelope.put("payload", message.payload());
        try {
            return JSON.writeValueAsBytes(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("message " + message.id() + " is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    static AMQP.BasicProperties properties(Message message) {
        return new AMQP.BasicProperties.Builder()
                .contentType(CONTENT_TYPE)
                .deliveryMode(PERSISTENT)
                .messageId(message.id())
                .type(message.type())
                .correlationId(message.correlationId())
                .timestamp(Date.from(message.occurredAt()))
                .build();
    }

    /** Reads an envelope delivered with {@code routingKey}; throws IllegalArgumentException when it is not one. */
    static Message decode(String routingKey, byte[] body) {
        Map<String, Object> envelope;
        try {
            envelope = JSON.readValue(body, OBJECT);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a JSON object: " + e.getMessage(), e);
        }
        if (envelope == null) {
            throw new IllegalArgumentException("not a JSON object: null");
        }
        if (envelope.get("payload") != null && !(envelope.get("payload") instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("the envelope's payload is not an object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> payload = (Map<String, Object>) envelope.get("payload");
        String correlationId = envelope.get("correlationId") instanceof String c ? c : null;
        try {
            return new Message(text(envelope, "id"), text(envelope, "type"), routingKey,
                    Instant.parse(text(envelope, "occurredAt")), correlationId, payload);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("the envelope's occurredAt is not an instant: " + e.getMessage(), e);
        }
    }

    /** The execution a message is about: its payload's {@code execution} field. */
    static long execution(Message message) {
        Object value = message.payload().get("execution");
        if (value instanceof Number number) {
            return number.longValue();
        }
        if (value instanceof String text) {
            try {
                return Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("message " + message.id() + " names no execution: " + text, e);
            }
        }
        throw new IllegalArgumentException("message " + message.id() + " names no execution");
    }

    /** The event a message is about: its payload's {@code event} field. */
    static long event(Message message) {
        if (message.payload().get("event") instanceof Number number) {
            return number.longValue();
        }
        throw new IllegalArgumentException("message " + message.id() + " names no event");
    }

    /** A text field of the payload, required. */
    static String text(Message message, String field) {
        if (message.payload().get(field) instanceof String text) {
            return text;
        }
        throw new IllegalArgumentException("message " + message.id() + " has no " + field);
    }

    private static String text(Map<String, Object> envelope, String field) {
        if (envelope.get(field) instanceof String text) {
            return text;
        }
        throw new IllegalArgumentException("the envelope has no " + field);
    }
}
