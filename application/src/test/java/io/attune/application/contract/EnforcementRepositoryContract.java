package io.attune.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.attune.application.port.in.PageRequest;
import io.attune.application.port.out.EnforcementRepository;
import io.attune.application.port.out.EnforcementRepository.Claim;
import io.attune.application.port.in.EventQueries.EnforcementFilter;
import io.attune.application.port.out.EventRepository;
import io.attune.application.port.out.ExecutionRepository;
import io.attune.domain.common.Ref;
import io.attune.domain.enforcement.Enforcement;
import io.attune.domain.event.Event;
import io.attune.domain.execution.Execution;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every EnforcementRepository must do: at most one enforcement per (rule, event), each stored once in its final
 * state under a reserved id, listed newest first with filters; an event's enforcements oldest first.
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

    /** Reserves the pair's id and stores it under that id with this status, in one transaction. */
    private Enforcement stored(Ref rule, long event, Instant at, Enforcement.Status status, Optional<String> failure) {
        return write(() -> {
            long id = enforcements().reserve(List.of(new Claim(rule, event))).get(new Claim(rule, event));
            Enforcement e = new Enforcement(id, rule, event, status, Map.of(), OptionalLong.empty(), failure, at);
            assertThat(enforcements().insert(e)).isTrue();
            return e;
        });
    }

    @Test
    void oneEnforcementPerRuleAndEvent() {
        Claim first = new Claim(RULE, event1);
        Claim otherRule = new Claim(OTHER, event1);
        Claim otherEvent = new Claim(RULE, event2);
        Map<Claim, Long> ids = write(() -> enforcements().reserve(List.of(first, otherRule, first, otherEvent)));
        assertThat(ids).containsOnlyKeys(first, otherRule, otherEvent);
        assertThat(ids.values()).allMatch(id -> id > 0).doesNotHaveDuplicates();

        assertThat(write(() -> enforcements().insert(new Enforcement(ids.get(first), RULE, event1,
                Enforcement.Status.FAILED, Map.of(), OptionalLong.empty(), Optional.of("no"), T0)))).isTrue();
        assertThat(write(() -> enforcements().reserve(List.of(first, otherRule)))).as("the stored pair is left out")
                .containsOnlyKeys(otherRule);
        assertThat(write(() -> enforcements().insert(new Enforcement(ids.get(otherRule), RULE, event1,
                Enforcement.Status.FAILED, Map.of(), OptionalLong.empty(), Optional.of("again"), T0))))
                .as("the same rule and event under another id").isFalse();
        assertThat(write(() -> enforcements().insert(new Enforcement(ids.get(otherEvent), RULE, event2,
                Enforcement.Status.FAILED, Map.of(), OptionalLong.empty(), Optional.of("no"), T0)))).isTrue();
        assertThat(write(() -> enforcements().reserve(List.of()))).isEmpty();
        assertThat(read(() -> enforcements().ofEvent(event1))).extracting(Enforcement::failure)
                .containsExactly(Optional.of("no"));
    }

    @Test
    void anEnforcementIsStoredInItsFinalStateWithTheExecutionThatNamesIt() {
        Enforcement done = write(() -> {
            long id = enforcements().reserve(List.of(new Claim(RULE, event1))).get(new Claim(RULE, event1));
            // the execution names the enforcement before the enforcement row exists: checked at commit
            long execution = executions().insert(Execution.requested(Ref.parse("mon.page"), Map.of(),
                    Optional.empty(), OptionalLong.empty(), OptionalLong.of(id), T0)).id();
            Enforcement e = new Enforcement(id, RULE, event1, Enforcement.Status.SUCCEEDED,
                    Map.of("name", "web-1", "count", 2), OptionalLong.of(execution), Optional.empty(), T0);
            assertThat(enforcements().insert(e)).isTrue();
            return e;
        });

        assertThat(read(() -> enforcements().find(done.id()))).contains(done);
        assertThat(read(() -> executions().find(done.execution().getAsLong())).orElseThrow().enforcement())
                .hasValue(done.id());
    }

    @Test
    void listsAreNewestFirstWithFilters() {
        Enforcement a = stored(RULE, event1, T0, Enforcement.Status.SUCCEEDED, Optional.empty());
        Enforcement b = stored(OTHER, event1, T0.plusSeconds(10), Enforcement.Status.SUCCEEDED, Optional.empty());
        Enforcement cFailed = stored(RULE, event2, T0.plusSeconds(20), Enforcement.Status.FAILED, Optional.of("no"));

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
