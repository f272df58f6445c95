package io.attune.adapters.http.support;

import io.attune.application.port.in.IntakeLag;
import io.attune.application.port.in.UseCaseException;
import io.micronaut.http.HttpRequest;

/**
 * Intake's backpressure check at the top of a controller: past the backlog bound it throws the 429 (with Retry-After)
 * before anything is read or stored, and marks the request as refused for load, so that the audit trail does not
 * record each refusal of a burst as a denied request (they are counted in {@code attune_intake_refused_total}).
 */
public final class Backpressure {

    /** A request attribute set on requests refused for load. */
    public static final String REFUSED = "attune.backpressure.refused";

    private Backpressure() {
    }

    /** Refuses an event (webhook, {@code POST /events}) past the bound. */
    public static void admitEvent(IntakeLag lag, HttpRequest<?> request) {
        check(() -> lag.admitEvent(), request);
    }

    /** Refuses an execution asked for through the API past the bound. */
    public static void admitExecution(IntakeLag lag, HttpRequest<?> request) {
        check(() -> lag.admitExecution(), request);
    }

    private static void check(Runnable admit, HttpRequest<?> request) {
        try {
            admit.run();
        } catch (UseCaseException.TooManyAttempts refused) {
            request.setAttribute(REFUSED, true);
            throw refused;
        }
    }
}
