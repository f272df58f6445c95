package io.attune.application.service;

import io.attune.application.port.in.Idempotency;
import io.attune.application.port.in.UseCaseException;
import io.attune.application.port.out.IdempotencyKeys;
import io.attune.application.port.out.TransactionRunner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Idempotency-Keys: the services that create (executions, events, webhooks) claim a request's key in the transaction
 * that stores what it creates ({@link #claimWithin}, {@link #bindWithin}); a retry's claim then fails, and the adapter
 * asks for the first request's {@link #replay}. Keys older than the retention are neither replayed nor kept.
 */
public final class IdempotencyService implements Idempotency {

    private final IdempotencyKeys keys;
    private final TransactionRunner tx;
    private final Clock clock;
    private final Duration retention;

    public IdempotencyService(IdempotencyKeys keys, TransactionRunner tx, Clock clock, Duration retention) {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("the retention of idempotency keys must be positive, got " + retention);
        }
        this.keys = keys;
        this.tx = tx;
        this.clock = clock;
        this.retention = retention;
    }

    @Override
    public Optional<Replay> replay(Claim claim) {
        Instant oldest = clock.instant().minus(retention);
        return tx.readOnly(() -> keys.find(claim.scope(), claim.key()))
                .filter(entry -> !entry.createdAt().isBefore(oldest))
                .filter(entry -> entry.resource().isPresent())
                .map(entry -> {
                    if (!entry.requestHash().equals(claim.requestHash())) {
                        throw UseCaseException.Invalid.of("Idempotency-Key", "this Idempotency-Key was used for"
                                + " another request (another body or url) in the last " + retention.toHours()
                                + " h: use a new key for a new request");
                    }
                    return new Replay(entry.resource().orElseThrow(), entry.answer()
                            .map(a -> new Answer(a.status(), a.body())));
                });
    }

    @Override
    public void remember(Claim claim, Answer answer) {
        tx.run(() -> keys.answer(claim.scope(), claim.key(), new IdempotencyKeys.Answer(answer.status(), answer.body())));
    }

    @Override
    public int sweep() {
        return tx.inTransaction(() -> keys.deleteCreatedBefore(clock.instant().minus(retention)));
    }

    /**
     * Claims the key, if the request has one, inside the caller's transaction and before it writes anything (so a
     * batch may refuse this request alone). Conflict when the key is claimed already: the adapter then replays.
     */
    void claimWithin(Optional<Claim> claim) {
        if (claim.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        Claim c = claim.get();
        if (!keys.claim(c.scope(), c.key(), c.requestHash(), now, now.minus(retention))) {
            throw new UseCaseException.Conflict("a request with this Idempotency-Key was made already or is being"
                    + " made: retry to get its answer");
        }
    }

    /** Records what the claimed request created ({@code execution:12}), in the same transaction. */
    void bindWithin(Optional<Claim> claim, String resource) {
        claim.ifPresent(c -> keys.bind(c.scope(), c.key(), resource));
    }
}
