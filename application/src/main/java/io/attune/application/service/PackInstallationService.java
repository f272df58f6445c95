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
import io.attune.domain.action.Action;
import io.attune.domain.common.Ref;
import io.attune.domain.pack.Pack;
import io.attune.domain.pack.PackContent;
import io.attune.domain.policy.Policy;
import io.attune.domain.rule.Rule;
import io.attune.domain.sensor.Sensor;
import io.attune.domain.trigger.Trigger;
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

    /** Without timer checks: a timer rule is checked against its trigger's parameter schema only. */
    public PackInstallationService(PackReader reader, SchemaValidator schemas, PackRepository packs,
                                   ActionRepository actions, TriggerRepository triggers, TransactionRunner tx) {
        this(reader, schemas, packs, actions, triggers, tx, Optional.empty());
    }

    /** Also refuses timer rules whose cron expression, time zone or date {@code timers} cannot read. */
    public PackInstallationService(PackReader reader, SchemaValidator schemas, PackRepository packs,
                                   ActionRepository actions, TriggerRepository triggers, TransactionRunner tx,
                                   TimerSchedules timers) {
        this(reader, schemas, packs, actions, triggers, tx, Optional.of(timers));
    }

    private PackInstallationService(PackReader reader, SchemaValidator schemas, PackRepository packs,
                                    ActionRepository actions, TriggerRepository triggers, TransactionRunner tx,
                                    Optional<TimerSchedules> timers) {
        this.timers = timers;
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

    /** What only the catalog can tell: rules, policies and sensors naming components of other packs. */
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
        return errors;
    }

    private static String file(PackContent content, Ref ref, String folder) {
        return content.fileOf(ref).orElse(folder + "/" + ref.name() + ".yaml");
    }
}
