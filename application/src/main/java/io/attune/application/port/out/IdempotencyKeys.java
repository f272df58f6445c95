package io.attune.application.port.out;

import java.time.Instant;
import java.util.Optional;

/**
 * The Idempotency-Keys of requests that created something: per (scope, key) the hash of the request, what it created
 * and, once given, the first answer. A key is claimed in the transaction that creates, so the two commit together.
 */
public interface IdempotencyKeys {

    /** The first answer given to a request: its HTTP status and body. */
    record Answer(int status, String body) {
    }

    /** A claimed key: which request (its hash), what it created ({@code execution:12}), the answer once given. */
    record Entry(String scope, String key, String requestHash, Optional<String> resource, Optional<Answer> answer,
                 Instant createdAt) {
    }

    /**
     * Claims (scope, key) for a request with this hash, inside the caller's transaction; an entry created before
     * {@code expiredBefore} is taken over. False, writing nothing, when the key is claimed already (by a committed
     * request, or earlier in this transaction); a concurrent claim not committed yet makes this wait for its end.
     */
    boolean claim(String scope, String key, String requestHash, Instant at, Instant expiredBefore);

    /** Records what the request of a claimed key created; no-op for an unknown key. */
    void bind(String scope, String key, String resource);

    /** Attaches the first answer to a claimed key; a later call changes nothing. */
    void answer(String scope, String key, Answer answer);

    Optional<Entry> find(String scope, String key);

    /** Deletes the entries created before {@code cutoff}; returns how many. */
    int deleteCreatedBefore(Instant cutoff);
}
