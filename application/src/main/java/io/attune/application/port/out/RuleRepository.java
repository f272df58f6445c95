package io.attune.application.port.out;

import io.attune.application.port.in.CatalogQueries.RuleFilter;
import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.domain.common.Ref;
import io.attune.domain.rule.Rule;
import java.util.List;
import java.util.Optional;

/** Stored rules, from packs and from the API. */
public interface RuleRepository {

    Optional<Rule> find(Ref ref);

    /** Every enabled rule on {@code trigger}, ordered by ref: what an event of that trigger is matched against. */
    List<Rule> enabledOn(Ref trigger);

    /** Rules ordered by ref. */
    Page<Rule> list(RuleFilter filter, PageRequest page);

    /** Inserts a new rule; returns false (writing nothing) if the ref exists. */
    boolean insert(Rule rule);

    /** Replaces an existing rule by ref; returns false if absent. */
    boolean update(Rule rule);

    /** Removes a rule; returns false if absent. */
    boolean delete(Ref ref);
}
