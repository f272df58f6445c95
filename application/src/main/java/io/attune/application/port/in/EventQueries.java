package io.attune.application.port.in;

import io.attune.application.port.in.ExecutionCommands.ExecutionView;
import io.attune.application.port.out.EnforcementRepository.EnforcementFilter;
import io.attune.application.port.out.EventRepository.EventFilter;
import io.attune.domain.enforcement.Enforcement;
import io.attune.domain.event.Event;
import java.util.List;
import java.util.Optional;

/** Shows events, enforcements and the lineage that joins them to executions. */
public interface EventQueries {

    Page<Event> events(EventFilter filter, PageRequest page);

    /** NotFound when absent. */
    Event event(long id);

    Page<Enforcement> enforcements(EnforcementFilter filter, PageRequest page);

    /** NotFound when absent. */
    Enforcement enforcement(long id);

    /** The tree event → enforcements → executions → child executions; NotFound for an unknown event. */
    Trace trace(long event);

    /** An event's lineage. */
    record Trace(Event event, List<EnforcementNode> enforcements) {
    }

    /** One enforcement with the execution it caused, if any. */
    record EnforcementNode(Enforcement enforcement, Optional<ExecutionNode> execution) {
    }

    /** An execution (secrets masked) with the executions it started. */
    record ExecutionNode(ExecutionView execution, List<ExecutionNode> children) {
    }
}
