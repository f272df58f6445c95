package io.attune.adapters.console.execution;

import io.attune.adapters.console.web.Audited;
import io.attune.adapters.console.web.ConsoleFilter;
import io.attune.adapters.console.web.ConsoleSessions;
import io.attune.adapters.console.web.Pages;
import io.attune.adapters.console.web.Paging;
import io.attune.adapters.console.web.RequiresRole;
import io.attune.application.port.in.CatalogQueries;
import io.attune.application.port.in.EventQueries;
import io.attune.application.port.in.ExecutionCommands;
import io.attune.application.port.in.ExecutionCommands.ExecutionView;
import io.attune.application.port.in.ExecutionOutputs;
import io.attune.application.port.in.ExecutionQueries;
import io.attune.application.port.in.ExecutionQueries.ExecutionFilter;
import io.attune.application.port.in.PageRequest;
import io.attune.application.port.in.Slice;
import io.attune.application.port.in.StatusFeed;
import io.attune.application.port.in.UseCaseException;
import io.attune.application.port.in.WorkflowCommands;
import io.attune.domain.action.RunnerType;
import io.attune.domain.enforcement.Enforcement;
import io.attune.domain.execution.Execution;
import io.attune.domain.execution.ExecutionStatus;
import io.attune.domain.identity.Role;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.sse.Event;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.views.ModelAndView;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

/**
 * The executions pages: the list (filters, server-side pages, refreshed live over server-sent events through htmx,
 * readable without JavaScript), one execution's detail (parameters with secrets masked, result, output, timings,
 * worker, lineage, children) and its buttons: cancel, rerun, pause and resume, each shown only when the role and the
 * status allow it, and refused by the server otherwise.
 */
@Controller("/executions")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
public final class ExecutionsController {

    static final int CHILDREN_SHOWN = 100;
    /** The status that tells htmx to stop polling. */
    static final int STOP_POLLING = 286;
    /** The event the last output poll raises so that a running execution's panel re-renders itself in its end. */
    static final String ENDED_EVENT = "attune-execution-ended";
    /** Names each rendering of a panel that follows output (see {@link #output}). */
    private static final java.util.concurrent.atomic.AtomicLong FOLLOWS =
            new java.util.concurrent.atomic.AtomicLong(System.nanoTime() & 0xFFFF_FFFFL);
    static final int DEFAULT_PAGE = 50;
    static final Duration LIST_SAMPLE = Duration.ofSeconds(1);
    static final Duration DETAIL_SAMPLE = Duration.ofMillis(200);
    static final int MAX_PAGE = 200;
    /**
     * A stream ends after this, and the browser reconnects: its access token is checked again then. It ends sooner
     * when its session does ({@link ConsoleSessions#ending}).
     */
    static final Duration STREAM_LIFETIME = Duration.ofMinutes(10);

    private final ExecutionQueries queries;
    private final ExecutionCommands commands;
    private final EventQueries events;
    private final CatalogQueries catalog;
    private final StatusFeed feed;
    private final WorkflowCommands workflows;
    private final Pages pages;
    private final ConsoleSessions sessions;
    private final ExecutionOutputs outputs;
    private final Clock clock = Clock.systemUTC();

    ExecutionsController(ExecutionQueries queries, ExecutionCommands commands, EventQueries events,
                         CatalogQueries catalog, StatusFeed feed, @Nullable WorkflowCommands workflows, Pages pages,
                         ConsoleSessions sessions, ExecutionOutputs outputs) {
        this.sessions = sessions;
        this.outputs = outputs;
        this.queries = queries;
        this.commands = commands;
        this.events = events;
        this.catalog = catalog;
        this.feed = feed;
        this.workflows = workflows;
        this.pages = pages;
    }

    @Get
    public ModelAndView<Map<String, Object>> list(HttpRequest<?> request) {
        return pages.page(request, "executions/list", "Executions", "executions", table(request));
    }

