package io.attune.application.service;

import io.attune.application.port.in.FieldError;
import io.attune.application.port.in.RuleCommands;
import io.attune.application.port.in.UseCaseException;
import io.attune.application.port.out.ActionRepository;
import io.attune.application.port.out.PackRepository;
import io.attune.application.port.out.RuleRepository;
import io.attune.application.port.out.SchemaValidator;
import io.attune.application.port.out.TemplateRenderer;
import io.attune.application.port.out.TransactionRunner;
import io.attune.application.port.out.TriggerRepository;
import io.attune.domain.common.Ref;
import io.attune.domain.rule.Rule;
import io.attune.domain.rule.criteria.Criteria;
import io.attune.domain.rule.criteria.RegexEngine;
import io.attune.domain.trigger.Trigger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rule changes through the API, validated as strictly as a pack's rules: criteria regexes must be ones the server's
 * linear-time engine takes, and templates within the renderer's length and nesting limits.
 */
public final class RuleCommandService implements RuleCommands {

    private final RuleRepository rules;
    private final TriggerRepository triggers;
    private final ActionRepository actions;
    private final PackRepository packs;
    private final SchemaValidator schemas;
    private final TransactionRunner tx;
    private final Optional<TimerSchedules> timers;
    private final RegexEngine regexes;
    private final TemplateRenderer templates;

    /** Without timer checks: a timer rule is checked against its trigger's parameter schema only. */
    public RuleCommandService(RuleRepository rules, TriggerRepository triggers, ActionRepository actions,
                              PackRepository packs, SchemaValidator schemas, RegexEngine regexes,
                              TemplateRenderer templates, TransactionRunner tx) {
        this(rules, triggers, actions, packs, schemas, regexes, templates, tx, Optional.empty());
    }

    /** Also refuses timer rules whose cron expression, time zone or date {@code timers} cannot read. */
    public RuleCommandService(RuleRepository rules, TriggerRepository triggers, ActionRepository actions,
                              PackRepository packs, SchemaValidator schemas, RegexEngine regexes,
                              TemplateRenderer templates, TransactionRunner tx, TimerSchedules timers) {
        this(rules, triggers, actions, packs, schemas, regexes, templates, tx, Optional.of(timers));
    }

    private RuleCommandService(RuleRepository rules, TriggerRepository triggers, ActionRepository actions,
                               PackRepository packs, SchemaValidator schemas, RegexEngine regexes,
                               TemplateRenderer templates, TransactionRunner tx, Optional<TimerSchedules> timers) {
        this.timers = timers;
        this.regexes = regexes;
        this.templates = templates;
        this.rules = rules;
        this.triggers = triggers;
        this.actions = actions;
        this.packs = packs;
        this.schemas = schemas;
        this.tx = tx;
    }

    @Override
    public Rule create(RuleDraft draft) {
        return tx.inTransaction(() -> {
            Rule rule = toRule(draft, Rule.Origin.API);
            if (!rules.insert(rule)) {
                throw new UseCaseException.Conflict("rule '" + rule.ref() + "' already exists");
            }
            return rule;
        });
    }

    @Override
    public Rule update(String ref, RuleDraft draft) {
        Ref target = parseRef("ref", ref);
        return tx.inTransaction(() -> {
            Rule existing = rules.find(target).orElseThrow(() -> new UseCaseException.NotFound("rule", ref));
            RuleDraft withRef = draft.ref() == null
                    ? new RuleDraft(ref, draft.description(), draft.trigger(), draft.triggerParameters(), draft.criteria(),
                            draft.action(), draft.actionParameters(), draft.enabled())
                    : draft;
            if (!target.toString().equals(withRef.ref())) {
                throw UseCaseException.Invalid.of("ref", "the ref in the body ('" + withRef.ref()
                        + "') differs from the rule being updated ('" + ref + "')");
            }
            Rule rule = toRule(withRef, existing.origin());
            rules.update(rule);
            return rule;
        });
    }

    @Override
    public void delete(String ref) {
        Ref target = parseRef("ref", ref);
        tx.run(() -> {
            if (!rules.delete(target)) {
                throw new UseCaseException.NotFound("rule", ref);
            }
        });
    }

    @Override
    public Rule setEnabled(String ref, boolean enabled) {
        Ref target = parseRef("ref", ref);
        return tx.inTransaction(() -> {
            Rule rule = rules.find(target).orElseThrow(() -> new UseCaseException.NotFound("rule", ref)).withEnabled(enabled);
            rules.update(rule);
            return rule;
        });
    }

    private Rule toRule(RuleDraft draft, Rule.Origin origin) {
        List<FieldError> errors = new ArrayList<>();
        Ref ref = tryRef(errors, "ref", draft.ref());
        Ref trigger = tryRef(errors, "trigger", draft.trigger());
        Ref action = tryRef(errors, "action", draft.action());
        Criteria criteria = Criteria.none();
        try {
            criteria = Criteria.fromMap(draft.criteria() == null ? Map.of() : draft.criteria()).checkedWith(regexes);
        } catch (IllegalArgumentException e) {
            errors.add(FieldError.of("criteria", e.getMessage()));
        }
        errors.addAll(templates.problems(draft.actionParameters() == null ? Map.of() : draft.actionParameters(),
                "action.parameters"));
        if (ref != null && packs.find(ref.pack()).isEmpty()) {
            errors.add(FieldError.of("ref", "pack '" + ref.pack() + "' is not installed"));
        }
        if (trigger != null) {
            Optional<Trigger> found = triggers.find(trigger);
            if (found.isEmpty()) {
                errors.add(FieldError.of("trigger", "trigger '" + trigger + "' does not exist"));
            } else {
                Map<String, Object> parameters = draft.triggerParameters() == null ? Map.of() : draft.triggerParameters();
                List<FieldError> schemaErrors = found.get().parametersSchema().isEmpty() ? List.of()
                        : schemas.validate(found.get().parametersSchema(), parameters, "trigger.parameters");
                errors.addAll(schemaErrors);
                if (schemaErrors.isEmpty()) {
                    timers.ifPresent(t -> errors.addAll(t.problems(trigger, parameters)));
                }
            }
        }
        if (action != null && actions.find(action).isEmpty()) {
            errors.add(FieldError.of("action", "action '" + action + "' does not exist"));
        }
        if (!errors.isEmpty()) {
            throw new UseCaseException.Invalid("the rule is invalid: " + errors.get(0), errors);
        }
        return new Rule(ref, draft.description(), trigger, draft.triggerParameters(), criteria, action,
                draft.actionParameters(), draft.enabled() == null || draft.enabled(), origin);
    }

    private static Ref tryRef(List<FieldError> errors, String field, String value) {
        try {
            return Ref.parse(value);
        } catch (IllegalArgumentException e) {
            errors.add(FieldError.of(field, e.getMessage()));
            return null;
        }
    }

    private static Ref parseRef(String field, String value) {
        try {
            return Ref.parse(value);
        } catch (IllegalArgumentException e) {
            throw UseCaseException.Invalid.of(field, e.getMessage());
        }
    }
}
