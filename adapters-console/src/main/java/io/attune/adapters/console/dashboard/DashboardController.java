package io.attune.adapters.console.dashboard;

import io.attune.adapters.console.execution.ExecutionRow;
import io.attune.adapters.console.web.Pages;
import io.attune.application.port.in.CatalogQueries;
import io.attune.application.port.in.CatalogQueries.ComponentFilter;
import io.attune.application.port.in.CatalogQueries.PolicyFilter;
import io.attune.application.port.in.EventQueries;
import io.attune.application.port.in.EventQueries.EventFilter;
import io.attune.application.port.in.ExecutionQueries;
import io.attune.application.port.in.ExecutionQueries.ExecutionFilter;
import io.attune.application.port.in.ExecutionQueries.QueueStats;
import io.attune.application.port.in.PageRequest;
import io.attune.domain.common.Ref;
import io.attune.domain.execution.ExecutionStatus;
import io.attune.domain.policy.Policy;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.views.ModelAndView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The dashboard at {@code /}: executions per status over the last hour, what runs now, recent failures, workers, the
 * busiest policy queues and recent events; with no execution yet, the way to a first one.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
public final class DashboardController {

    static final int SHOWN = 8;
    private static final int QUEUES_SHOWN = 5;
    private static final int POLICIES_LOOKED_AT = 200;

    private final ExecutionQueries executions;
    private final EventQueries events;
    private final CatalogQueries catalog;
    private final Pages pages;
    private final Clock clock = Clock.systemUTC();

    DashboardController(ExecutionQueries executions, EventQueries events, CatalogQueries catalog, Pages pages) {
        this.executions = executions;
        this.events = events;
        this.catalog = catalog;
        this.pages = pages;
    }

    /** One status and how many executions created in the last hour are in it now. */
    public record StatusCount(String status, long count) {
    }

    @Get
    public ModelAndView<Map<String, Object>> dashboard(HttpRequest<?> request) {
        Instant hourAgo = clock.instant().minus(Duration.ofHours(1));
        List<StatusCount> lastHour = new ArrayList<>();
        long total = 0;
        for (ExecutionStatus status : ExecutionStatus.values()) {
            long count = executions.list(new ExecutionFilter(Optional.of(status), null, null, null,
                    Optional.of(hourAgo), null), PageRequest.first(1)).total();
            total += count;
            if (count > 0) {
                lastHour.add(new StatusCount(status.code(), count));
            }
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("lastHour", lastHour);
        model.put("lastHourTotal", total);
        model.put("running", rows(ExecutionStatus.RUNNING));
        model.put("failures", rows(ExecutionStatus.FAILED));
        model.put("workers", executions.workers());
        model.put("queues", busiestQueues());
        model.put("events", events.browse(EventFilter.any(), PageRequest.first(SHOWN)).items());
        model.put("anyExecution", total > 0
                || !executions.browse(ExecutionFilter.any(), PageRequest.first(1)).items().isEmpty());
        return pages.page(request, "dashboard", "Dashboard", "dashboard", model);
    }

    private List<ExecutionRow> rows(ExecutionStatus status) {
        return executions.browse(new ExecutionFilter(Optional.of(status), null, null, OptionalLong.empty(), null, null),
                PageRequest.first(SHOWN)).items().stream().map(ExecutionRow::of).toList();
    }

    /**
     * The policy keys with the most executions waiting (then the most active): read through each policy's
     * action (or one action of its pack, or any action for a global policy), each key once.
     */
    private List<QueueStats> busiestQueues() {
        Set<Ref> actions = new LinkedHashSet<>();
        for (Policy policy : catalog.policies(PolicyFilter.any() , PageRequest.first(POLICIES_LOOKED_AT)).items()) {
            switch (policy.target()) {
                case Policy.ActionTarget a -> actions.add(a.action());
                case Policy.PackTarget p -> firstAction(Optional.of(p.pack())).ifPresent(actions::add);
                case Policy.GlobalTarget g -> firstAction(Optional.empty()).ifPresent(actions::add);
            }
        }
        Map<String, QueueStats> byKey = new LinkedHashMap<>();
        for (Ref action : actions) {
            for (QueueStats stats : executions.queueStats(action.toString())) {
                byKey.putIfAbsent(stats.policy() + "\u0000" + stats.key(), stats);
            }
        }
        return byKey.values().stream()
                .sorted(Comparator.comparingInt(QueueStats::queued).thenComparingInt(QueueStats::active).reversed())
                .limit(QUEUES_SHOWN).toList();
    }

    private Optional<Ref> firstAction(Optional<String> pack) {
        return catalog.actions(new ComponentFilter(pack, Optional.empty()), PageRequest.first(1)).items().stream()
                .findFirst().map(a -> a.ref());
    }
}
