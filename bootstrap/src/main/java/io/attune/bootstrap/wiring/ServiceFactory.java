package io.attune.bootstrap.wiring;

import io.attune.application.port.in.CatalogQueries;
import io.attune.application.port.in.PackInstallation;
import io.attune.application.port.in.PackManagement;
import io.attune.application.port.in.RuleCommands;
import io.attune.application.port.out.ActionRepository;
import io.attune.application.port.out.AuditLog;
import io.attune.application.port.out.KeyRepository;
import io.attune.application.port.out.PackArchives;
import io.attune.application.port.out.PackReader;
import io.attune.application.port.out.PackRepository;
import io.attune.application.port.out.PolicyRepository;
import io.attune.application.port.out.RuleRepository;
import io.attune.application.port.out.SchemaValidator;
import io.attune.application.port.out.TemplateRenderer;
import io.attune.application.port.out.SecretCipher;
import io.attune.application.port.out.SensorRepository;
import io.attune.application.port.out.TransactionRunner;
import io.attune.application.port.out.TriggerRepository;
import io.attune.application.service.CatalogQueryService;
import io.attune.application.service.KeyCommandService;
import io.attune.application.service.PackInstallationService;
import io.attune.application.service.PackManagementService;
import io.attune.application.service.AuditService;
import io.attune.application.service.RuleCommandService;
import io.attune.application.service.TimerSchedules;
import io.attune.domain.rule.criteria.RegexEngine;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Builds every application service from the adapters' out-port beans: the one place the hexagon is assembled. */
@Factory
public class ServiceFactory {

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Singleton
    PackInstallation packInstallation(PackReader reader, SchemaValidator schemas, PackRepository packs,
                                      ActionRepository actions, TriggerRepository triggers, TransactionRunner tx,
                                      TimerSchedules timers, io.attune.application.port.out.WorkflowReader workflows) {
        return new PackInstallationService(reader, schemas, packs, actions, triggers, tx, timers, workflows);
    }

    @Singleton
    PackManagement packManagement(PackInstallation installation, PackArchives archives) {
        return new PackManagementService(installation, archives);
    }

    @Singleton
    CatalogQueries catalogQueries(PackRepository packs, ActionRepository actions, TriggerRepository triggers,
                                  SensorRepository sensors, RuleRepository rules, PolicyRepository policies,
                                  TransactionRunner tx) {
        return new CatalogQueryService(packs, actions, triggers, sensors, rules, policies, tx);
    }

    @Singleton
    RuleCommands ruleCommands(RuleRepository rules, TriggerRepository triggers, ActionRepository actions,
                              PackRepository packs, SchemaValidator schemas, RegexEngine regexes,
                              TemplateRenderer templates, TransactionRunner tx, TimerSchedules timers) {
        return new RuleCommandService(rules, triggers, actions, packs, schemas, regexes, templates, tx, timers);
    }

    @Singleton
    KeyCommandService keyCommands(KeyRepository keys, SecretCipher cipher, TransactionRunner tx, Clock clock) {
        return new KeyCommandService(keys, cipher, tx, clock);
    }

    @Singleton
    @Bean(preDestroy = "close")
    AuditService auditTrail(AuditLog log, TransactionRunner tx) {
        return new AuditService(log, tx);
    }
}
