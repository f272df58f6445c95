package io.attune.application.service;

import io.attune.application.port.in.FieldError;
import io.attune.application.port.in.UseCaseException;
import io.attune.application.port.in.WorkflowDesign;
import io.attune.application.port.out.ActionRepository;
import io.attune.application.port.out.TransactionRunner;
import io.attune.application.port.out.WorkflowDefinitions;
import io.attune.application.port.out.WorkflowReader;
import io.attune.domain.common.Ref;
import io.attune.domain.workflow.TaskSpec;
import io.attune.domain.workflow.TaskStatus;
import io.attune.domain.workflow.WorkflowDefinition;
import io.attune.domain.workflow.WorkflowEngine;
import io.attune.domain.workflow.WorkflowSimulation;
import io.attune.domain.workflow.WorkflowSource;
import io.attune.domain.workflow.expr.Expressions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Validates and simulates workflows (Orquesta's rehearsal): nothing is stored, nothing runs. */
public final class WorkflowDesignService implements WorkflowDesign {

    private final WorkflowReader reader;
    private final WorkflowDefinitions definitions;
    private final ActionRepository actions;
    private final TransactionRunner tx;
    private final WorkflowSimulation simulation;

    public WorkflowDesignService(WorkflowReader reader, WorkflowDefinitions definitions, ActionRepository actions,
                                 TransactionRunner tx, Expressions expressions) {
        this.reader = reader;
        this.definitions = definitions;
        this.actions = actions;
        this.tx = tx;
        this.simulation = new WorkflowSimulation(expressions);
    }

    @Override
    public Validation validate(WorkflowText workflow) {
        Source source = sourceOf(workflow);
        List<FieldError> errors = tx.readOnly(() -> switch (reader.read(source.text(), source.file(), this::installed)) {
            case WorkflowReader.Read.Invalid invalid -> invalid.errors();
            case WorkflowReader.Read.Valid valid -> List.<FieldError>of();
        });
        return new Validation(errors.isEmpty(), errors);
    }

    @Override
    public Simulation simulate(Simulate command) {
        Source source = sourceOf(command.workflow());
        WorkflowDefinition definition = switch (reader.read(source.text(), source.file())) {
            case WorkflowReader.Read.Invalid invalid -> throw new UseCaseException.Invalid(
                    "the workflow is not valid: " + invalid.errors().get(0), invalid.errors());
            case WorkflowReader.Read.Valid valid -> valid.definition();
        };
        List<FieldError> problems = new ArrayList<>();
        WorkflowEngine.checkInput(definition, command.input()).forEach(p ->
                problems.add(FieldError.of("input" + p.getKey().substring("parameters".length()), p.getValue())));
        List<WorkflowSimulation.Mock> mocks = new ArrayList<>();
        for (int i = 0; i < command.mocks().size(); i++) {
            mock(definition, command.mocks().get(i), "mocks[" + i + "]", problems).ifPresent(mocks::add);
        }
        if (!problems.isEmpty()) {
            throw new UseCaseException.Invalid("cannot simulate: " + problems.get(0), problems);
        }
        WorkflowSimulation.Outcome outcome = simulation.run(definition, command.input(), mocks, command.keys());
        return new Simulation(outcome.status().code(), outcome.tasks(), outcome.output(), outcome.errors());
    }

    private static Optional<WorkflowSimulation.Mock> mock(WorkflowDefinition definition, Mock mock, String field,
                                                          List<FieldError> problems) {
        int before = problems.size();
        if (mock.task() == null || mock.task().isBlank()) {
            problems.add(FieldError.of(field + ".task", "name the task this mock answers"));
        } else if (definition.task(mock.task()).isEmpty()) {
            problems.add(FieldError.of(field + ".task", "the workflow has no task '" + mock.task() + "'"));
        } else if (definition.task(mock.task()).flatMap(TaskSpec::action).isEmpty()) {
            problems.add(FieldError.of(field + ".task", "task '" + mock.task() + "' runs no action: there is nothing to mock"));
        }
        TaskStatus status = TaskStatus.SUCCEEDED;
        if (mock.status() != null) {
            status = switch (mock.status().trim().toLowerCase(Locale.ROOT)) {
                case "succeeded" -> TaskStatus.SUCCEEDED;
                case "failed", "timeout", "abandoned" -> TaskStatus.FAILED;
                case "canceled" -> TaskStatus.CANCELED;
                default -> {
                    problems.add(FieldError.of(field + ".status", "'" + mock.status()
                            + "' is not an end of a task: use succeeded, failed, timeout, abandoned or canceled"));
                    yield TaskStatus.SUCCEEDED;
                }
            };
        }
        if (mock.times() < 1) {
            problems.add(FieldError.of(field + ".times", "must be at least 1, got " + mock.times()));
        }
        mock.item().ifPresent(i -> {
            if (i < 0) {
                problems.add(FieldError.of(field + ".item", "must be an item index (0 or more), got " + i));
            }
        });
        mock.seq().ifPresent(s -> {
            if (s < 0) {
                problems.add(FieldError.of(field + ".seq", "must be a position in the task sequence (0 or more), got " + s));
            }
        });
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new WorkflowSimulation.Mock(mock.task(), status, mock.result(), mock.item(), mock.times(), mock.seq()));
    }

    /** Whether an action a task names is installed (a ref that cannot be one is not). */
    private boolean installed(String action) {
        try {
            return actions.find(Ref.parse(action)).isPresent();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private record Source(String text, String file) {
    }

    private Source sourceOf(WorkflowText workflow) {
        if (workflow.definition().isPresent() == workflow.ref().isPresent()) {
            throw UseCaseException.Invalid.of("definition", "give either the workflow's YAML text (definition) or the"
                    + " ref of an installed workflow action (ref), not " + (workflow.ref().isPresent() ? "both" : "neither"));
        }
        if (workflow.definition().isPresent()) {
            return new Source(workflow.definition().get(), null);
        }
        String text = workflow.ref().get();
        Ref ref;
        try {
            ref = Ref.parse(text);
        } catch (IllegalArgumentException e) {
            throw UseCaseException.Invalid.of("ref", e.getMessage());
        }
        WorkflowSource source = tx.readOnly(() -> definitions.find(ref))
                .orElseThrow(() -> new UseCaseException.NotFound("workflow action", text));
        return new Source(source.text(), source.file());
    }
}
