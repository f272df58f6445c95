package io.attune.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.attune.application.port.in.PageRequest;
import io.attune.application.port.out.Backlog;
import io.attune.application.port.out.EventRepository;
import io.attune.application.port.in.EventQueries.EventFilter;
import io.attune.domain.common.Ref;
import io.attune.domain.event.Event;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What every EventRepository must do: store events with their payload and source, find them, list them newest first. */
public abstract class EventRepositoryContract extends StorageContract {

    private static final Instant T0 = Instant.parse("2031-02-03T04:05:06.789Z");
    private static final Ref ALERT = Ref.parse("mon.alert");
    private static final Ref TICK = Ref.parse("core.intervaltimer");

    protected abstract EventRepository events();

    private Event store(Ref trigger, Map<String, Object> payload, Instant at, String source) {
        return write(() -> events().insert(new Event(0, trigger, payload, at, Optional.ofNullable(source))));
    }

    @Test
    void aStoredEventIsFoundWithItsPayloadSourceAndTime() {
        Map<String, Object> payload = Map.of("host", "web-1", "severity", 3, "tags", List.of("a", "b"),
                "nested", Map.of("ok", true));
        Event stored = store(ALERT, payload, T0, "sensor:mon.watch");

        assertThat(stored.id()).isPositive();
        assertThat(read(() -> events().find(stored.id()))).contains(new Event(stored.id(), ALERT, payload, T0,
                Optional.of("sensor:mon.watch")));
        assertThat(read(() -> events().find(stored.id() + 1000))).isEmpty();
    }

    @Test
    void idsGrowAndListsAreNewestFirstWithFilters() {
        Event a = store(ALERT, Map.of(), T0, "api");
        Event b = store(TICK, Map.of(), T0.plusSeconds(10), "timer:mon.every");
        Event c = store(ALERT, Map.of(), T0.plusSeconds(20), null);

        assertThat(b.id()).isGreaterThan(a.id());
        assertThat(c.id()).isGreaterThan(b.id());
        assertThat(read(() -> events().list(EventFilter.any(), new PageRequest(10, 0))).items()).containsExactly(c, b, a);
        assertThat(read(() -> events().list(new EventFilter(Optional.of(ALERT), Optional.empty(), Optional.empty(),
                Optional.empty()), new PageRequest(10, 0))).items()).containsExactly(c, a);
        assertThat(read(() -> events().list(new EventFilter(Optional.empty(), Optional.of("timer:mon.every"),
                Optional.empty(), Optional.empty()), new PageRequest(10, 0))).items()).containsExactly(b);
        assertThat(read(() -> events().list(new EventFilter(Optional.empty(), Optional.empty(),
                Optional.of(T0.plusSeconds(10)), Optional.of(T0.plusSeconds(20))), new PageRequest(10, 0))).items())
                .containsExactly(b);
        var page = read(() -> events().list(EventFilter.any(), new PageRequest(2, 1)));
        assertThat(page.items()).containsExactly(b, a);
        assertThat(page.total()).isEqualTo(3);
    }

    @Test
    void aSliceHoldsWhatTheListHoldsWithoutCountingIt() {
        Event a = store(ALERT, Map.of(), T0, "api");
        Event b = store(TICK, Map.of(), T0.plusSeconds(10), "timer:mon.every");
        Event c = store(ALERT, Map.of(), T0.plusSeconds(20), null);

        assertThat(read(() -> events().slice(EventFilter.any(), 2, 0))).containsExactly(c, b);
        assertThat(read(() -> events().slice(EventFilter.any(), 2, 2))).containsExactly(a);
        assertThat(read(() -> events().slice(EventFilter.any(), 2, 3))).isEmpty();
        assertThat(read(() -> events().slice(new EventFilter(Optional.of(ALERT), Optional.empty(), Optional.empty(),
                Optional.empty()), 10, 0))).containsExactly(c, a);
        assertThat(read(() -> events().slice(new EventFilter(Optional.empty(), Optional.empty(),
                Optional.of(T0.plusSeconds(10)), Optional.of(T0.plusSeconds(20))), 10, 0))).containsExactly(b);
    }

    @Test
    void aNewEventAwaitsTheRulesUntilMarkedProcessedAndTheBacklogCountsUpToItsCap() {
        Instant before = Instant.now().minusSeconds(5);
        Event a = store(ALERT, Map.of(), T0, "api");
        Event b = store(ALERT, Map.of(), T0, "api");
        Event c = store(TICK, Map.of(), T0, null);

        Backlog all = read(() -> events().unprocessed(100));
        assertThat(all.count()).isEqualTo(3);
        assertThat(all.oldest()).hasValueSatisfying(t -> assertThat(t).isAfter(before));
        assertThat(read(() -> events().unprocessed(2)).count()).as("capped").isEqualTo(2);

        write(() -> events().markProcessed(List.of(a.id(), c.id())));
        assertThat(read(() -> events().unprocessed(100)).count()).isEqualTo(1);
        write(() -> events().markProcessed(List.of(a.id(), b.id(), b.id() + 1000)));
        assertThat(read(() -> events().unprocessed(100))).isEqualTo(Backlog.EMPTY);
        assertThat(read(() -> events().find(b.id()))).as("the event itself stays").isPresent();
    }
}
