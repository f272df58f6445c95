package io.attune.adapters.console.workflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.attune.adapters.console.web.ConsoleFilter;
import io.attune.adapters.console.web.Form;
import io.attune.adapters.console.web.Pages;
import io.attune.application.port.in.ExecutionQueries;
import io.attune.application.port.in.FieldError;
import io.attune.application.port.in.UseCaseException;
import io.attune.application.port.in.WorkflowCommands;
import io.attune.application.port.in.WorkflowCommands.TaskRun;
import io.attune.application.port.in.WorkflowDesign;
import io.attune.application.port.in.WorkflowDesign.Mock;
import io.attune.application.port.in.WorkflowDesign.WorkflowText;
import io.attune.domain.execution.Execution;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The workflow pages: a workflow execution's task graph ({@link TaskGraph}, SVG laid out on the server) and timeline
 * ({@link Timeline}), refreshed live; and the designer's form that validates a workflow (its errors shown against
 * the lines of its YAML) and simulates it with an input and mocked task results ({@link WorkflowDesign}, the API's
 * {@code /api/v1/workflows/validate} and {@code simulate}; any signed-in user, as nothing runs).
 */
@Controller("/workflows")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
public final class WorkflowsController {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final WorkflowCommands workflows;
    private final WorkflowDesign design;
    private final ExecutionQueries executions;
    private final Pages pages;
    private final Clock clock = Clock.systemUTC();

    WorkflowsController(@Nullable WorkflowCommands workflows, @Nullable WorkflowDesign design,
                        ExecutionQueries executions, Pages pages) {
        this.workflows = workflows;
        this.design = design;
        this.executions = executions;
        this.pages = pages;
    }

    @Get("/executions/{id}")
    public Object execution(HttpRequest<?> request, @PathVariable long id) {
        return pages.page(request, "workflows/execution", "Workflow " + id, "workflows", graphModel(id));
    }

    /** The live part of the graph page: reloaded when the stream says the workflow or a task changed. */
    @Get("/executions/{id}/graph")
    public Object graph(HttpRequest<?> request, @PathVariable long id) {
        return pages.page(request, "workflows/graph", "Workflow " + id, "workflows", graphModel(id));
    }

    private Map<String, Object> graphModel(long id) {
        WorkflowCommands commands = available(workflows);
        Execution e = executions.get(id).execution();
        List<TaskRun> runs = commands.tasks(id);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("e", e);
        model.put("graph", TaskGraph.of(commands.definition(id), runs));
        model.put("timeline", Timeline.of(runs, clock.instant()));
        return model;
    }

    /** The form "show the graph of execution …": to its graph page. */
    @Get("/open")
    public HttpResponse<?> open(@Nullable @QueryValue String id) {
        String digits = id == null ? "" : id.strip();
        if (!digits.matches("\\d{1,18}")) {
            throw UseCaseException.Invalid.of("id", "an execution id is a number");
        }
        return HttpResponse.seeOther(URI.create("/workflows/executions/" + digits));
    }

    @Get
    public Object designer(HttpRequest<?> request) {
        return designerPage(request, DesignForm.empty(), null, List.of(), null);
    }

    @Post(value = "/design", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public Object design(HttpRequest<?> request, @Body Map<String, Object> body) {
        WorkflowDesign designer = available(design);
        Form form = new Form(body);
        DesignForm submitted = new DesignForm(form.text("ref").strip(), form.text("definition"),
                form.text("input"), form.text("mocks"));
        Map<String, String> fieldErrors = new LinkedHashMap<>();
        Map<String, Object> input = submitted.json("input", fieldErrors, Map.class, Map.of());
        List<?> mockValues = submitted.json("mocks", fieldErrors, List.class, List.of());
        List<Mock> mocks = mocks(mockValues, fieldErrors);
        WorkflowText text = new WorkflowText(submitted.definition().isBlank() ? Optional.empty()
                : Optional.of(submitted.definition()), submitted.ref().isEmpty() ? Optional.empty()
                : Optional.of(submitted.ref()));
        if (!fieldErrors.isEmpty()) {
            return ConsoleFilter.withStatus(request, HttpStatus.UNPROCESSABLE_ENTITY,
                    designerPage(request, submitted.withErrors(fieldErrors), null, List.of(), null));
        }
        boolean simulate = "simulate".equals(form.text("do"));
        try {
            WorkflowDesign.Validation validation = designer.validate(text);
            if (!validation.valid()) {
                return ConsoleFilter.withStatus(request, HttpStatus.UNPROCESSABLE_ENTITY,
                        designerPage(request, submitted, null, annotated(submitted.definition(), validation.errors()),
                                null));
            }
            WorkflowDesign.Simulation simulation = simulate
                    ? designer.simulate(new WorkflowDesign.Simulate(text, input, mocks, Map.of())) : null;
            return designerPage(request, submitted, simulation, List.of(), simulate ? null : "The workflow is valid.");
        } catch (UseCaseException.Invalid e) {
            return ConsoleFilter.withStatus(request, HttpStatus.UNPROCESSABLE_ENTITY,
                    designerPage(request, submitted, null, annotated(submitted.definition(), e.errors()), null));
        }
    }

    private Object designerPage(HttpRequest<?> request, DesignForm form, WorkflowDesign.Simulation simulation,
                                List<YamlError> errors, String notice) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("form", form);
        model.put("simulation", simulation);
        model.put("errors", errors);
        model.put("lines", numbered(form.definition(), errors));
        model.put("notice", notice);
        return pages.page(request, "workflows/designer", "Workflows", "workflows", model);
    }

