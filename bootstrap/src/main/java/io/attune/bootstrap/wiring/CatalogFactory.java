package io.attune.bootstrap.wiring;

import io.attune.adapters.postgres.PostgresActionRepository;
import io.attune.adapters.postgres.PostgresPolicyRepository;
import io.attune.adapters.postgres.PostgresRuleRepository;
import io.attune.adapters.postgres.PostgresTriggerRepository;
import io.attune.application.port.out.ActionRepository;
import io.attune.application.port.out.CatalogVersion;
import io.attune.application.port.out.PolicyRepository;
import io.attune.application.port.out.RuleRepository;
import io.attune.application.port.out.TriggerRepository;
import io.attune.application.service.CatalogCache;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Primary;
import jakarta.inject.Singleton;

/**
 * The catalog's repositories as every service gets them: the {@link CatalogCache} in front of PostgreSQL, so that an
 * execution does not read its action, policies, rules and trigger again each time while the catalog stays the same
 * (the cache checks the catalog's version once per transaction; see docs/benchmarks.md, "Profile of the hot path").
 */
@Factory
public class CatalogFactory {

    @Singleton
    CatalogCache catalogCache(CatalogVersion version, PostgresActionRepository actions,
                              PostgresTriggerRepository triggers, PostgresRuleRepository rules,
                              PostgresPolicyRepository policies) {
        return new CatalogCache(version, actions, triggers, rules, policies);
    }

    @Singleton
    @Primary
    ActionRepository cachedActions(CatalogCache cache) {
        return cache.actions();
    }

    @Singleton
    @Primary
    TriggerRepository cachedTriggers(CatalogCache cache) {
        return cache.triggers();
    }

    @Singleton
    @Primary
    RuleRepository cachedRules(CatalogCache cache) {
        return cache.rules();
    }

    @Singleton
    @Primary
    PolicyRepository cachedPolicies(CatalogCache cache) {
        return cache.policies();
    }
}
