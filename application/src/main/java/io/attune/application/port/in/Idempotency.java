package io.attune.application.port.in;

import java.util.Objects;
import java.util.Optional;

/**
 * Requests that take effect once: a client that lost the answer to a create retries with the same Idempotency-Key
 * and gets the first answer instead of a second creation. Keys live for a configured time (24 h by default).
 */
public interface Idempotency {

    /**
     * A key as a request presents it: the scope it is unique in (the caller and the endpoint, so that no caller sees
     * another's answer), the key, and a hash of what was asked (a reused key with another request is refused).
     */
    record Claim(String scope, String key, String requestHash) {
        public static final int MAX_KEY_LENGTH = 255;

        public Claim {
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(requestHash, "requestHash");
            if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH
                    || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
                throw new IllegalArgumentException("an Idempotency-Key is 1 to " + MAX_KEY_LENGTH
                        + " visible ASCII characters");
            }
        }
    }

    /** The first answer given: HTTP status and body. */
    record Answer(int status, String body) {
    }

    /** What an earlier request with the key created ({@code execution:12}, {@code event:34}), and its answer if given. */
    record Replay(String resource, Optional<Answer> answer) {
    }

    /**
     * The earlier request made with this claim's scope and key within the retention, if any. Invalid (field
     * {@code Idempotency-Key}) when that request asked something else (another hash).
     */
    Optional<Replay> replay(Claim claim);

    /** Remembers the first answer to the claim's request, once it created what it asked for; later calls do nothing. */
    void remember(Claim claim, Answer answer);

    /** Forgets the keys older than the retention; returns how many. */
    int sweep();
}
