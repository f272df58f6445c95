package io.attune.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attune.application.fake.InMemoryDeadLetters;
import io.attune.application.fake.InMemoryEvents;
import io.attune.application.fake.InMemoryStore;
import io.attune.application.fake.InMemoryTransactionRunner;
import io.attune.application.port.in.DeadLetters.Arrival;
import io.attune.application.port.in.PageRequest;
import io.attune.application.port.in.UseCaseException;
import io.attune.application.port.out.Backlog;
import io.attune.domain.common.Ref;
import io.attune.domain.event.Event;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class DeadLetterServiceTest {

    private static final Instant NOW = Instant.parse("2031-05-06T07:08:09Z");

    private final InMemoryDeadLetters letters = new InMemoryDeadLetters();
    private final InMemoryEvents events = new InMemoryEvents();
    private final List<String> replayedOnto = new ArrayList<>();
    private boolean brokerTakes = true;
    private final DeadLetterService service = new DeadLetterService(letters, (queue, body) -> {
        if (brokerTakes) {
            replayedOnto.add(queue + ":" + new String(body));
        }
        return brokerTakes;
    }, events, new InMemoryTransactionRunner(new InMemoryStore()), Clock.fixed(NOW, ZoneOffset.UTC));

    private static Arrival arrival(String key, String type, OptionalLong event) {
        return new Arrival(key, "q.rules", Optional.empty(), Optional.of("m-" + key), Optional.of(type),
                OptionalLong.empty(), event, "boom", 5, ("body-" + key).getBytes(), NOW.minusSeconds(5));
    }

    @Test
    void aDeadEventCreatedLeavesTheIntakeBacklogAndIsListed() {
        Event event = events.insert(new Event(0, Ref.parse("p.t"), Map.of(), NOW, Optional.empty()));
        Event other = events.insert(new Event(0, Ref.parse("p.t"), Map.of(), NOW, Optional.empty()));

        service.record(arrival("a", "event.created", OptionalLong.of(event.id())));
        service.record(arrival("a", "event.created", OptionalLong.of(event.id())));
        service.record(arrival("b", "execution.dispatch", OptionalLong.of(other.id())));

        assertThat(service.list(new PageRequest(10, 0)).total()).as("stored once per key").isEqualTo(2);
        assertThat(events.unprocessed(10)).as("only the event.created one left the backlog")
                .isEqualTo(new Backlog(1, events.unprocessed(10).oldest()));
    }

    @Test
    void aReplayPublishesTheBodyOntoItsQueueThenMarksItAndAnUnknownOneIsNotFound() {
        service.record(arrival("a", "execution.dispatch", OptionalLong.empty()));
        long id = service.list(new PageRequest(1, 0)).items().get(0).id();

        brokerTakes = false;
        assertThatThrownBy(() -> service.replay(id, "alice")).isInstanceOf(UseCaseException.Conflict.class);
        assertThat(service.list(new PageRequest(1, 0)).items().get(0).replays()).isZero();

        brokerTakes = true;
        var replayed = service.replay(id, "alice");
        assertThat(replayedOnto).containsExactly("q.rules:body-a");
        assertThat(replayed.replays()).isEqualTo(1);
        assertThat(replayed.replayedBy()).contains("alice");
        assertThat(replayed.replayedAt()).contains(NOW);
        assertThatThrownBy(() -> service.replay(id + 99, "alice")).isInstanceOf(UseCaseException.NotFound.class);
    }
}
