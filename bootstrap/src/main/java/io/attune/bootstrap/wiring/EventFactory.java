package io.attune.bootstrap.wiring;

import io.attune.application.port.in.EventIntake;
import io.attune.application.port.in.EventQueries;
import io.attune.application.port.in.ExecutionQueries;
import io.attune.application.port.out.ActionRepository;
import io.attune.application.port.out.EnforcementRepository;
import io.attune.application.port.out.KeyRepository;
import io.attune.application.port.out.RuleRepository;
import io.attune.application.port.out.TemplateRenderer;
import io.attune.application.port.out.EventRepository;
import io.attune.application.port.out.Outbox;
import io.attune.application.port.out.SchemaValidator;
import io.attune.application.port.out.SecretCipher;
import io.attune.application.port.out.TransactionRunner;
import io.attune.application.port.out.TriggerRepository;
import io.attune.application.service.Dispatch;
import io.attune.application.service.EnforcementService;
import io.attune.application.service.EventIntakeService;
import io.attune.application.service.IdempotencyService;
import io.attune.application.service.EventQueryService;
import io.attune.application.service.GroupedEventIntake;
import io.attune.application.service.GroupedRuleEnforcement;
import io.attune.application.service.ExecutionService;
import io.attune.application.service.EventRecorder;
import io.attune.domain.rule.criteria.RegexEngine;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Builds the event half of the pipeline: intake and recording of events, the rules engine, lineage queries. */
@Factory
public class EventFactory {

    @Singleton
    EventRecorder eventRecorder(EventRepository events, Outbox outbox) {
        return new EventRecorder(events, outbox);
    }

    @Singleton
    EventIntakeService eventIntakeService(TriggerRepository triggers, SchemaValidator schemas, EventRecorder recorder,
                                          Dispatch dispatch, Clock clock, IdempotencyService idempotency) {
        return new EventIntakeService(triggers, schemas, recorder, dispatch, clock, idempotency);
    }

    /** Where events come in (API, webhooks, sensors): events that arrive together are written by group commit. */
    @Singleton
    @Primary
    @Bean(preDestroy = "close")
    GroupedEventIntake eventIntake(EventIntakeService intake, @Value("${attune.events.committers:2}") int committers,
                                   @Value("${attune.events.max-batch:64}") int maxBatch) {
        return new GroupedEventIntake(intake, committers, maxBatch);
    }

    @Singleton
    EnforcementService ruleEnforcement(EventRepository events, RuleRepository rules, ActionRepository actions,
                                       SchemaValidator schemas, EnforcementRepository enforcements, KeyRepository keys,
                                       SecretCipher cipher, TemplateRenderer renderer, RegexEngine regexes,
                                       ExecutionService executions, Dispatch dispatch, TransactionRunner tx, Clock clock) {
        return new EnforcementService(events, rules, actions, schemas, enforcements, keys, cipher, renderer, regexes,
                executions, dispatch, tx, clock);
    }

    /**
     * What the rules consumer enforces events through: events that arrive together are enforced by group commit, by
     * {@code attune.rules.batchers} committer threads, up to {@code attune.rules.prefetch} per transaction.
     */
    @Singleton
    @Primary
    @Bean(preDestroy = "close")
    GroupedRuleEnforcement groupedRuleEnforcement(EnforcementService rules,
                                                  @Value("${attune.rules.batchers:2}") int committers,
                                                  @Value("${attune.rules.prefetch:64}") int maxBatch) {
        return new GroupedRuleEnforcement(rules, committers, maxBatch);
    }

    @Singleton
    EventQueries eventQueries(EventRepository events, EnforcementRepository enforcements, ExecutionQueries executions,
                              TransactionRunner tx) {
        return new EventQueryService(events, enforcements, executions, tx);
    }
}
