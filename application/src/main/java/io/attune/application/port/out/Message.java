package io.attune.application.port.out;

import io.attune.domain.action.WorkerLabels;
import io.attune.domain.common.Json;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A wake-up sent through the broker: names what happened and the id of the row to reload; the row, not the message,
 * is the truth. {@code routingKey} decides which queue gets it (see {@link Routes}).
 */
public record Message(String id, String type, String routingKey, Instant occurredAt, String correlationId,
                      Map<String, Object> payload) {

    public Message {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(routingKey, "routingKey");
        Objects.requireNonNull(occurredAt, "occurredAt");
        payload = Json.copyObject(payload);
    }

    /** The routing keys Attune uses. */
    public static final class Routes {
        /** An execution was admitted: a worker of the runtime runs it. Suffix: the runner code. */
        public static final String DISPATCH_PREFIX = "execution.dispatch.";
        /** A running execution is to be canceled: every worker hears it, the one running it acts. */
        public static final String CANCEL = "execution.cancel";
        /** Any status change, for live streams. */
        public static final String STATUS = "execution.status";
        /** An event was recorded: the rules consumer matches it against the enabled rules of its trigger. */
        public static final String EVENT_CREATED = "event.created";

        private Routes() {
        }

        public static String dispatch(String runner) {
            return DISPATCH_PREFIX + runner;
        }

        /**
         * The dispatch route of an action of this runner asking for these worker labels: the runner's own route when
         * it asks for none, else that route, a dot, and the labels as {@code key=value} pairs by key
         * ({@code execution.dispatch.shell.gpu=true,region=eu}).
         */
        public static String dispatch(String runner, Map<String, String> labels) {
            return labels.isEmpty() ? dispatch(runner) : dispatch(runner) + "." + WorkerLabels.format(labels);
        }
    }
}
