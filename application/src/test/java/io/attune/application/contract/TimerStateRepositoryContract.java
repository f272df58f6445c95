package io.attune.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.attune.application.port.out.TimerStateRepository;
import io.attune.application.port.out.TimerStateRepository.TimerState;
import io.attune.domain.common.Ref;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** What every TimerStateRepository must do: plan, list, advance by compare-and-set (one winner), delete. */
public abstract class TimerStateRepositoryContract extends StorageContract {

    private static final Instant T0 = Instant.parse("2031-02-03T04:05:06.789Z");
    private static final Ref EVERY = Ref.parse("mon.every_minute");
    private static final Ref ONCE = Ref.parse("mon.once");

    protected abstract TimerStateRepository timers();

    @Test
    void aPlannedStateIsListedByRule() {
        TimerState every = new TimerState(EVERY, "cron 0 * * * * * UTC", Optional.of(T0), Optional.empty());
        TimerState once = new TimerState(ONCE, "date " + T0, Optional.empty(), Optional.of(T0.minusSeconds(5)));
        assertThat(write(() -> timers().plan(once))).isTrue();
        assertThat(write(() -> timers().plan(every))).isTrue();

        assertThat(read(() -> timers().list())).containsExactly(every, once);
    }

    @Test
    void planningTheSameFingerprintAgainKeepsTheStoredStateAndAChangedOneReplacesIt() {
        TimerState first = new TimerState(EVERY, "interval PT10S", Optional.of(T0), Optional.of(T0.minusSeconds(10)));
        write(() -> timers().plan(first));

        assertThat(write(() -> timers().plan(new TimerState(EVERY, "interval PT10S", Optional.of(T0.plusSeconds(3)),
                Optional.empty())))).isFalse();
        assertThat(read(() -> timers().list())).containsExactly(first);

        TimerState changed = new TimerState(EVERY, "interval PT20S", Optional.of(T0.plusSeconds(20)), Optional.empty());
        assertThat(write(() -> timers().plan(changed))).isTrue();
        assertThat(read(() -> timers().list())).containsExactly(changed);
    }

    @Test
    void advanceMovesTheNextFiringOnlyFromTheExpectedOne() {
        write(() -> timers().plan(new TimerState(EVERY, "f", Optional.of(T0), Optional.empty())));

        assertThat(write(() -> timers().advance(EVERY, "f", Optional.of(T0.minusSeconds(1)), Optional.of(T0.plusSeconds(60)),
                Optional.of(T0)))).isFalse();
        assertThat(write(() -> timers().advance(EVERY, "other", Optional.of(T0), Optional.of(T0.plusSeconds(60)),
                Optional.of(T0)))).isFalse();
        assertThat(write(() -> timers().advance(EVERY, "f", Optional.of(T0), Optional.of(T0.plusSeconds(60)),
                Optional.of(T0)))).isTrue();
        assertThat(write(() -> timers().advance(EVERY, "f", Optional.of(T0), Optional.of(T0.plusSeconds(60)),
                Optional.of(T0)))).isFalse();
        assertThat(read(() -> timers().list()))
                .containsExactly(new TimerState(EVERY, "f", Optional.of(T0.plusSeconds(60)), Optional.of(T0)));
    }

    @Test
    void aSkipKeepsTheLastFiringAndADoneTimerHasNoNextFiring() {
        write(() -> timers().plan(new TimerState(EVERY, "f", Optional.of(T0), Optional.of(T0.minusSeconds(60)))));

        assertThat(write(() -> timers().advance(EVERY, "f", Optional.of(T0), Optional.of(T0.plusSeconds(600)),
                Optional.empty()))).isTrue();
        assertThat(write(() -> timers().advance(EVERY, "f", Optional.of(T0.plusSeconds(600)), Optional.empty(),
                Optional.of(T0.plusSeconds(600))))).isTrue();
        assertThat(read(() -> timers().list()))
                .containsExactly(new TimerState(EVERY, "f", Optional.empty(), Optional.of(T0.plusSeconds(600))));
        assertThat(write(() -> timers().advance(EVERY, "f", Optional.empty(), Optional.of(T0), Optional.empty()))).isTrue();
    }

    @Test
    void ofConcurrentAdvancesFromTheSameFiringExactlyOneWins() throws Exception {
        write(() -> timers().plan(new TimerState(EVERY, "f", Optional.of(T0), Optional.empty())));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Boolean>> racers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                racers.add(() -> write(() -> timers().advance(EVERY, "f", Optional.of(T0), Optional.of(T0.plusSeconds(1)),
                        Optional.of(T0))));
            }
            int winners = 0;
            for (Future<Boolean> result : pool.invokeAll(racers)) {
                winners += result.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void deleteForgetsTheState() {
        write(() -> timers().plan(new TimerState(EVERY, "f", Optional.of(T0), Optional.empty())));

        assertThat(write(() -> timers().delete(EVERY))).isTrue();
        assertThat(write(() -> timers().delete(EVERY))).isFalse();
        assertThat(read(() -> timers().list())).isEmpty();
        assertThat(write(() -> timers().advance(EVERY, "f", Optional.of(T0), Optional.empty(), Optional.empty()))).isFalse();
    }
}
