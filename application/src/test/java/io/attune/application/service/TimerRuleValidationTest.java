package io.attune.application.service;

import static io.attune.application.service.Fixtures.action;
import static io.attune.application.service.Fixtures.pack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attune.application.fake.InMemoryCatalog;
import io.attune.application.fake.InMemoryStore;
import io.attune.application.fake.InMemoryTransactionRunner;
import io.attune.application.fake.ProgrammableSchemaValidator;
import io.attune.application.fake.SimpleTemplateRenderer;
import io.attune.application.fake.StepCronSchedules;
import io.attune.application.port.in.FieldError;
import io.attune.application.port.in.PackInstallation.InstallPack;
import io.attune.application.port.in.RuleCommands.RuleDraft;
import io.attune.application.port.in.UseCaseException;
import io.attune.domain.fake.JdkRegexEngine;
import io.attune.domain.common.Ref;
import io.attune.domain.pack.PackContent;
import io.attune.domain.rule.Rule;
import io.attune.domain.rule.criteria.Criteria;
import io.attune.domain.trigger.Trigger;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rules whose timer cannot be read are refused, through the API and in packs, naming the parameter. */
class TimerRuleValidationTest {

    private final InMemoryStore store = new InMemoryStore();
    private final InMemoryCatalog catalog = new InMemoryCatalog(store);
    private final InMemoryTransactionRunner tx = new InMemoryTransactionRunner(store);
    private final TimerSchedules timers = new TimerSchedules(new StepCronSchedules());
    private final RuleCommandService rules = new RuleCommandService(catalog.rules(), catalog.triggers(), catalog, catalog,
            new ProgrammableSchemaValidator(), new JdkRegexEngine(), new SimpleTemplateRenderer(), tx, timers);
    private PackContent onDisk;
    private final PackInstallationService installer = new PackInstallationService(dir -> onDisk,
            new ProgrammableSchemaValidator(), catalog, catalog, catalog.triggers(), tx, timers);

    @BeforeEach
    void installCore() {
        catalog.replace(new PackContent(pack("core"), List.of(action("core.noop")), List.of(
                new Trigger(Ref.parse("core.crontimer"), "", Map.of(), Map.of("type", "object")),
                new Trigger(Ref.parse("core.datetimer"), "", Map.of(), Map.of("type", "object", "required", List.of("date"))),
                new Trigger(Ref.parse("core.intervaltimer"), "", Map.of(), Map.of("type", "object"))),
                List.of(), List.of(), List.of()));
    }

    private RuleDraft draft(String trigger, Map<String, Object> parameters) {
        return new RuleDraft("core.tick", "", trigger, parameters, Map.of(), "core.noop", Map.of(), null);
    }

    private static List<FieldError> errorsOf(Runnable call) {
        try {
            call.run();
        } catch (UseCaseException.Invalid e) {
            return e.errors();
        } catch (UseCaseException.PackRejected e) {
            return e.errors();
        }
        throw new AssertionError("not refused");
    }

    @Test
    void theApiRefusesABadCronExpressionNamingIt() {
        assertThat(errorsOf(() -> rules.create(draft("core.crontimer", Map.of("expression", "*/x * * * * *")))))
                .singleElement().satisfies(e -> {
                    assertThat(e.field()).isEqualTo("trigger.parameters.expression");
                    assertThat(e.message()).contains("*/x");
                });
        assertThat(catalog.rules().find(Ref.parse("core.tick"))).isEmpty();
    }

    @Test
    void theApiRefusesAnUnknownTimezoneAndAnUnparseableDate() {
        assertThat(errorsOf(() -> rules.create(draft("core.crontimer", Map.of("expression", "* * * * * *",
                "timezone", "Nowhere/Land"))))).extracting(FieldError::field).containsExactly("trigger.parameters.timezone");
        assertThat(errorsOf(() -> rules.create(draft("core.datetimer", Map.of("date", "soon")))))
                .extracting(FieldError::field).containsExactly("trigger.parameters.date");
    }

    @Test
    void theApiAcceptsAValidTimerAndUpdatesAreCheckedToo() {
        rules.create(draft("core.crontimer", Map.of("expression", "*/5 * * * * *", "timezone", "Europe/Paris")));

        assertThat(errorsOf(() -> rules.update("core.tick", draft("core.intervaltimer", Map.of("unit", "fortnights",
                "delta", 1))))).extracting(FieldError::field).containsExactly("trigger.parameters.unit");
        assertThat(catalog.rules().find(Ref.parse("core.tick")).orElseThrow().trigger()).isEqualTo(Ref.parse("core.crontimer"));
    }

    @Test
    void aPackWithABadTimerIsRefusedNamingFileAndParameter() {
        Rule bad = new Rule(Ref.parse("demo.nightly"), "", Ref.parse("core.crontimer"),
                Map.of("expression", "0 0 3 * *"), Criteria.none(), Ref.parse("core.noop"), Map.of(), true, Rule.Origin.PACK);
        onDisk = new PackContent(pack("demo"), List.of(), List.of(), List.of(), List.of(bad), List.of())
                .withFiles(Map.of("demo.nightly", "rules/nightly.yaml"));

        assertThat(errorsOf(() -> installer.install(new InstallPack(Path.of("/p/demo")))))
                .singleElement().satisfies(e -> {
                    assertThat(e.file()).contains("rules/nightly.yaml");
                    assertThat(e.field()).isEqualTo("trigger.parameters.expression");
                });
        assertThat(catalog.find("demo")).isEmpty();
    }

    @Test
    void schemaErrorsComeFirstWithoutATimerErrorOnTop() {
        assertThatThrownBy(() -> rules.create(draft("core.datetimer", Map.of())))
                .isInstanceOfSatisfying(UseCaseException.Invalid.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("trigger.parameters.date"));
    }
}
