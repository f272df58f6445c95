package io.attune.application.service;

import static io.attune.application.service.Fixtures.action;
import static io.attune.application.service.Fixtures.limit;
import static io.attune.application.service.Fixtures.pack;
import static io.attune.application.service.Fixtures.rule;
import static io.attune.application.service.Fixtures.timer;
import static io.attune.application.service.Fixtures.trigger;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attune.application.fake.InMemoryCatalog;
import io.attune.application.fake.InMemoryStore;
import io.attune.application.fake.InMemoryTransactionRunner;
import io.attune.application.fake.ProgrammableSchemaValidator;
import io.attune.application.port.in.FieldError;
import io.attune.application.port.in.PackInstallation.InstallPack;
import io.attune.application.port.in.PageRequest;
import io.attune.application.port.in.UseCaseException;
import io.attune.domain.common.Ref;
import io.attune.domain.pack.PackContent;
import io.attune.domain.rule.Rule;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PackInstallationServiceTest {

    private final InMemoryStore store = new InMemoryStore();
    private final InMemoryCatalog catalog = new InMemoryCatalog(store);
    private final Map<Path, PackContent> disk = new HashMap<>();
    private final PackInstallationService service = new PackInstallationService(
            dir -> Optional.ofNullable(disk.get(dir)).orElseThrow(() -> new IllegalStateException("no pack at " + dir)),
            new ProgrammableSchemaValidator(), catalog, catalog, catalog.triggers(), new InMemoryTransactionRunner(store));

    private InstallPack at(String dir, PackContent content) {
        disk.put(Path.of(dir), content);
        return new InstallPack(Path.of(dir));
    }

    @Test
    void installsEveryComponentOfAPack() {
        var report = service.install(at("/p/demo", new PackContent(pack("demo"), List.of(action("demo.greet")),
                List.of(trigger("demo.alert")), List.of(), List.of(rule("demo.on_alert", "demo.alert", "demo.greet", Rule.Origin.PACK)),
                List.of(limit("demo.greet_limit", "demo.greet", 2)))));

        assertThat(report.actions()).isEqualTo(1);
        assertThat(report.rules()).isEqualTo(1);
        assertThat(report.retired()).isEmpty();
        assertThat(catalog.find(Ref.parse("demo.greet"))).isPresent();
        assertThat(catalog.policies().applicableTo(Ref.parse("demo.greet"))).hasSize(1);
    }

    @Test
    void reinstallRetiresWhatThePackNoLongerHasButKeepsRulesMadeThroughTheApi() {
        service.install(at("/p/demo", new PackContent(pack("demo"), List.of(action("demo.greet"), action("demo.old")),
                List.of(trigger("demo.alert")), List.of(), List.of(rule("demo.on_alert", "demo.alert", "demo.old", Rule.Origin.PACK)),
                List.of())));
        catalog.rules().insert(rule("demo.by_api", "demo.alert", "demo.greet", Rule.Origin.API));

        var report = service.install(at("/p/demo2", new PackContent(pack("demo"), List.of(action("demo.greet")),
                List.of(trigger("demo.alert")), List.of(), List.of(), List.of())));

        assertThat(report.retired()).containsExactly("demo.old", "demo.on_alert");
        assertThat(catalog.find(Ref.parse("demo.old"))).isEmpty();
        assertThat(catalog.rules().find(Ref.parse("demo.by_api"))).isPresent();
    }

    @Test
    void refusesARuleNamingAnUnknownActionNamingFileAndFieldAndWritesNothing() {
        PackContent content = new PackContent(pack("demo"), List.of(action("demo.greet")), List.of(trigger("demo.alert")),
                List.of(), List.of(rule("demo.on_alert", "demo.alert", "other.missing", Rule.Origin.PACK)), List.of())
                .withFiles(Map.of("demo.on_alert", "rules/on_alert.yml"));

        assertThatThrownBy(() -> service.install(at("/p/demo", content)))
                .isInstanceOfSatisfying(UseCaseException.PackRejected.class, e -> assertThat(e.errors())
                        .containsExactly(FieldError.inFile("rules/on_alert.yml", "action", "action 'other.missing' does not exist")));
        assertThat(catalog.list(PageRequest.defaults()).total()).isZero();
    }

    @Test
    void aRuleMayUseTheActionAndTriggerOfAnotherInstalledPack() {
        service.install(at("/p/base", new PackContent(pack("base"), List.of(action("base.run")), List.of(trigger("base.tick")),
                List.of(), List.of(), List.of())));

        var report = service.install(at("/p/user", new PackContent(pack("user"), List.of(), List.of(), List.of(),
                List.of(rule("user.on_tick", "base.tick", "base.run", Rule.Origin.PACK)), List.of())));

        assertThat(report.rules()).isEqualTo(1);
    }

    @Test
    void refusesTriggerParametersThatBreakTheTriggersSchema() {
        service.install(at("/p/core", new PackContent(pack("core"), List.of(action("core.noop")), List.of(timer("core.timer")),
                List.of(), List.of(), List.of())));
        Rule badTimer = new Rule(Ref.parse("user.tick"), "", Ref.parse("core.timer"), Map.of("delta", "ten"),
                null, Ref.parse("core.noop"), Map.of(), true, Rule.Origin.PACK);

        assertThatThrownBy(() -> service.install(at("/p/user", new PackContent(pack("user"), List.of(), List.of(), List.of(),
                List.of(badTimer), List.of()))))
                .isInstanceOfSatisfying(UseCaseException.PackRejected.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("trigger.parameters.delta"));
        assertThat(catalog.find("user")).isEmpty();
    }

    @Test
    void refusesAPolicyForAnActionThatDoesNotExist() {
        assertThatThrownBy(() -> service.install(at("/p/demo", new PackContent(pack("demo"), List.of(), List.of(),
                List.of(), List.of(), List.of(limit("demo.limit", "demo.ghost", 1))))))
                .isInstanceOfSatisfying(UseCaseException.PackRejected.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field, FieldError::file)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple("action", Optional.of("policies/limit.yaml"))));
    }

    @Test
    void aReinstallNamesTheVersionItReplacedAndAnUninstallReturnsThePackItRemoved() {
        PackContent first = new PackContent(pack("demo"), List.of(action("demo.greet")), List.of(), List.of(),
                List.of(), List.of());

        assertThat(service.install(at("/p/demo-1", first)).replaced()).isEmpty();
        var second = service.install(at("/p/demo-2", first));

        assertThat(second.replaced()).contains(first.pack());
        assertThat(service.uninstall("demo")).isEqualTo(first.pack());
    }

    @Test
    void uninstallRemovesThePackAndItsComponents() {
        service.install(at("/p/demo", new PackContent(pack("demo"), List.of(action("demo.greet")), List.of(), List.of(),
                List.of(), List.of())));

        service.uninstall("demo");

        assertThat(catalog.find("demo")).isEmpty();
        assertThat(catalog.find(Ref.parse("demo.greet"))).isEmpty();
        assertThatThrownBy(() -> service.uninstall("demo")).isInstanceOf(UseCaseException.NotFound.class);
    }
}
