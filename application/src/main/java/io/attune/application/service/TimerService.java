package io.attune.application.service;

import io.attune.application.port.in.CatalogQueries.RuleFilter;
import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.application.port.in.TimerDuties;
import io.attune.application.port.out.Leadership;
import io.attune.application.port.out.RuleRepository;
import io.attune.application.port.out.TimerStateRepository;
import io.attune.application.port.out.TimerStateRepository.TimerState;
import io.attune.application.port.out.TransactionRunner;
import io.attune.domain.common.Ref;
import io.attune.domain.event.Event;
import io.attune.domain.event.EventSource;
import io.attune.domain.rule.Rule;
import io.attune.domain.timer.Firings;
import io.attune.domain.timer.Schedule;
import io.attune.domain.timer.TimerSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Fires the timers that enabled rules declare, on the one instance that leads the "timers" duty. Each firing is an
 * event of the timer's trigger with source {@code timer:<rule>} and payload {@code {executed_at, schedule}}, recorded in
 * the transaction that advances the timer's state (compare-and-set), and published after the commit. Firings late by
 * more than the grace window are skipped; right after taking the lead, at most one late firing per timer is made.
 */
public final class TimerService implements TimerDuties {

    public static final String DUTY = "timers";
    private static final System.Logger LOG = System.getLogger(TimerService.class.getName());
    private static final DateTimeFormatter UTC_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final Leadership leadership;
    private final RuleRepository rules;
    private final TimerStateRepository states;
    private final TimerSchedules schedules;
    private final EventRecorder recorder;
    private final Dispatch dispatch;
    private final TransactionRunner tx;
    private final Clock clock;
    private final Duration grace;
    /** Whether this instance led at its previous tick: if not, it has just started or taken over. */
    private boolean leading;

    public TimerService(Leadership leadership, RuleRepository rules, TimerStateRepository states,
                        TimerSchedules schedules, EventRecorder recorder, Dispatch dispatch, TransactionRunner tx,
                        Clock clock, Duration grace) {
        if (grace.isNegative()) {
            throw new IllegalArgumentException("the timers' grace window must not be negative, got " + grace);
        }
        this.leadership = leadership;
        this.rules = rules;
        this.states = states;
        this.schedules = schedules;
        this.recorder = recorder;
        this.dispatch = dispatch;
        this.tx = tx;
        this.clock = clock;
        this.grace = grace;
    }

    @Override
    public synchronized int tick() {
        if (!leadership.lead(DUTY)) {
            leading = false;
            return 0;
        }
        boolean catchUp = leading;
        leading = true;
        Instant now = clock.instant();
        List<Rule> timerRules = tx.readOnly(this::enabledTimerRules);
        Map<Ref, TimerState> stored = tx.readOnly(states::list).stream()
                .collect(Collectors.toMap(TimerState::rule, Function.identity()));
        Set<Ref> live = new HashSet<>();
        int fired = 0;
        for (Rule rule : timerRules) {
            live.add(rule.ref());
            try {
                fired += tick(rule, Optional.ofNullable(stored.get(rule.ref())), now, catchUp);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "timer of rule {0} failed: {1}", rule.ref(), e.getMessage());
            }
        }
        for (Ref gone : stored.keySet()) {
            if (!live.contains(gone)) {
                tx.run(() -> states.delete(gone));
            }
        }
        return fired;
    }

    private int tick(Rule rule, Optional<TimerState> stored, Instant now, boolean catchUp) {
        TimerSpec spec;
        Schedule schedule;
        try {
            spec = TimerSpec.of(rule.trigger(), rule.triggerParameters()).orElseThrow();
            schedule = schedules.of(spec);
        } catch (IllegalArgumentException e) {
            // rules are validated when written; one that is not (an older version's) is skipped, loudly
            LOG.log(System.Logger.Level.WARNING, "rule {0} declares an invalid timer, not fired: {1}", rule.ref(),
                    e.getMessage());
            return 0;
        }
        String fingerprint = spec.fingerprint();
        if (stored.isEmpty() || !stored.get().fingerprint().equals(fingerprint)) {
            // a new (or changed) timer is planned from now: it never fires for the past
            tx.run(() -> states.plan(new TimerState(rule.ref(), fingerprint, schedule.first(now), Optional.empty())));
            return 0;
        }
        Optional<Instant> planned = stored.get().nextFireAt();
        if (planned.isEmpty()) {
            return 0;
        }
        Firings.Advance advance = Firings.advance(schedule, planned.get(), now, grace, catchUp);
        if (advance.fire().isEmpty() && advance.next().equals(planned)) {
            return 0;
        }
        if (advance.fire().isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "timer of rule {0} skipped firings missed by more than {1} (due {2})",
                    rule.ref(), grace, planned.get());
        }
        Optional<Instant> firedAt = advance.fire().isEmpty() ? Optional.empty()
                : Optional.of(advance.fire().get(advance.fire().size() - 1));
        boolean claimed = dispatch.inTransaction(pending -> {
            if (!states.advance(rule.ref(), fingerprint, planned, advance.next(), firedAt)) {
                return false;
            }
            for (Instant point : advance.fire()) {
                recorder.record(new Event(0, spec.trigger(), payload(point, rule.triggerParameters()), now,
                        Optional.of(EventSource.timer(rule.ref()))), pending);
            }
            return true;
        });
        return claimed ? advance.fire().size() : 0;
    }

    private static Map<String, Object> payload(Instant point, Map<String, Object> schedule) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("executed_at", UTC_MILLIS.format(point));
        payload.put("schedule", schedule);
        return payload;
    }

    private List<Rule> enabledTimerRules() {
        List<Rule> found = new ArrayList<>();
        for (Ref trigger : TimerSpec.TRIGGERS) {
            RuleFilter filter = new RuleFilter(Optional.empty(), Optional.of(trigger), Optional.empty(), Optional.of(true));
            for (int offset = 0; ; offset += PageRequest.MAX_LIMIT) {
                Page<Rule> page = rules.list(filter, new PageRequest(PageRequest.MAX_LIMIT, offset));
                found.addAll(page.items());
                if (page.items().size() < PageRequest.MAX_LIMIT) {
                    break;
                }
            }
        }
        return found;
    }
}
