package io.attune.domain.event;

import io.attune.domain.common.Ref;
import java.util.Optional;

/**
 * Who emitted an event, as stored in {@link Event#source()}: {@code api}, {@code webhook:<url>}, {@code timer:<rule>}
 * or {@code sensor:<sensor>}. Timer and webhook events are addressed: a timer event is enforced only by the rule
 * whose trigger parameters declared the timer, a webhook event only by the rules whose {@code url} is its url.
 */
public final class EventSource {

    public static final String API = "api";
    private static final String WEBHOOK = "webhook:";
    private static final String TIMER = "timer:";
    private static final String SENSOR = "sensor:";

    private EventSource() {
    }

    public static String webhook(String url) {
        return WEBHOOK + url;
    }

    public static String timer(Ref rule) {
        return TIMER + rule;
    }

    public static String sensor(Ref sensor) {
        return SENSOR + sensor;
    }

    /** The webhook url of a webhook event's source. */
    public static Optional<String> webhookUrl(Optional<String> source) {
        return source.filter(s -> s.startsWith(WEBHOOK)).map(s -> s.substring(WEBHOOK.length()));
    }

    /** The rule that declared the timer of a timer event's source. */
    public static Optional<String> timerRule(Optional<String> source) {
        return source.filter(s -> s.startsWith(TIMER)).map(s -> s.substring(TIMER.length()));
    }
}