    /** A validation error with the line of the YAML its path names (0 when it names none, e.g. a ref's workflow). */
    public record YamlError(String field, String message, int line) {
    }

    /** One line of the YAML as shown under the errors, with the errors that point at it. */
    public record NumberedLine(int number, String text, List<String> errors) {
    }

    private static List<YamlError> annotated(String yaml, List<FieldError> errors) {
        return errors.stream().map(e -> new YamlError(e.field(), e.message(),
                yaml.isBlank() ? 0 : YamlLines.lineOf(yaml, e.field()).orElse(0))).toList();
    }

    private static List<NumberedLine> numbered(String yaml, List<YamlError> errors) {
        if (errors.isEmpty() || yaml.isBlank()) {
            return List.of();
        }
        String[] lines = yaml.split("\r?\n", -1);
        List<NumberedLine> numbered = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            int number = i + 1;
            numbered.add(new NumberedLine(number, lines[i], errors.stream().filter(e -> e.line() == number)
                    .map(e -> e.field() + ": " + e.message()).toList()));
        }
        return numbered;
    }

    private static List<Mock> mocks(List<?> values, Map<String, String> errors) {
        List<Mock> mocks = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            if (!(values.get(i) instanceof Map<?, ?> m)) {
                errors.put("mocks", "item " + i + " is not an object like {\"task\": \"t\", \"status\": \"succeeded\"}");
                continue;
            }
            Object times = m.get("times");
            mocks.add(new Mock(m.get("task") instanceof String t ? t : null,
                    m.get("status") instanceof String s ? s : null, m.containsKey("result") ? m.get("result")
                    : m.get("response"), optional(m.get("item")), times instanceof Integer n ? n : 1,
                    optional(m.get("seq"))));
        }
        return mocks;
    }

    private static OptionalInt optional(Object value) {
        return value instanceof Integer n ? OptionalInt.of(n) : OptionalInt.empty();
    }

    private static <T> T available(T useCase) {
        if (useCase == null) {
            throw new UseCaseException.NotFound("page", "workflows (the workflow engine is not running here)");
        }
        return useCase;
    }

    /** What the designer's form holds: a ref or a YAML text, the input and the mocks as JSON texts. */
    public record DesignForm(String ref, String definition, String input, String mocks, Map<String, String> errors) {

        DesignForm(String ref, String definition, String input, String mocks) {
            this(ref, definition, input, mocks, Map.of());
        }

        static DesignForm empty() {
            return new DesignForm("", "", "{}", "[]");
        }

        DesignForm withErrors(Map<String, String> fieldErrors) {
            return new DesignForm(ref, definition, input, mocks, Map.copyOf(fieldErrors));
        }

        @SuppressWarnings("unchecked")
        <T> T json(String field, Map<String, String> problems, Class<?> type, T empty) {
            String text = "input".equals(field) ? input : mocks;
            if (text.isBlank()) {
                return empty;
            }
            try {
                Object value = JSON.readValue(text, Object.class);
                if (!type.isInstance(value)) {
                    problems.put(field, "input".equals(field) ? "a JSON object, e.g. {\"who\": \"you\"}"
                            : "a JSON list, e.g. [{\"task\": \"greet\", \"status\": \"failed\"}]");
                    return empty;
                }
                return (T) value;
            } catch (JsonProcessingException e) {
                problems.put(field, "JSON that cannot be read: " + e.getOriginalMessage());
                return empty;
            }
        }
    }
}
