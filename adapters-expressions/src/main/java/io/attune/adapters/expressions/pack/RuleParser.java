package io.attune.adapters.expressions.pack;

import io.attune.domain.action.Action;
import io.attune.domain.common.Ref;
import io.attune.domain.rule.Rule;
import io.attune.domain.rule.criteria.Criteria;
import io.attune.domain.trigger.Trigger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code rules/*.yaml}: {@code trigger: {type, parameters}}, {@code criteria}, {@code action: {ref, parameters}}
 * (a bare ref is accepted for trigger and action). Rules read from a pack have origin PACK. Refs into this pack are
 * checked here; refs into other packs are the installing service's to check.
 */
final class RuleParser {

    static final String FOLDER = "rules";

    /** One side of a rule: the ref, its parameters, and the fields that name them in this file. */
    private record Target(Ref ref, Map<String, Object> parameters, String refField, String parametersField) {
    }

    private RuleParser() {
    }

    static Optional<Rule> parse(PackContext pack, PackFile file, Optional<Ref> ref, InPack inPack) {
        Fields fields = file.fields();
        int before = file.problems().count();
        Optional<String> description = fields.text("description");
        boolean enabled = fields.bool("enabled").orElse(true);
        Optional<Target> trigger = target(pack, fields, "trigger", "type", "ref", "{type: " + pack.pack()
                + ".alert} or {type: core.intervaltimer, parameters: {unit: seconds, delta: 10}}");
        Optional<Target> action = target(pack, fields, "action", "ref", null, "{ref: " + pack.pack()
                + ".greet, parameters: {name: \"{{ trigger.host }}\"}}");
        Optional<Criteria> criteria = criteria(pack, fields);
        action.ifPresent(a -> pack.templates().problems(a.parameters(), a.parametersField())
                .forEach(e -> file.problems().add(e.field(), e.message())));
        trigger.ifPresent(t -> checkTrigger(pack, file.problems(), t, inPack));
        action.ifPresent(a -> checkAction(file.problems(), a, inPack));
        if (ref.isEmpty() || trigger.isEmpty() || action.isEmpty() || criteria.isEmpty()
                || file.problems().count() > before) {
            return Optional.empty();
        }
        return DomainErrors.build(file.problems(), () -> new Rule(ref.get(), description.orElse(null), trigger.get().ref(),
                trigger.get().parameters(), criteria.get(), action.get().ref(), action.get().parameters(), enabled,
                Rule.Origin.PACK), "(rule)");
    }

    private static Optional<Target> target(PackContext pack, Fields fields, String key, String refKey, String alias,
                                           String example) {
        if (!fields.has(key)) {
            fields.missing(key, example);
            return Optional.empty();
        }
        Object value = fields.value(key).orElseThrow();
        if (value instanceof String text) {
            return Refs.reference(fields.problems(), fields.field(key), text, pack.pack())
                    .map(r -> new Target(r, Map.of(), fields.field(key), fields.field(key) + ".parameters"));
        }
        if (!(value instanceof Map<?, ?>)) {
            fields.problem(key, "must be a map such as " + example + ", got " + Fields.describe(value));
            return Optional.empty();
        }
        Fields target = fields.object(key).orElseThrow();
        String used = alias == null ? refKey : target.aliased(refKey, alias);
        if (!target.has(used)) {
            target.missing(refKey, "");
            return Optional.empty();
        }
        Optional<Ref> ref = target.text(used)
                .flatMap(text -> Refs.reference(fields.problems(), target.field(used), text, pack.pack()));
        Optional<Map<String, Object>> parameters = target.has("parameters") ? target.map("parameters")
                : Optional.of(Map.of());
        if (ref.isEmpty() || parameters.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Target(ref.get(), parameters.get(), target.field(used), target.field("parameters")));
    }

    /**
     * {@code criteria}: each entry checked alone so that a problem names its path ({@code criteria.trigger.x}), its
     * regex compiled by the server's engine.
     */
    private static Optional<Criteria> criteria(PackContext pack, Fields fields) {
        if (!fields.has("criteria")) {
            return Optional.of(Criteria.none());
        }
        Optional<Map<String, Object>> raw = fields.map("criteria");
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        boolean ok = true;
        for (Map.Entry<String, Object> entry : raw.get().entrySet()) {
            ok &= DomainErrors.build(fields.problems(),
                    () -> Criteria.fromMap(Collections.singletonMap(entry.getKey(), entry.getValue()))
                            .checkedWith(pack.regexes()),
                    fields.field("criteria") + "." + entry.getKey()).isPresent();
        }
        if (!ok) {
            return Optional.empty();
        }
        return DomainErrors.build(fields.problems(), () -> Criteria.fromMap(raw.get()), fields.field("criteria"));
    }

    private static void checkTrigger(PackContext pack, FileProblems problems, Target trigger, InPack inPack) {
        if (!inPack.owns(trigger.ref())) {
            return;
        }
        if (!inPack.triggers.containsKey(trigger.ref())) {
            problems.add(trigger.refField(), "trigger '" + trigger.ref()
                    + "' is not declared in this pack (no file in triggers/ has that ref)");
            return;
        }
        Optional<Trigger> declared = inPack.triggers.get(trigger.ref());
        declared.filter(t -> !t.parametersSchema().isEmpty()).ifPresent(t -> pack.schemas()
                .validate(t.parametersSchema(), trigger.parameters(), trigger.parametersField())
                .forEach(e -> problems.add(e.field(), e.message())));
    }

    private static void checkAction(FileProblems problems, Target action, InPack inPack) {
        if (!inPack.owns(action.ref())) {
            return;
        }
        if (!inPack.actions.containsKey(action.ref())) {
            problems.add(action.refField(), "action '" + action.ref()
                    + "' is not declared in this pack (no file in actions/ has that ref)");
            return;
        }
        Optional<Action> declared = inPack.actions.get(action.ref());
        if (declared.isEmpty()) {
            return;
        }
        var parameters = declared.get().parameters();
        for (String name : action.parameters().keySet()) {
            if (!parameters.names().contains(name)) {
                problems.add(action.parametersField() + "." + name, "is not a parameter of " + action.ref()
                        + " (it has " + (parameters.names().isEmpty() ? "none" : String.join(", ", parameters.names())) + ")");
            }
        }
        List<String> missing = new ArrayList<>();
        for (String name : parameters.requiredNames()) {
            if (!action.parameters().containsKey(name) && !parameters.parameters().get(name).containsKey("default")) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            problems.add(action.parametersField(), "misses " + String.join(", ", missing) + ", required by " + action.ref());
        }
    }
}
