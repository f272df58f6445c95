package io.attune.application.service;

import io.attune.application.port.in.FieldError;
import io.attune.application.port.in.PackInstallation;
import io.attune.application.port.in.UseCaseException;
import io.attune.application.port.out.ActionRepository;
import io.attune.application.port.out.PackReader;
import io.attune.application.port.out.PackRepository;
import io.attune.application.port.out.SchemaValidator;
import io.attune.application.port.out.TransactionRunner;
import io.attune.application.port.out.TriggerRepository;
import io.attune.application.port.out.WorkflowReader;
import io.attune.domain.action.Action;
import io.attune.domain.common.Ref;
import io.attune.domain.pack.Pack;
import io.attune.domain.pack.PackContent;
import io.attune.domain.policy.Policy;
import io.attune.domain.rule.Rule;
import io.attune.domain.sensor.Sensor;
import io.attune.domain.trigger.Trigger;
import io.attune.domain.workflow.WorkflowSource;
import io.attune.domain.workflow.WorkflowValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Installs packs: reads and checks everything, including references to other packs, then writes it in one go. */
public final class PackInstallationService implements PackInstallation {

    private final PackReader reader;
    private final SchemaValidator schemas;
    private final PackRepository packs;
    private final ActionRepository actions;
    private final TriggerRepository triggers;
    private final TransactionRunner tx;
    private final Optional<TimerSchedules> timers;
    private final Optional<WorkflowReader> workflows;

    /**
     * Without timer checks (a timer rule is checked against its trigger's parameter schema only) and without workflow
     * checks (the actions a workflow's tasks name in other packs are not looked up).
     */
    public PackInstallationService(PackReader reader, SchemaValidator schemas, PackRepository packs,
                                   ActionRepository actions, TriggerRepository triggers, TransactionRunner tx) {
        this(reader, schemas, packs, actions, triggers, tx, Optional.empty(), Optional.empty());
    }

    /** Also refuses timer rules whose cron expression, time zone or date {@code timers} cannot read. */
    public PackInstallationService(PackReader reader, SchemaValidator schemas, PackRepository packs,
                                   ActionRepository actions, TriggerRepository triggers, TransactionRunner tx,
                                   TimerSchedules timers) {
        this(reader, schemas, packs, actions, triggers, tx, Optional.of(timers), Optional.empty());
    }

    /**
     * Also refuses workflow actions whose tasks name actions that are neither in the pack nor installed: {@code
     * workflows} reads each workflow source again to find them.
     */
    public PackInstallationService(PackReader reader, SchemaValidator schemas, PackRepository packs,
                                   ActionRepository actions, TriggerRepository triggers, TransactionRunner tx,
                                   TimerSchedules timers, WorkflowReader workflows) {
        this(reader, schemas, packs, actions, triggers, tx, Optional.of(timers), Optional.of(workflows));
    }

    private PackInstallationService(PackReader reader, SchemaValidator schemas, PackRepository packs,
                                    ActionRepository actions, TriggerRepository triggers, TransactionRunner tx,
                                    Optional<TimerSchedules> timers, Optional<WorkflowReader> workflows) {
        this.timers = timers;
        this.workflows = workflows;
        this.reader = reader;
        this.schemas = schemas;
        this.packs = packs;
        this.actions = actions;
        this.triggers = triggers;
        this.tx = tx;
    }

    @Override
    public InstallReport install(InstallPack command) {
        PackContent content = reader.read(command.directory());
        return tx.inTransaction(() -> {
            List<FieldError> errors = crossReferenceErrors(content);
            if (!errors.isEmpty()) {
                throw new UseCaseException.PackRejected("pack '" + content.pack().ref() + "' is invalid: "
                        + errors.size() + (errors.size() == 1 ? " problem" : " problems"), errors);
            }
            Optional<Pack> replaced = packs.find(content.pack().ref());
            List<String> retired = packs.replace(content);
            return new InstallReport(content.pack(), content.actions().size(), content.triggers().size(),
                    content.sensors().size(), content.rules().size(), content.policies().size(), retired, replaced);
        });
    }

