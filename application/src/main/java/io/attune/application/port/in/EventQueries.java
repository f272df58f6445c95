package io.attune.application.port.in;

import io.attune.application.port.in.ExecutionCommands.ExecutionView;
import io.attune.domain.common.Ref;
import io.attune.domain.enforcement.Enforcement;
import io.attune.domain.event.Event;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Shows events, enforcements and the lineage that joins them to executions. */
public interface EventQueries {

    Page<Event> events(EventFilter filter, PageRequest page);

    /** The events {@link #events} lists, a page of them and whether more follow, without counting them all. */
    Slice<Event> browse(EventFilter filter, PageRequest page);

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

    /** What to list; empty means any. {@code until} is exclusive. */
    record EventFilter(Optional<Ref> trigger, Optional<String> source, Optional<Instant> since, Optional<Instant> until) {
        public EventFilter {
            trigger = trigger == null ? Optional.empty() : trigger;
            source = source == null ? Optional.empty() : source;
            since = since == null ? Optional.empty() : since;
            until = until == null ? Optional.empty() : until;
        }

        public static EventFilter any() {
            return new EventFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        }
    }

    /** What to list; empty means any. {@code until} is exclusive. */
    record EnforcementFilter(Optional<Ref> rule, OptionalLong event, Optional<Enforcement.Status> status,
                             Optional<Instant> since, Optional<Instant> until) {
        public EnforcementFilter {
            rule = rule == null ? Optional.empty() : rule;
            event = event == null ? OptionalLong.empty() : event;
            status = status == null ? Optional.empty() : status;
            since = since == null ? Optional.empty() : since;
            until = until == null ? Optional.empty() : until;
        }

        public static EnforcementFilter any() {
            return new EnforcementFilter(Optional.empty(), OptionalLong.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty());
        }
    }
}
