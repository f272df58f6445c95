package io.attune.adapters.http.fake;

import io.attune.application.port.in.CatalogQueries.ComponentFilter;
import io.attune.application.port.in.FieldError;
import io.attune.application.port.in.PageRequest;
import io.attune.application.port.in.RuleCommands;
import io.attune.application.port.in.UseCaseException;
import io.attune.domain.common.Ref;
import io.attune.domain.rule.Rule;
import io.attune.domain.rule.criteria.Criteria;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** In-memory rule commands over the fake catalog, validating a draft as the real service does (refs, criteria). */
@Singleton
public final class FakeRules implements RuleCommands {

    private final FakeCatalog catalog;
    private final List<RuleDraft> received = new CopyOnWriteArrayList<>();

    FakeRules(FakeCatalog catalog) {
        this.catalog = catalog;
    }

    /** The drafts the API handed over, in order. */
    public List<RuleDraft> received() {
        return received;
    }

    public void reset() {
        received.clear();
    }

    @Override
    public Rule create(RuleDraft draft) {
        received.add(draft);
        Rule rule = toRule(draft);
        if (catalog.ruleStore().putIfAbsent(rule.ref().toString(), rule) != null) {
            throw new UseCaseException.Conflict("rule '" + rule.ref() + "' already exists");
        }
        return rule;
    }

    @Override
    public Rule update(String ref, RuleDraft draft) {
        received.add(draft);
        Rule existing = catalog.rule(Ref.parse(ref));
        if (!ref.equals(draft.ref())) {
            throw UseCaseException.Invalid.of("ref", "the ref in the body ('" + draft.ref()
                    + "') differs from the rule being updated ('" + ref + "')");
        }
        Rule rule = toRule(draft);
        catalog.ruleStore().put(ref, new Rule(rule.ref(), rule.description(), rule.trigger(), rule.triggerParameters(),
                rule.criteria(), rule.action(), rule.actionParameters(), rule.enabled(), existing.origin()));
        return catalog.ruleStore().get(ref);
    }

    @Override
    public void delete(String ref) {
        if (catalog.ruleStore().remove(ref) == null) {
            throw new UseCaseException.NotFound("rule", ref);
        }
    }

    @Override
    public Rule setEnabled(String ref, boolean enabled) {
        Rule rule = catalog.rule(Ref.parse(ref)).withEnabled(enabled);
        catalog.ruleStore().put(ref, rule);
        return rule;
    }

    private Rule toRule(RuleDraft draft) {
        List<FieldError> errors = new ArrayList<>();
        Ref ref = ref(errors, "ref", draft.ref());
        Ref trigger = ref(errors, "trigger", draft.trigger());
        Ref action = ref(errors, "action", draft.action());
        Criteria criteria = Criteria.none();
        try {
            criteria = Criteria.fromMap(draft.criteria() == null ? Map.of() : draft.criteria());
        } catch (IllegalArgumentException e) {
            errors.add(FieldError.of("criteria", e.getMessage()));
        }
        if (action != null && catalog.actions(ComponentFilter.any(), PageRequest.first(PageRequest.MAX_LIMIT)).items()
                .stream().noneMatch(a -> a.ref().equals(action))) {
            errors.add(FieldError.of("action", "action '" + action + "' does not exist"));
        }
        if (!errors.isEmpty()) {
            throw new UseCaseException.Invalid("the rule is invalid: " + errors.get(0), errors);
        }
        return new Rule(ref, draft.description(), trigger, draft.triggerParameters(), criteria, action,
                draft.actionParameters(), draft.enabled() == null || draft.enabled(), Rule.Origin.API);
    }

    private static Ref ref(List<FieldError> errors, String field, String value) {
        try {
            return Ref.parse(value);
        } catch (IllegalArgumentException e) {
            errors.add(FieldError.of(field, e.getMessage()));
            return null;
        }
    }
}
