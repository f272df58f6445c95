package io.attune.application.service;

import static io.attune.application.service.Fixtures.action;
import static io.attune.application.service.Fixtures.pack;
import static io.attune.application.service.Fixtures.timer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attune.application.fake.InMemoryCatalog;
import io.attune.application.fake.InMemoryStore;
import io.attune.application.fake.InMemoryTransactionRunner;
import io.attune.application.fake.ProgrammableSchemaValidator;
import io.attune.application.fake.SimpleTemplateRenderer;
import io.attune.application.port.in.FieldError;
import io.attune.application.port.in.RuleCommands.RuleDraft;
import io.attune.application.port.in.UseCaseException;
import io.attune.domain.fake.JdkRegexEngine;
import io.attune.domain.common.Ref;
import io.attune.domain.pack.PackContent;
import io.attune.domain.rule.Rule;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RuleCommandServiceTest {

    private final InMemoryStore store = new InMemoryStore();
    private final InMemoryCatalog catalog = new InMemoryCatalog(store);
    private final RuleCommandService service = new RuleCommandService(catalog.rules(), catalog.triggers(), catalog,
            catalog, new ProgrammableSchemaValidator(), new JdkRegexEngine(), new SimpleTemplateRenderer(),
            new InMemoryTransactionRunner(store));

    @BeforeEach
    void installCore() {
        catalog.replace(new PackContent(pack("core"), List.of(action("core.local")), List.of(timer("core.timer")),
                List.of(), List.of(), List.of()));
    }

    private static RuleDraft draft(String ref, String trigger, Map<String, Object> criteria, String action) {
        return new RuleDraft(ref, "every ten seconds", trigger, Map.of("delta", 10), criteria, action,
                Map.of("cmd", "date"), null);
    }

    @Test
    void createsAnEnabledApiRule() {
        Rule rule = service.create(draft("core.tick", "core.timer", Map.of(), "core.local"));

        assertThat(rule.enabled()).isTrue();
        assertThat(rule.origin()).isEqualTo(Rule.Origin.API);
        assertThat(catalog.rules().find(Ref.parse("core.tick"))).contains(rule);
    }

    @Test
    void refusesADuplicateRefWithAConflict() {
        service.create(draft("core.tick", "core.timer", Map.of(), "core.local"));

        assertThatThrownBy(() -> service.create(draft("core.tick", "core.timer", Map.of(), "core.local")))
                .isInstanceOf(UseCaseException.Conflict.class);
    }

    @Test
    void namesEveryInvalidFieldAtOnceAndWritesNothing() {
        assertThatThrownBy(() -> service.create(draft("nopack.tick", "core.nothing",
                Map.of("trigger.x", Map.of("type", "sortof", "pattern", 1)), "core.missing")))
                .isInstanceOfSatisfying(UseCaseException.Invalid.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field)
                        .containsExactlyInAnyOrder("ref", "trigger", "action", "criteria"));
        assertThat(catalog.rules().find(Ref.parse("nopack.tick"))).isEmpty();
    }

    @Test
    void refusesAMalformedRef() {
        assertThatThrownBy(() -> service.create(draft("Not A Ref", "core.timer", Map.of(), "core.local")))
                .isInstanceOfSatisfying(UseCaseException.Invalid.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("ref"));
    }

    @Test
    void updateReplacesTheDefinitionAndRefusesAnotherRef() {
        service.create(draft("core.tick", "core.timer", Map.of(), "core.local"));

        Rule updated = service.update("core.tick", new RuleDraft(null, "changed", "core.timer", Map.of("delta", 5),
                Map.of(), "core.local", Map.of(), false));

        assertThat(updated.description()).isEqualTo("changed");
        assertThat(updated.enabled()).isFalse();
        assertThatThrownBy(() -> service.update("core.tick", draft("core.other", "core.timer", Map.of(), "core.local")))
                .isInstanceOf(UseCaseException.Invalid.class);
        assertThatThrownBy(() -> service.update("core.absent", draft("core.absent", "core.timer", Map.of(), "core.local")))
                .isInstanceOf(UseCaseException.NotFound.class);
    }

    @Test
    void enablesDisablesAndDeletes() {
        service.create(draft("core.tick", "core.timer", Map.of(), "core.local"));

        assertThat(service.setEnabled("core.tick", false).enabled()).isFalse();
        assertThat(service.setEnabled("core.tick", true).enabled()).isTrue();
        service.delete("core.tick");
        assertThatThrownBy(() -> service.delete("core.tick")).isInstanceOf(UseCaseException.NotFound.class);
    }
}
