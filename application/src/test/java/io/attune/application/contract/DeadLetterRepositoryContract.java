package io.attune.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.attune.application.port.in.DeadLetters.Arrival;
import io.attune.application.port.in.DeadLetters.DeadLetter;
import io.attune.application.port.in.PageRequest;
import io.attune.application.port.out.DeadLetterRepository;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * What every DeadLetterRepository must do: store a dead letter once per key with its body byte for byte, list newest
 * first with the body as text, and count replays with who and when.
 */
public abstract class DeadLetterRepositoryContract extends StorageContract {

    private static final Instant T0 = Instant.parse("2031-03-04T05:06:07.123456Z");

    protected abstract DeadLetterRepository letters();

    private static Arrival arrival(String key, byte[] body) {
        return new Arrival(key, "attune.work.shell", Optional.of("execution.dispatch.shell"), Optional.of("m-" + key),
                Optional.of("execution.dispatch"), OptionalLong.of(42), OptionalLong.empty(), "boom", 5, body, T0);
    }

    @Test
    void aDeadLetterIsStoredOncePerKeyWithItsBodyAndListedNewestFirst() {
        byte[] raw = {'{', (byte) 0xff, '}'};
        assertThat(write(() -> letters().insertIfAbsent(arrival("a", raw)))).isTrue();
        assertThat(write(() -> letters().insertIfAbsent(arrival("a", raw)))).as("a redelivery").isFalse();
        assertThat(write(() -> letters().insertIfAbsent(new Arrival("b", "attune.rules", Optional.empty(),
                Optional.empty(), Optional.empty(), OptionalLong.empty(), OptionalLong.of(7), "not an Attune message",
                0, "hello".getBytes(StandardCharsets.UTF_8), T0.plusSeconds(1))))).isTrue();

        var page = read(() -> letters().list(new PageRequest(10, 0)));
        assertThat(page.total()).isEqualTo(2);
        DeadLetter newest = page.items().get(0);
        DeadLetter first = page.items().get(1);
        assertThat(newest.queue()).isEqualTo("attune.rules");
        assertThat(newest.body()).isEqualTo("hello");
        assertThat(newest.type()).isEmpty();
        assertThat(newest.event()).hasValue(7);
        assertThat(first).isEqualTo(new DeadLetter(first.id(), "attune.work.shell",
                Optional.of("execution.dispatch.shell"), Optional.of("m-a"), Optional.of("execution.dispatch"),
                OptionalLong.of(42), OptionalLong.empty(), "boom", 5, T0, first.body(), 0, Optional.empty(),
                Optional.empty()));
        assertThat(read(() -> letters().body(first.id()))).hasValueSatisfying(b -> assertThat(b).isEqualTo(raw));
        assertThat(read(() -> letters().list(new PageRequest(1, 1))).items()).containsExactly(first);
    }

    @Test
    void aReplayIsCountedWithWhoAndWhen() {
        write(() -> letters().insertIfAbsent(arrival("r", new byte[] {1})));
        long id = read(() -> letters().list(new PageRequest(1, 0))).items().get(0).id();

        write(() -> letters().markReplayed(id, T0.plusSeconds(60), "alice"));
        write(() -> letters().markReplayed(id, T0.plusSeconds(120), "bob"));

        DeadLetter replayed = read(() -> letters().find(id)).orElseThrow();
        assertThat(replayed.replays()).isEqualTo(2);
        assertThat(replayed.replayedAt()).contains(T0.plusSeconds(120));
        assertThat(replayed.replayedBy()).contains("bob");
        assertThat(read(() -> letters().find(id + 1000))).isEmpty();
        assertThat(read(() -> letters().body(id + 1000))).isEmpty();
    }
}
