package io.attune.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.attune.application.port.in.PageRequest;
import io.attune.application.port.out.EnforcementRepository;
import io.attune.application.port.in.EventQueries.EnforcementFilter;
import io.attune.application.port.out.EventRepository;
import io.attune.application.port.out.ExecutionRepository;
import io.attune.domain.common.Ref;
import io.attune.domain.enforcement.Enforcement;
import io.attune.domain.event.Event;
import io.attune.domain.execution.Execution;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every EnforcementRepository must do: at most one enforcement per (rule, event), outcomes written back, and
 * listed newest first with filters; an event's enforcements oldest first.
 */
public abstract class EnforcementRepositoryContract extends StorageContract {

    private static final Instant T0 = Instant.parse("2031-02-03T04:05:06.789Z");
    private static final Ref RULE = Ref.parse("mon.on_alert");
    private static final Ref OTHER = Ref.parse("mon.also");

    protected abstract EnforcementRepository enforcements();

    /** The events enforcements refer to. */
    protected abstract EventRepository events();

    /** The executions enforcements refer to. */
    protected abstract ExecutionRepository executions();

    private long event1;
    private long event2;

    @BeforeEach
    void storeEvents() {
        event1 = write(() -> events().insert(new Event(0, Ref.parse("mon.alert"), Map.of(), T0, Optional.empty()))).id();
        event2 = write(() -> events().insert(new Event(0, Ref.parse("mon.alert"), Map.of(), T0, Optional.empty()))).id();
    }

    private static Enforcement created(Ref rule, long event, Instant at) {
        return new Enforcement(0, rule, event, Enforcement.Status.CREATED, Map.of(), OptionalLong.empty(),
                Optional.empty(), at);
    }

    @Test
    void oneEnforcementPerRuleAndEvent() {
        Optional<Enforcement> first = write(() -> enforcements().insertIfAbsent(created(RULE, event1, T0)));
        Optional<Enforcement> again = write(() -> enforcements().insertIfAbsent(created(RULE, event1, T0.plusSeconds(1))));
        Optional<Enforcement> otherRule = write(() -> enforcements().insertIfAbsent(created(OTHER, event1, T0)));
        Optional<Enforcement> otherEvent = write(() -> enforcements().insertIfAbsent(created(RULE, event2, T0)));

        assertThat(first).isPresent();
        assertThat(first.get().id()).isPositive();
        assertThat(again).isEmpty();
        assertThat(otherRule).isPresent();
        assertThat(otherEvent).isPresent();
        assertThat(read(() -> enforcements().ofEvent(event1))).extracting(Enforcement::rule).containsExactly(RULE, OTHER);
    }

    @Test
    void anOutcomeIsWrittenBack() {
        Enforcement stored = write(() -> enforcements().insertIfAbsent(created(RULE, event1, T0))).orElseThrow();
        long execution = write(() -> executions().insert(Execution.requested(Ref.parse("mon.page"), Map.of(),
                Optional.empty(), OptionalLong.empty(), OptionalLong.of(stored.id()), T0))).id();
        Enforcement done = new Enforcement(stored.id(), RULE, event1, Enforcement.Status.SUCCEEDED,
                Map.of("name", "web-1", "count", 2), OptionalLong.of(execution), Optional.empty(), T0);
        Enforcement failed = new Enforcement(stored.id(), RULE, event1, Enforcement.Status.FAILED, Map.of(),
                OptionalLong.empty(), Optional.of("cannot render parameters.name"), T0);

        assertThat(write(() -> enforcements().update(done))).isTrue();
        assertThat(read(() -> enforcements().find(stored.id()))).contains(done);
        assertThat(write(() -> enforcements().update(failed))).isTrue();
        assertThat(read(() -> enforcements().find(stored.id()))).contains(failed);
        assertThat(write(() -> enforcements().update(new Enforcement(stored.id() + 99, RULE, event1,
                Enforcement.Status.FAILED, Map.of(), OptionalLong.empty(), Optional.of("x"), T0)))).isFalse();
    }

    @Test
    void listsAreNewestFirstWithFilters() {
        Enforcement a = write(() -> enforcements().insertIfAbsent(created(RULE, event1, T0))).orElseThrow();
        Enforcement b = write(() -> enforcements().insertIfAbsent(created(OTHER, event1, T0.plusSeconds(10)))).orElseThrow();
        Enforcement c = write(() -> enforcements().insertIfAbsent(created(RULE, event2, T0.plusSeconds(20)))).orElseThrow();
        Enforcement cFailed = new Enforcement(c.id(), RULE, event2, Enforcement.Status.FAILED, Map.of(),
                OptionalLong.empty(), Optional.of("no"), c.createdAt());
        write(() -> enforcements().update(cFailed));

        PageRequest all = new PageRequest(10, 0);
        assertThat(read(() -> enforcements().list(EnforcementFilter.any(), all)).items()).containsExactly(cFailed, b, a);
        assertThat(read(() -> enforcements().list(new EnforcementFilter(Optional.of(RULE), OptionalLong.empty(),
                Optional.empty(), Optional.empty(), Optional.empty()), all)).items()).containsExactly(cFailed, a);
        assertThat(read(() -> enforcements().list(new EnforcementFilter(Optional.empty(), OptionalLong.of(event1),
                Optional.empty(), Optional.empty(), Optional.empty()), all)).items()).containsExactly(b, a);
        assertThat(read(() -> enforcements().list(new EnforcementFilter(Optional.empty(), OptionalLong.empty(),
                Optional.of(Enforcement.Status.FAILED), Optional.empty(), Optional.empty()), all)).items())
                .containsExactly(cFailed);
        assertThat(read(() -> enforcements().list(new EnforcementFilter(Optional.empty(), OptionalLong.empty(),
                Optional.empty(), Optional.of(T0.plusSeconds(5)), Optional.of(T0.plusSeconds(20))), all)).items())
                .containsExactly(b);
        assertThat(read(() -> enforcements().list(EnforcementFilter.any(), new PageRequest(1, 1))).total()).isEqualTo(3);
    }
}
