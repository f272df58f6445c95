package io.attune.adapters.runtime;

import java.time.Duration;

/**
 * How an action calls back Attune's API: the base URL it gets as {@code ATTUNE_API_URL}, and the token it gets as
 * {@code ATTUNE_API_TOKEN}, which is good for its own execution only.
 */
public interface ActionApiAccess {

    /** The API's base URL without a trailing slash, e.g. {@code http://127.0.0.1:8080}. */
    String baseUrl();

    /**
     * A bearer token standing for execution {@code executionId}: valid for at most {@code validFor}, and refused by
     * the API once that execution has ended. Never logged.
     */
    String token(long executionId, Duration validFor);
}