    /** The table alone, which the list page reloads when the stream says an execution changed. */
    @Get("/table")
    public ModelAndView<Map<String, Object>> tableOnly(HttpRequest<?> request) {
        return pages.page(request, "executions/table", "Executions", "executions", table(request));
    }

    private Map<String, Object> table(HttpRequest<?> request) {
        io.micronaut.http.HttpParameters parameters = request.getParameters();
        ExecutionListQuery query = ExecutionListQuery.of(parameters.get("status"), parameters.get("action"),
                parameters.get("pack"), parameters.get("parent"), parameters.get("window"), parameters.get("since"),
                parameters.get("until"));
        ExecutionFilter filter = query.filter(clock.instant());
        int limit = parameters.getFirst("limit", Integer.class, DEFAULT_PAGE);
        int offset = parameters.getFirst("offset", Integer.class, 0);
        Slice<ExecutionView> page = queries.browse(filter,
                new PageRequest(Math.clamp(limit, 1, MAX_PAGE), Math.max(0, offset)));
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("query", query);
        model.put("rows", page.items().stream().map(ExecutionRow::of).toList());
        model.put("paging", Paging.of(page, query.queryString()));
        model.put("statuses", List.of(ExecutionStatus.values()).stream().map(ExecutionStatus::code).toList());
        return model;
    }

    /**
     * Server-sent events for htmx: an {@code execution} event (its data the execution's id) whenever an execution
     * changes status, only those of {@code execution} and its children when given; one at once on connecting, so a
     * page rendered just before a change still sees it. Changes are sampled (at most one event a second for the list,
     * five for one execution, the last one always sent): a busy system does not make every page reload per change,
     * and no change is left unshown (htmx's own throttle would drop the last one).
     */
    @Get(value = "/stream", produces = MediaType.TEXT_EVENT_STREAM)
    @ExecuteOn(TaskExecutors.IO)
    public Publisher<Event<String>> stream(HttpRequest<?> request, @Nullable @QueryValue Long execution) {
        String session = ConsoleFilter.sessionId(request)
                .orElseThrow(() -> new IllegalStateException("a stream without a session: the route is public"));
        Flux<Event<String>> changes = Flux.create(sink -> {
            AutoCloseable subscription = feed.subscribe(change -> {
                if (execution == null || change.execution() == execution
                        || change.parent().equals(OptionalLong.of(execution))) {
                    sink.next(Event.of(Long.toString(change.execution())).name("execution"));
                }
            });
            sink.onDispose(() -> {
                try {
                    subscription.close();
                } catch (Exception ignored) {
                    // the feed drops a subscriber that cannot be told
                }
            });
        });
        Flux<Event<String>> sampled = changes.sample(execution == null ? LIST_SAMPLE : DETAIL_SAMPLE);
        Flux<Event<String>> first = Flux.just(Event.of("connected").name("execution"));
        Flux<Event<String>> keepAlive = Flux.interval(Duration.ofSeconds(15)).map(i -> Event.of("").comment("keep-alive"));
        return Flux.concat(first, Flux.merge(sampled, keepAlive)).take(STREAM_LIFETIME)
                .takeUntilOther(sessions.ending(session));
    }

    @Get("/{id}")
    public ModelAndView<Map<String, Object>> detail(HttpRequest<?> request, @PathVariable long id) {
        return pages.page(request, "executions/detail", "Execution " + id, "executions", detailModel(id));
    }

    /** The live part of the detail page, reloaded when the stream says this execution (or a child) changed. */
    @Get("/{id}/panel")
    public ModelAndView<Map<String, Object>> panel(HttpRequest<?> request, @PathVariable long id) {
        return pages.page(request, "executions/panel", "Execution " + id, "executions", detailModel(id));
    }