    @Override
    public Pack uninstall(String pack) {
        return tx.inTransaction(() -> {
            Pack removed = packs.find(pack).orElseThrow(() -> new UseCaseException.NotFound("pack", pack));
            if (!packs.delete(pack)) {
                throw new UseCaseException.NotFound("pack", pack);
            }
            return removed;
        });
    }

    /** What only the catalog can tell: rules, policies, sensors and workflow tasks naming components of other packs. */
    private List<FieldError> crossReferenceErrors(PackContent content) {
        Map<Ref, Action> ownActions = content.actions().stream()
                .collect(Collectors.toMap(Action::ref, Function.identity()));
        Map<Ref, Trigger> ownTriggers = content.triggers().stream()
                .collect(Collectors.toMap(Trigger::ref, Function.identity()));
        List<FieldError> errors = new ArrayList<>();
        for (Rule rule : content.rules()) {
            String file = file(content, rule.ref(), "rules");
            Optional<Trigger> trigger = Optional.ofNullable(ownTriggers.get(rule.trigger())).or(() -> triggers.find(rule.trigger()));
            if (trigger.isEmpty()) {
                errors.add(FieldError.inFile(file, "trigger", "trigger '" + rule.trigger() + "' does not exist"));
            } else {
                List<FieldError> ruleErrors = trigger.get().parametersSchema().isEmpty() ? List.of()
                        : schemas.validate(trigger.get().parametersSchema(), rule.triggerParameters(), "trigger.parameters");
                if (ruleErrors.isEmpty() && timers.isPresent()) {
                    ruleErrors = timers.get().problems(rule.trigger(), rule.triggerParameters());
                }
                ruleErrors.forEach(e -> errors.add(FieldError.inFile(file, e.field(), e.message())));
            }
            if (!ownActions.containsKey(rule.action()) && actions.find(rule.action()).isEmpty()) {
                errors.add(FieldError.inFile(file, "action", "action '" + rule.action() + "' does not exist"));
            }
        }
        for (Policy policy : content.policies()) {
            if (policy.target() instanceof Policy.ActionTarget target
                    && !ownActions.containsKey(target.action()) && actions.find(target.action()).isEmpty()) {
                errors.add(FieldError.inFile(file(content, policy.ref(), "policies"), "action",
                        "action '" + target.action() + "' does not exist"));
            }
        }
        for (Sensor sensor : content.sensors()) {
            for (Ref trigger : sensor.triggers()) {
                if (!ownTriggers.containsKey(trigger) && triggers.find(trigger).isEmpty()) {
                    errors.add(FieldError.inFile(file(content, sensor.ref(), "sensors"), "triggers",
                            "trigger '" + trigger + "' does not exist"));
                }
            }
        }
        workflows.ifPresent(reader -> content.workflows().values().forEach(source ->
                errors.addAll(workflowErrors(reader, source, ownActions))));
        return errors;
    }

    /** The tasks of a workflow naming an action (not an expression) that neither the pack nor the catalog has. */
    private List<FieldError> workflowErrors(WorkflowReader reader, WorkflowSource source, Map<Ref, Action> ownActions) {
        return switch (reader.read(source.text(), source.file())) {
            case WorkflowReader.Read.Invalid invalid -> invalid.errors();
            case WorkflowReader.Read.Valid valid -> {
                List<FieldError> errors = new ArrayList<>();
                WorkflowValidator.namedActions(valid.definition().tasks()).forEach((task, written) -> {
                    String field = "tasks." + task + ".action";
                    Ref ref;
                    try {
                        ref = Ref.parse(written);
                    } catch (IllegalArgumentException e) {
                        errors.add(FieldError.inFile(source.file(), field, e.getMessage()));
                        return;
                    }
                    if (!ownActions.containsKey(ref) && actions.find(ref).isEmpty()) {
                        errors.add(FieldError.inFile(source.file(), field, "action '" + ref + "' does not exist"));
                    }
                });
                yield errors;
            }
        };
    }

    private static String file(PackContent content, Ref ref, String folder) {
        return content.fileOf(ref).orElse(folder + "/" + ref.name() + ".yaml");
    }
}
