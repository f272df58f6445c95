package io.attune.domain.admission;

/** One limit an execution must pass to be admitted: a concurrency or a rate limit on one policy key. */
public sealed interface Gate permits ConcurrencyGate, RateGate {

    /** The key whose state this gate reads and updates. */
    PolicyKey key();
}
