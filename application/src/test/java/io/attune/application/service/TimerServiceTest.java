package io.attune.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.attune.application.fake.InMemoryCatalog;
import io.attune.application.fake.InMemoryEvents;
import io.attune.application.fake.InMemoryExecutions;
import io.attune.application.fake.InMemoryOutbox;
import io.attune.application.fake.InMemoryStore;
import io.attune.application.fake.InMemoryTimerStates;
import io.attune.application.fake.InMemoryTransactionRunner;
import io.attune.application.fake.StepCronSchedules;
import io.attune.application.fake.MutableClock;
import io.attune.application.port.out.Leadership;
import io.attune.application.port.out.TimerStateRepository.TimerState;
import io.attune.domain.common.Ref;
import io.attune.domain.event.Event;
import io.attune.domain.rule.Rule;
import io.attune.domain.rule.criteria.Criteria;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Timers on the in-memory fakes, with a clock the test moves and a leadership it hands out. */
class TimerServiceTest {

    private static final Instant T0 = Instant.parse("2030-05-06T07:08:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryStore store = new InMemoryStore();
    private final InMemoryCatalog catalog = new InMemoryCatalog(store);
    private final InMemoryTransactionRunner tx = new InMemoryTransactionRunner(store);
    private final InMemoryEvents events = new InMemoryEvents();
    private final InMemoryOutbox outbox = new InMemoryOutbox();
    private final InMemoryTimerStates states = new InMemoryTimerStates();
    private final Dispatch dispatch = new Dispatch(new InMemoryExecutions(), catalog, outbox, outbox, tx);
    private String leader = "a";
    private final TimerService a = instance("a");

    private TimerService instance(String name) {
        Leadership leadership = new Leadership() {
            @Override
            public boolean lead(String duty) {
                return duty.equals(TimerService.DUTY) && (leader.equals(name) || leader.equals("*"));
            }

            @Override
            public void resign(String duty) {
            }
        };
        return new TimerService(leadership, catalog.rules(), states, new TimerSchedules(new StepCronSchedules()),
                new EventRecorder(events, outbox), dispatch, tx, clock, Duration.ofSeconds(60));
    }

    private void rule(String ref, String trigger, Map<String, Object> parameters, boolean enabled) {
        Rule rule = new Rule(Ref.parse(ref), "", Ref.parse(trigger), parameters, Criteria.none(), Ref.parse("core.noop"),
                Map.of(), enabled, Rule.Origin.API);
        if (!catalog.rules().insert(rule)) {
            catalog.rules().update(rule);
        }
    }

    private int tickAt(TimerService instance, Instant at) {
        clock.set(at);
        return instance.tick();
    }

    private List<String> executedAt() {
        return events.all().stream().map(e -> (String) e.payload().get("executed_at")).toList();
    }

    @Test
    void aNewIntervalTimerIsPlannedFromNowAndFiresAnEventOfItsTriggerWhenDue() {
        rule("demo.every", "core.intervaltimer", Map.of("unit", "seconds", "delta", 10), true);

        assertThat(tickAt(a, T0)).isZero();
        assertThat(tickAt(a, T0.plusMillis(9_900))).isZero();
        assertThat(tickAt(a, T0.plusMillis(10_300))).isEqualTo(1);

        Event event = events.all().get(0);
        assertThat(event.trigger()).isEqualTo(Ref.parse("core.intervaltimer"));
        assertThat(event.source()).contains("timer:demo.every");
        assertThat(event.payload()).isEqualTo(Map.of("executed_at", "2030-05-06T07:08:10.000Z",
                "schedule", Map.of("unit", "seconds", "delta", 10)));
        assertThat(outbox.published()).extracting(m -> m.type()).containsExactly("event.created");
        assertThat(states.list()).containsExactly(new TimerState(Ref.parse("demo.every"), "interval PT10S",
                Optional.of(T0.plusSeconds(20)), Optional.of(T0.plusSeconds(10))));
    }

    @Test
    void onlyTheLeaderFiresAndAnotherInstanceTakesOverFiringTheLatestMissedPointOnce() {
        TimerService b = instance("b");
        rule("demo.cron", "core.crontimer", Map.of("expression", "* * * * * *"), true);
        Instant t = T0;
        for (int i = 0; i < 5; i++) {
            tickAt(a, t);
            tickAt(b, t);
            t = t.plusMillis(1_040);
        }
        leader = "b";   // a dies between two ticks; b takes over one tick later
        t = t.plusMillis(1_500);
        for (int i = 0; i < 5; i++) {
            tickAt(b, t);
            t = t.plusMillis(1_040);
        }

        // a fired 1..4; b took over at 6.7 s: 5 and 6 were due, it fired the latest once, then every second again
        assertThat(executedAt()).containsExactly(List.of(1, 2, 3, 4, 6, 7, 8, 9, 10).stream()
                .map(s -> "2030-05-06T07:08:%02d.000Z".formatted(s)).toArray(String[]::new));
    }

    @Test
    void twoInstancesThatBothBelieveTheyLeadStillFireEachPointOnce() {
        leader = "*";
        TimerService b = instance("b");
        rule("demo.cron", "core.crontimer", Map.of("expression", "*/2 * * * * *"), true);
        tickAt(a, T0);
        for (int i = 1; i <= 10; i++) {
            clock.set(T0.plusSeconds(i).plusMillis(20));
            a.tick();
            b.tick();
        }

        assertThat(executedAt()).containsExactly("2030-05-06T07:08:02.000Z", "2030-05-06T07:08:04.000Z",
                "2030-05-06T07:08:06.000Z", "2030-05-06T07:08:08.000Z", "2030-05-06T07:08:10.000Z");
    }

    @Test
    void afterADowntimeWithinGraceAMissedTimerFiresOnceNotInABurst() {
        rule("demo.every", "core.intervaltimer", Map.of("unit", "seconds", "delta", 10), true);
        tickAt(a, T0);

        assertThat(tickAt(instance("a"), T0.plusSeconds(45))).isEqualTo(1);
        assertThat(executedAt()).containsExactly("2030-05-06T07:08:40.000Z");
        assertThat(states.list().get(0).nextFireAt()).contains(T0.plusSeconds(50));
    }

    @Test
    void afterADowntimeLongerThanGraceMissedFiringsAreSkippedNotReplayed() {
        rule("demo.every", "core.intervaltimer", Map.of("unit", "minutes", "delta", 5), true);
        tickAt(a, T0);

        assertThat(tickAt(instance("a"), T0.plus(Duration.ofHours(2)).plusSeconds(90))).isZero();
        assertThat(events.all()).isEmpty();
        assertThat(states.list().get(0).nextFireAt()).contains(T0.plus(Duration.ofMinutes(125)));
        assertThat(tickAt(a, T0.plus(Duration.ofMinutes(125)))).isEqualTo(1);
    }

    @Test
    void aDateTimerFiresOnceAndThenStaysFired() {
        rule("demo.once", "core.datetimer", Map.of("date", "2030-05-06 09:08:30", "timezone", "Europe/Paris"), true);
        tickAt(a, T0);

        assertThat(tickAt(a, T0.plusSeconds(31))).isEqualTo(1);
        assertThat(tickAt(a, T0.plusSeconds(32))).isZero();
        assertThat(tickAt(a, T0.plus(Duration.ofDays(1)))).isZero();
        assertThat(executedAt()).containsExactly("2030-05-06T07:08:30.000Z");
        assertThat(states.list()).containsExactly(new TimerState(Ref.parse("demo.once"), "date 2030-05-06T07:08:30Z",
                Optional.empty(), Optional.of(T0.plusSeconds(30))));
    }

    @Test
    void aDateThatPassedBeforeTheRuleExistedNeverFires() {
        rule("demo.once", "core.datetimer", Map.of("date", "2030-05-06T07:07:59Z"), true);

        assertThat(tickAt(a, T0)).isZero();
        assertThat(tickAt(a, T0.plusSeconds(1))).isZero();
        assertThat(events.all()).isEmpty();
    }

    @Test
    void changedParametersReplanTheTimerAndDisabledOrDeletedRulesLoseTheirState() {
        rule("demo.every", "core.intervaltimer", Map.of("unit", "seconds", "delta", 10), true);
        rule("demo.other", "core.intervaltimer", Map.of("unit", "seconds", "delta", 10), true);
        tickAt(a, T0);
        rule("demo.every", "core.intervaltimer", Map.of("unit", "minutes", "delta", 1), true);
        tickAt(a, T0.plusSeconds(5));

        assertThat(states.list()).extracting(TimerState::nextFireAt)
                .containsExactly(Optional.of(T0.plusSeconds(65)), Optional.of(T0.plusSeconds(10)));
        assertThat(tickAt(a, T0.plusSeconds(11))).isEqualTo(1);

        rule("demo.every", "core.intervaltimer", Map.of("unit", "minutes", "delta", 1), false);
        catalog.rules().delete(Ref.parse("demo.other"));
        tickAt(a, T0.plusSeconds(12));
        assertThat(states.list()).isEmpty();
        assertThat(tickAt(a, T0.plusSeconds(100))).isZero();
    }

    @Test
    void anInvalidTimerRuleIsSkippedAndTheOthersStillFire() {
        rule("demo.broken", "core.crontimer", Map.of("expression", "banana * * * * *"), true);
        rule("demo.every", "core.intervaltimer", Map.of("unit", "seconds", "delta", 1), true);
        tickAt(a, T0);

        assertThat(tickAt(a, T0.plusSeconds(1))).isEqualTo(1);
        assertThat(events.all()).extracting(e -> e.source().orElseThrow()).containsExactly("timer:demo.every");
    }

    @Test
    void aFollowerFiresNothingAndWritesNoState() {
        leader = "nobody";
        rule("demo.every", "core.intervaltimer", Map.of("unit", "seconds", "delta", 1), true);

        assertThat(tickAt(a, T0)).isZero();
        assertThat(tickAt(a, T0.plusSeconds(5))).isZero();
        assertThat(states.list()).isEmpty();
    }
}