    /**
     * What the execution printed after seq {@code after}, for the detail page's poll (every second while it runs): the
     * new text as out-of-band appends to its stdout and stderr, and the next poll; once the execution has ended and
     * everything is shown, status 286, which tells htmx to stop polling. {@code follow} names the rendering of the panel
     * the poll belongs to (its text elements carry it), so that the answer to a poll of a panel replaced meanwhile
     * appends nothing to its successor.
     */
    @Get("/{id}/output")
    public HttpResponse<?> output(HttpRequest<?> request, @PathVariable long id, @Nullable @QueryValue String after,
                                  @Nullable @QueryValue String follow) {
        long from = after == null || !after.matches("\\d{1,18}") ? 0 : Long.parseLong(after);
        ExecutionOutputs.OutputView view = outputs.after(id, from, Optional.empty());
        Map<String, Object> model = Map.of("id", id, "output", view, "next", view.next(from),
                "follow", follow != null && follow.matches("[0-9a-z]{1,16}") ? follow : "0");
        var response = HttpResponse.ok(pages.render(request, pages.page(request, "executions/output", "Execution " + id,
                "executions", model))).contentType(MediaType.TEXT_HTML_TYPE).status(view.done() ? STOP_POLLING : 200);
        // the end is also told by the live stream; a stream that connected after the end missed it, so the last poll
        // tells the panel too (it re-renders itself once, in its final state)
        return view.done() ? response.header("HX-Trigger", ENDED_EVENT) : response;
    }

    private Map<String, Object> detailModel(long id) {
        ExecutionView view = queries.get(id);
        Execution e = view.execution();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("view", view);
        model.put("e", e);
        boolean workflow = isWorkflow(e);
        model.put("workflow", workflow);
        model.put("children", queries.browse(new ExecutionFilter(null, null, null, OptionalLong.of(id), null, null),
                PageRequest.first(CHILDREN_SHOWN)));
        Optional<Enforcement> enforcement = e.enforcement().isPresent()
                ? Optional.of(events.enforcement(e.enforcement().getAsLong())) : Optional.empty();
        model.put("enforcement", enforcement.orElse(null));
        model.put("canCancel", !e.status().isTerminal() && e.status() != ExecutionStatus.CANCELING);
        model.put("canPause", workflow && workflows != null && e.status() == ExecutionStatus.RUNNING);
        model.put("canResume", workflow && workflows != null
                && (e.status() == ExecutionStatus.PAUSED || e.status() == ExecutionStatus.PAUSING));
        model.put("canRerun", e.status().isTerminal());
        model.put("follow", Long.toString(FOLLOWS.incrementAndGet(), 36));
        return model;
    }

    private boolean isWorkflow(Execution e) {
        try {
            return catalog.action(e.action()).runner() == RunnerType.WORKFLOW;
        } catch (UseCaseException.NotFound gone) {
            return false;   // the action's pack was uninstalled: the execution still shows
        }
    }

    @Post(value = "/{id}/cancel", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @RequiresRole(Role.OPERATOR)
    @Audited("execution.cancel")
    public HttpResponse<?> cancel(@PathVariable long id) {
        commands.cancel(id);
        return backTo(id);
    }

    @Post(value = "/{id}/rerun", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @RequiresRole(Role.OPERATOR)
    @Audited("execution.rerun")
    public HttpResponse<?> rerun(@PathVariable long id) {
        return backTo(commands.rerun(id, Optional.empty()).execution().id());
    }

    @Post(value = "/{id}/pause", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @RequiresRole(Role.OPERATOR)
    @Audited("execution.pause")
    public HttpResponse<?> pause(@PathVariable long id) {
        workflows().pause(id);
        return backTo(id);
    }

    @Post(value = "/{id}/resume", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @RequiresRole(Role.OPERATOR)
    @Audited("execution.resume")
    public HttpResponse<?> resume(@PathVariable long id) {
        workflows().resume(id);
        return backTo(id);
    }

    private WorkflowCommands workflows() {
        if (workflows == null) {
            throw new UseCaseException.Conflict("this instance runs no workflows");
        }
        return workflows;
    }

    private static HttpResponse<?> backTo(long id) {
        return HttpResponse.seeOther(URI.create("/executions/" + id));
    }
}
