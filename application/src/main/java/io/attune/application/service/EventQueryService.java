package io.attune.application.service;

import io.attune.application.port.in.EventQueries;
import io.attune.application.port.in.ExecutionCommands.ExecutionView;
import io.attune.application.port.in.ExecutionQueries;
import io.attune.application.port.in.ExecutionQueries.ExecutionFilter;
import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.application.port.in.Slice;
import io.attune.application.port.in.UseCaseException;
import io.attune.application.port.out.EnforcementRepository;
import io.attune.application.port.in.EventQueries.EnforcementFilter;
import io.attune.application.port.out.EventRepository;
import io.attune.application.port.in.EventQueries.EventFilter;
import io.attune.application.port.out.TransactionRunner;
import io.attune.domain.enforcement.Enforcement;
import io.attune.domain.event.Event;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Events, enforcements and their lineage, read from storage; executions are shown as the execution API shows them. */
public final class EventQueryService implements EventQueries {

    /** How deep a trace follows child executions, and how many children of one execution it shows. */
    private static final int MAX_DEPTH = 8;
    private static final int MAX_CHILDREN = 1_000;

    private final EventRepository events;
    private final EnforcementRepository enforcements;
    private final ExecutionQueries executions;
    private final TransactionRunner tx;

    public EventQueryService(EventRepository events, EnforcementRepository enforcements, ExecutionQueries executions,
                             TransactionRunner tx) {
        this.events = events;
        this.enforcements = enforcements;
        this.executions = executions;
        this.tx = tx;
    }

    @Override
    public Page<Event> events(EventFilter filter, PageRequest page) {
        return tx.readOnly(() -> events.list(filter, page));
    }

    @Override
    public Slice<Event> browse(EventFilter filter, PageRequest page) {
        return tx.readOnly(() -> Slice.of(events.slice(filter, page.limit() + 1, page.offset()), page));
    }

    @Override
    public Event event(long id) {
        return tx.readOnly(() -> events.find(id)).orElseThrow(() -> new UseCaseException.NotFound("event", Long.toString(id)));
    }

    @Override
    public Page<Enforcement> enforcements(EnforcementFilter filter, PageRequest page) {
        return tx.readOnly(() -> enforcements.list(filter, page));
    }

    @Override
    public Enforcement enforcement(long id) {
        return tx.readOnly(() -> enforcements.find(id))
                .orElseThrow(() -> new UseCaseException.NotFound("enforcement", Long.toString(id)));
    }

    @Override
    public Trace trace(long id) {
        return tx.readOnly(() -> {
            Event event = events.find(id).orElseThrow(() -> new UseCaseException.NotFound("event", Long.toString(id)));
            List<EnforcementNode> nodes = enforcements.ofEvent(id).stream()
                    .map(e -> new EnforcementNode(e, executionOf(e))).toList();
            return new Trace(event, nodes);
        });
    }

    private Optional<ExecutionNode> executionOf(Enforcement enforcement) {
        if (enforcement.execution().isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(node(executions.get(enforcement.execution().getAsLong()), 0));
        } catch (UseCaseException.NotFound e) {
            return Optional.empty(); // deleted by retention
        }
    }

    private ExecutionNode node(ExecutionView view, int depth) {
        if (depth >= MAX_DEPTH) {
            return new ExecutionNode(view, List.of());
        }
        ExecutionFilter children = new ExecutionFilter(Optional.empty(), Optional.empty(), Optional.empty(),
                OptionalLong.of(view.execution().id()), Optional.empty(), Optional.empty());
        List<ExecutionNode> nodes = executions.list(children, new PageRequest(MAX_CHILDREN, 0)).items().stream()
                .sorted(java.util.Comparator.comparingLong(v -> v.execution().id()))
                .map(v -> node(v, depth + 1)).toList();
        return new ExecutionNode(view, nodes);
    }
}
