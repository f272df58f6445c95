package io.attune.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.attune.application.port.out.IdempotencyKeys;
import io.attune.application.port.out.IdempotencyKeys.Answer;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What every IdempotencyKeys must do: one claim per (scope, key), expired ones taken over, bind, answer once, sweep. */
public abstract class IdempotencyKeysContract extends StorageContract {

    private static final Instant T0 = Instant.parse("2031-02-03T04:05:06.789Z");
    private static final Instant LONG_AGO = T0.minusSeconds(86_400);

    protected abstract IdempotencyKeys keys();

    @Test
    void aKeyIsClaimedOncePerScopeAndTheSameKeyInAnotherScopeIsAnotherClaim() {
        assertThat(write(() -> keys().claim("executions:ops", "k-1", "hash-a", T0, LONG_AGO))).isTrue();
        assertThat(write(() -> keys().claim("executions:ops", "k-1", "hash-a", T0.plusSeconds(1), LONG_AGO))).isFalse();
        assertThat(write(() -> keys().claim("executions:dev", "k-1", "hash-b", T0, LONG_AGO))).isTrue();

        assertThat(read(() -> keys().find("executions:ops", "k-1"))).hasValue(new IdempotencyKeys.Entry(
                "executions:ops", "k-1", "hash-a", Optional.empty(), Optional.empty(), T0));
        assertThat(read(() -> keys().find("executions:dev", "k-1")).orElseThrow().requestHash()).isEqualTo("hash-b");
        assertThat(read(() -> keys().find("events:ops", "k-1"))).isEmpty();
    }

    @Test
    void theResourceAndTheFirstAnswerAreKeptAndALaterAnswerChangesNothing() {
        write(() -> {
            keys().claim("events:ops", "k-2", "hash", T0, LONG_AGO);
            keys().bind("events:ops", "k-2", "event:42");
        });
        write(() -> keys().answer("events:ops", "k-2", new Answer(201, "{\"id\":42}")));
        write(() -> keys().answer("events:ops", "k-2", new Answer(500, "other")));

        IdempotencyKeys.Entry entry = read(() -> keys().find("events:ops", "k-2")).orElseThrow();
        assertThat(entry.resource()).hasValue("event:42");
        assertThat(entry.answer()).hasValue(new Answer(201, "{\"id\":42}"));
    }

    @Test
    void anExpiredClaimIsTakenOverAsNew() {
        write(() -> {
            keys().claim("webhook:gh", "delivery-1", "old", LONG_AGO.minusSeconds(1), LONG_AGO.minusSeconds(60));
            keys().bind("webhook:gh", "delivery-1", "event:1");
        });

        assertThat(write(() -> keys().claim("webhook:gh", "delivery-1", "new", T0, LONG_AGO))).isTrue();
        assertThat(read(() -> keys().find("webhook:gh", "delivery-1"))).hasValue(new IdempotencyKeys.Entry(
                "webhook:gh", "delivery-1", "new", Optional.empty(), Optional.empty(), T0));
    }

    @Test
    void theSweepDeletesOnlyKeysCreatedBeforeTheCutoff() {
        write(() -> keys().claim("s", "old", "h", T0.minusSeconds(100), LONG_AGO.minusSeconds(1_000_000)));
        write(() -> keys().claim("s", "new", "h", T0, LONG_AGO));

        assertThat(write(() -> keys().deleteCreatedBefore(T0.minusSeconds(50)))).isEqualTo(1);
        assertThat(read(() -> keys().find("s", "old"))).isEmpty();
        assertThat(read(() -> keys().find("s", "new"))).isPresent();
    }

    @Test
    void bindingOrAnsweringAnUnknownKeyDoesNothing() {
        write(() -> keys().bind("s", "nobody", "event:1"));
        write(() -> keys().answer("s", "nobody", new Answer(202, "{}")));
        assertThat(read(() -> keys().find("s", "nobody"))).isEmpty();
    }
}
