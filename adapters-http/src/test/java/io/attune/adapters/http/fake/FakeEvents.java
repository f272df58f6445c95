package io.attune.adapters.http.fake;

import io.attune.application.port.in.EventIntake;
import io.attune.application.port.in.EventQueries;
import io.attune.application.port.in.FieldError;
import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.application.port.in.RuleEnforcement;
import io.attune.application.port.in.UseCaseException;
import io.attune.application.port.in.EventQueries.EnforcementFilter;
import io.attune.application.port.in.EventQueries.EventFilter;
import io.attune.domain.common.Ref;
import io.attune.domain.enforcement.Enforcement;
import io.attune.domain.event.Event;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Events in memory for the HTTP adapter's tests: records what it is given (trigger {@code demo.alert} only), lists it
 * with the trigger filter, and answers every dry run of {@code demo.on_alert} as a non-match on
 * {@code trigger.severity}.
 */
@Singleton
public final class FakeEvents implements EventIntake, EventQueries, RuleEnforcement {

    static final Instant AT = Instant.parse("2026-01-02T03:04:05.678Z");
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final List<EventFilter> filters = new CopyOnWriteArrayList<>();

    public void reset() {
        events.clear();
        filters.clear();
    }

    public List<EventFilter> filters() {
        return filters;
    }

    @Override
    public Event submit(SubmitEvent command) {
        if (!command.trigger().equals("demo.alert")) {
            throw new UseCaseException.NotFound("trigger", command.trigger());
        }
        if (command.payload().containsKey("bad")) {
            throw new UseCaseException.Invalid("invalid payload", List.of(FieldError.of("payload.bad", "is not allowed")));
        }
        Event event = new Event(events.size() + 1, Ref.parse(command.trigger()), command.payload(), AT, command.source());
        events.add(event);
        return event;
    }

    @Override
    public io.attune.application.port.in.Slice<Event> browse(EventFilter filter, PageRequest page) {
        return io.attune.application.port.in.Slice.of(
                events(filter, new PageRequest(page.limit() + 1, page.offset())).items(), page);
    }

    @Override
    public Page<Event> events(EventFilter filter, PageRequest page) {
        filters.add(filter);
        List<Event> matching = events.stream().filter(e -> filter.trigger().map(t -> t.equals(e.trigger())).orElse(true))
                .toList().reversed();
        return new Page<>(matching, matching.size(), page.limit(), page.offset());
    }

    @Override
    public Event event(long id) {
        return events.stream().filter(e -> e.id() == id).findFirst()
                .orElseThrow(() -> new UseCaseException.NotFound("event", Long.toString(id)));
    }

    @Override
    public Page<Enforcement> enforcements(EnforcementFilter filter, PageRequest page) {
        List<Enforcement> all = events.stream().map(e -> new Enforcement(e.id(), Ref.parse("demo.on_alert"), e.id(),
                Enforcement.Status.FAILED, Map.of("token", "********"), OptionalLong.empty(), Optional.of("cannot render"), AT))
                .filter(e -> filter.event().isEmpty() || filter.event().getAsLong() == e.event()).toList();
        return new Page<>(all, all.size(), page.limit(), page.offset());
    }

    @Override
    public Enforcement enforcement(long id) {
        return enforcements(EnforcementFilter.any(), new PageRequest(1000, 0)).items().stream()
                .filter(e -> e.id() == id).findFirst()
                .orElseThrow(() -> new UseCaseException.NotFound("enforcement", Long.toString(id)));
    }

    @Override
    public Trace trace(long id) {
        Event event = event(id);
        return new Trace(event, List.of(new EnforcementNode(enforcement(id), Optional.empty())));
    }

    @Override
    public List<Enforcement> enforce(long event) {
        throw new UnsupportedOperationException("the API never enforces");
    }

    @Override
    public List<Enforcement> enforceAll(List<Long> events) {
        throw new UnsupportedOperationException("the API never enforces");
    }

    @Override
    public RuleTest test(String rule, Map<String, Object> payload) {
        if (!rule.equals("demo.on_alert")) {
            throw new UseCaseException.NotFound("rule", rule);
        }
        return new RuleTest(rule, "demo.greet", false,
                Optional.of(new FailedCriterion("trigger.severity", "equals", "critical", "'warning' does not equal 'critical'")),
                Optional.of(Map.of("name", String.valueOf(payload.get("host")))), Optional.empty(), List.of());
    }
}
