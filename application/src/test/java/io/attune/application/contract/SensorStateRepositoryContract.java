package io.attune.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.attune.application.port.out.SensorStateRepository;
import io.attune.domain.common.Ref;
import io.attune.domain.sensor.SensorError;
import io.attune.domain.sensor.SensorState;
import io.attune.domain.sensor.SensorStatus;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What every SensorStateRepository must do: keep one state per sensor (a save replaces it, every field survives),
 * list them by ref, keep only the newest errors of each sensor and return them newest first, and forget both on remove.
 */
public abstract class SensorStateRepositoryContract extends StorageContract {

    private static final Instant T0 = Instant.parse("2031-02-03T04:05:06.789Z");
    private static final Ref WATCH = Ref.parse("demo.watch");
    private static final Ref POLL = Ref.parse("demo.poll");

    protected abstract SensorStateRepository states();

    private static SensorState running(Ref sensor) {
        return new SensorState(sensor, SensorStatus.RUNNING, Optional.of("host-1-42"), Optional.of(4242L),
                Optional.of(T0), 3, Optional.of(2), Optional.of("exited with code 2: boom"), 17, 4, T0.plusSeconds(5));
    }

    @Test
    void aSavedStateIsFoundWithEveryField() {
        write(() -> states().save(running(WATCH)));

        assertThat(read(() -> states().find(WATCH))).contains(running(WATCH));
        assertThat(read(() -> states().find(POLL))).isEmpty();
    }

    @Test
    void savingAgainReplacesTheStateAndEmptyFieldsStayEmpty() {
        write(() -> states().save(running(WATCH)));
        SensorState disabled = SensorState.initial(WATCH, SensorStatus.DISABLED, T0.plusSeconds(9));

        write(() -> states().save(disabled));

        assertThat(read(() -> states().find(WATCH))).contains(disabled);
        assertThat(read(() -> states().list())).containsExactly(disabled);
    }

    @Test
    void statesAreListedByRef() {
        write(() -> states().save(running(WATCH)));
        write(() -> states().save(running(POLL)));
        write(() -> states().save(running(Ref.parse("alpha.x"))));

        assertThat(read(() -> states().list())).extracting(s -> s.sensor().toString())
                .containsExactly("alpha.x", "demo.poll", "demo.watch");
    }

    @Test
    void errorsComeNewestFirstAndOnlyTheNewestAreKept() {
        IntStream.range(0, 5).forEach(i -> write(() -> states().recordError(WATCH,
                new SensorError(T0.plusSeconds(i), "line " + i, "reason " + i), 3)));
        write(() -> states().recordError(POLL, new SensorError(T0, "other", "other"), 3));

        assertThat(read(() -> states().errors(WATCH, 10))).containsExactly(
                new SensorError(T0.plusSeconds(4), "line 4", "reason 4"),
                new SensorError(T0.plusSeconds(3), "line 3", "reason 3"),
                new SensorError(T0.plusSeconds(2), "line 2", "reason 2"));
        assertThat(read(() -> states().errors(WATCH, 2))).extracting(SensorError::line)
                .containsExactly("line 4", "line 3");
        assertThat(read(() -> states().errors(POLL, 10))).extracting(SensorError::line).containsExactly("other");
    }

    @Test
    void removingASensorForgetsItsStateAndErrorsOnly() {
        write(() -> states().save(running(WATCH)));
        write(() -> states().save(running(POLL)));
        write(() -> states().recordError(WATCH, new SensorError(T0, "x", "y"), 5));
        write(() -> states().recordError(POLL, new SensorError(T0, "x", "y"), 5));

        write(() -> states().remove(WATCH));
        write(() -> states().remove(Ref.parse("demo.unknown")));

        assertThat(read(() -> states().find(WATCH))).isEmpty();
        assertThat(read(() -> states().errors(WATCH, 10))).isEmpty();
        assertThat(read(() -> states().list())).containsExactly(running(POLL));
        assertThat(read(() -> states().errors(POLL, 10))).hasSize(1);
    }
}
