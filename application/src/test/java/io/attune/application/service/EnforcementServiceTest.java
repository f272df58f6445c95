package io.attune.application.service;

import static io.attune.application.service.Fixtures.pack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attune.application.fake.FakeSecretCipher;
import io.attune.application.fake.InMemoryAdmissionLedger;
import io.attune.application.fake.InMemoryCatalog;
import io.attune.application.fake.InMemoryEnforcements;
import io.attune.application.fake.InMemoryEvents;
import io.attune.application.fake.InMemoryExecutions;
import io.attune.application.fake.InMemoryOutbox;
import io.attune.application.fake.InMemoryStore;
import io.attune.application.fake.InMemoryTransactionRunner;
import io.attune.application.fake.InMemoryWorkers;
import io.attune.application.fake.ProgrammableSchemaValidator;
import io.attune.application.fake.SimpleTemplateRenderer;
import io.attune.application.port.in.ExecutionQueries.ExecutionFilter;
import io.attune.application.port.in.PageRequest;
import io.attune.application.port.in.RuleEnforcement.RuleTest;
import io.attune.application.port.in.UseCaseException;
import io.attune.domain.fake.JdkRegexEngine;
import io.attune.domain.action.Action;
import io.attune.domain.action.OutputFormat;
import io.attune.domain.action.ParameterSchema;
import io.attune.domain.action.RunnerType;
import io.attune.domain.common.Ref;
import io.attune.domain.enforcement.Enforcement;
import io.attune.domain.event.Event;
import io.attune.domain.event.EventSource;
import io.attune.domain.execution.Execution;
import io.attune.domain.execution.ExecutionStatus;
import io.attune.domain.key.Key;
import io.attune.domain.key.KeyScope;
import io.attune.domain.pack.PackContent;
import io.attune.domain.rule.Rule;
import io.attune.domain.rule.criteria.Criteria;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The rules engine against in-memory storage: matching, rendering, one enforcement per (rule, event), dry runs. */
class EnforcementServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final InMemoryStore store = new InMemoryStore();
    private final InMemoryCatalog catalog = new InMemoryCatalog(store);
    private final InMemoryTransactionRunner tx = new InMemoryTransactionRunner(store);
    private final InMemoryExecutions executions = new InMemoryExecutions();
    private final InMemoryOutbox outbox = new InMemoryOutbox();
    private final InMemoryEvents events = new InMemoryEvents();
    private final InMemoryEnforcements enforcements = new InMemoryEnforcements();
    private final ProgrammableSchemaValidator schemas = new ProgrammableSchemaValidator();
    private final InMemoryAdmissionLedger ledger = new InMemoryAdmissionLedger();
    private final Dispatch dispatch = new Dispatch(executions, catalog, outbox, outbox, tx);
    private final FakeSecretCipher cipher = new FakeSecretCipher();
    private final ExecutionService executionService = new ExecutionService(catalog, catalog.policies(), executions,
            ledger, new InMemoryWorkers(), schemas, cipher, dispatch, Fixtures.ending(executions, ledger, dispatch, tx, clock), tx, clock, Fixtures.idempotency(tx, clock));
    private final EnforcementService service = new EnforcementService(events, catalog.rules(), catalog, schemas,
            enforcements, catalog, cipher, new SimpleTemplateRenderer(), new JdkRegexEngine(), executionService, dispatch, tx,
            clock);

    @BeforeEach
    void install() {
        Action page = new Action(Ref.parse("mon.page"), "", RunnerType.SHELL, Optional.of("page.sh"),
                new ParameterSchema(Map.of("host", Map.of("type", "string"), "severity", Map.of("type", "integer"),
                        "token", Map.of("type", "string", "secret", true))),
                OutputFormat.TEXT, Optional.empty(), true);
        catalog.replace(new PackContent(pack("mon"), List.of(page), List.of(Fixtures.trigger("mon.alert")), List.of(),
                List.of(), List.of()));
        catalog.rules().insert(rule("mon.on_alert", "mon.alert", Map.of("trigger.severity", Map.of("type", "gt", "pattern", 2)),
                Map.of("host", "{{ trigger.host }}", "severity", "{{ trigger.severity }}")));
    }

    private static Rule rule(String ref, String trigger, Map<String, Object> criteria, Map<String, Object> parameters) {
        return new Rule(Ref.parse(ref), "", Ref.parse(trigger), Map.of(), Criteria.fromMap(criteria),
                Ref.parse("mon.page"), parameters, true, Rule.Origin.API);
    }

    private long event(String trigger, Map<String, Object> payload, String source) {
        return events.insert(new Event(0, Ref.parse(trigger), payload, NOW, Optional.ofNullable(source))).id();
    }

    private List<Execution> allExecutions() {
        return executions.list(new ExecutionFilter(null, null, null, null, null, null), new PageRequest(100, 0)).items();
    }

    @Test
    void aMatchingEventBecomesOneEnforcementAndOneExecutionWithRenderedParameters() {
        long event = event("mon.alert", Map.of("host", "web-1", "severity", 3), "api");

        List<Enforcement> done = service.enforce(event);

        assertThat(done).hasSize(1);
        Enforcement enforcement = done.get(0);
        assertThat(enforcement.status()).isEqualTo(Enforcement.Status.SUCCEEDED);
        assertThat(enforcement.renderedParameters()).isEqualTo(Map.of("host", "web-1", "severity", 3));
        Execution execution = executions.find(enforcement.execution().orElseThrow()).orElseThrow();
        assertThat(execution.action()).isEqualTo(Ref.parse("mon.page"));
        assertThat(execution.parameters()).isEqualTo(Map.of("host", "web-1", "severity", 3));
        assertThat(execution.enforcement()).hasValue(enforcement.id());
        assertThat(execution.status()).isEqualTo(ExecutionStatus.SCHEDULED);
        assertThat(enforcements.find(enforcement.id())).contains(enforcement);
        assertThat(outbox.published()).anyMatch(m -> m.routingKey().equals("execution.dispatch.shell"));
    }

    @Test
    void aRedeliveredEventEnforcesNothingTwice() {
        long event = event("mon.alert", Map.of("host", "web-1", "severity", 3), "api");

        service.enforce(event);
        List<Enforcement> again = service.enforce(event);

        assertThat(again).isEmpty();
        assertThat(enforcements.all()).hasSize(1);
        assertThat(allExecutions()).hasSize(1);
    }

    @Test
    void anEventTheCriteriaRefuseOrADisabledRuleMakeNothing() {
        long low = event("mon.alert", Map.of("host", "web-1", "severity", 1), "api");
        assertThat(service.enforce(low)).isEmpty();

        catalog.rules().update(catalog.rules().find(Ref.parse("mon.on_alert")).orElseThrow().withEnabled(false));
        long high = event("mon.alert", Map.of("host", "web-1", "severity", 5), "api");
        assertThat(service.enforce(high)).isEmpty();
        assertThat(enforcements.all()).isEmpty();
        assertThat(allExecutions()).isEmpty();
    }

    @Test
    void aTemplateThatFailsRecordsAFailedEnforcementAndNoExecution() {
        long event = event("mon.alert", Map.of("severity", 3), "api"); // no host

        Enforcement enforcement = service.enforce(event).get(0);

        assertThat(enforcement.status()).isEqualTo(Enforcement.Status.FAILED);
        assertThat(enforcement.failure()).hasValueSatisfying(f -> assertThat(f).contains("parameters.host").contains("trigger.host"));
        assertThat(enforcement.execution()).isEmpty();
        assertThat(allExecutions()).isEmpty();
    }

    @Test
    void parametersTheActionRefusesRecordAFailedEnforcementWithTheField() {
        catalog.rules().delete(Ref.parse("mon.on_alert"));
        catalog.rules().insert(rule("mon.loose", "mon.alert", Map.of(), Map.of("severity", "{{ trigger.severity }}")));
        long event = event("mon.alert", Map.of("host", "web-1", "severity", "high"), "api");

        Enforcement enforcement = service.enforce(event).get(0);

        assertThat(enforcement.status()).isEqualTo(Enforcement.Status.FAILED);
        assertThat(enforcement.failure()).hasValueSatisfying(f -> assertThat(f).contains("parameters.severity"));
        assertThat(allExecutions()).isEmpty();
    }

    @Test
    void timerEventsAreEnforcedOnlyByTheRuleThatDeclaredTheTimer() {
        catalog.rules().insert(new Rule(Ref.parse("mon.every_minute"), "", Ref.parse("core.intervaltimer"),
                Map.of("unit", "minutes", "delta", 1), Criteria.none(), Ref.parse("mon.page"), Map.of(), true, Rule.Origin.API));
        catalog.rules().insert(new Rule(Ref.parse("mon.every_hour"), "", Ref.parse("core.intervaltimer"),
                Map.of("unit", "hours", "delta", 1), Criteria.none(), Ref.parse("mon.page"), Map.of(), true, Rule.Origin.API));

        long tick = event("core.intervaltimer", Map.of("executed_at", NOW.toString()),
                EventSource.timer(Ref.parse("mon.every_hour")));

        assertThat(service.enforce(tick)).extracting(Enforcement::rule).containsExactly(Ref.parse("mon.every_hour"));
    }

    @Test
    void webhookEventsAreEnforcedByTheRulesOnTheirUrl() {
        for (String[] r : new String[][] {{"mon.deploys_a", "deploys"}, {"mon.deploys_b", "deploys"}, {"mon.other", "other"}}) {
            catalog.rules().insert(new Rule(Ref.parse(r[0]), "", Ref.parse("core.webhook"), Map.of("url", r[1]),
                    Criteria.none(), Ref.parse("mon.page"), Map.of("host", "{{ trigger.body.host }}"), true, Rule.Origin.API));
        }
        long hook = event("core.webhook", Map.of("body", Map.of("host", "h"), "headers", Map.of()),
                EventSource.webhook("deploys"));

        assertThat(service.enforce(hook)).extracting(Enforcement::rule)
                .containsExactlyInAnyOrder(Ref.parse("mon.deploys_a"), Ref.parse("mon.deploys_b"));
    }

    @Test
    void keysAreReadByTemplatesThePacksKeyBeforeTheSystemOneAndSecretsAreMaskedInTheEnforcement() {
        catalog.put(new Key("token", new KeyScope.System(), cipher.seal("system-token"), true, Optional.empty()));
        catalog.put(new Key("token", new KeyScope.Pack("mon"), cipher.seal("pack-token"), true, Optional.empty()));
        catalog.put(new Key("region", new KeyScope.System(), "eu-west", false, Optional.empty()));
        catalog.rules().insert(rule("mon.with_keys", "mon.alert", Map.of(),
                Map.of("host", "{{ keys.region }}", "token", "{{ keys.token }}")));
        long event = event("mon.alert", Map.of("host", "web-1", "severity", 0), "api");

        Enforcement enforcement = service.enforce(event).get(0);

        Execution execution = executions.find(enforcement.execution().orElseThrow()).orElseThrow();
        assertThat(execution.parameters()).containsEntry("host", "eu-west");
        assertThat(execution.parameters().get("token")).asString().startsWith("v1:").doesNotContain("pack-token");
        assertThat(cipher.open((String) execution.parameters().get("token"))).isEqualTo("s:pack-token");
        assertThat(enforcement.renderedParameters()).containsEntry("token", "********");
    }

    @Test
    void aSecretKeyRenderedIntoAParameterTheActionDoesNotDeclareSecretFailsTheEnforcementWithoutTheValue() {
        catalog.put(new Key("token", new KeyScope.System(), cipher.seal("hunter2-secret"), true, Optional.empty()));
        catalog.rules().insert(rule("mon.leaky", "mon.alert", Map.of(),
                Map.of("host", "{{ keys.token }}")));
        long event = event("mon.alert", Map.of("host", "web-1", "severity", 0), "api");

        Enforcement enforcement = service.enforce(event).get(0);

        assertThat(enforcement.status()).isEqualTo(Enforcement.Status.FAILED);
        assertThat(enforcement.failure()).hasValueSatisfying(why -> assertThat(why)
                .contains("parameter 'host'", "secret key 'token'", "does not declare it secret")
                .doesNotContain("hunter2"));
        assertThat(enforcement.renderedParameters()).containsEntry("host", "********");
        assertThat(enforcement.renderedParameters().toString()).doesNotContain("hunter2");
        assertThat(allExecutions()).isEmpty();
    }

    @Test
    void aSecretKeySealedWithAnotherEncryptionKeyFailsTheEnforcementNamingTheKey() {
        catalog.put(new Key("token", new KeyScope.System(), new FakeSecretCipher("0badc0de").seal("hunter2-secret"),
                true, Optional.empty()));
        catalog.rules().insert(rule("mon.rotated", "mon.alert", Map.of(), Map.of("token", "{{ keys.token }}")));
        long event = event("mon.alert", Map.of("host", "web-1", "severity", 0), "api");

        Enforcement enforcement = service.enforce(event).get(0);

        assertThat(enforcement.status()).isEqualTo(Enforcement.Status.FAILED);
        assertThat(enforcement.failure()).hasValueSatisfying(why -> assertThat(why)
                .contains("secret key 'token'", "another encryption key", "0badc0de").doesNotContain("hunter2"));
        assertThat(allExecutions()).isEmpty();
    }

    @Test
    void aFailureMessageNeverRepeatsASecretValue() {
        catalog.put(new Key("token", new KeyScope.System(), cipher.seal("hunter2-secret"), true, Optional.empty()));
        // the action's schema refuses a string for severity, and the message of the refusal would hold the value, as
        // the template made it (here upper-cased, which masking the exact value would miss)
        schemas.refuseWith("parameters.severity", "'HUNTER2-SECRET' is not an integer");
        catalog.rules().insert(rule("mon.refused", "mon.alert", Map.of(), Map.of("token", "{{ keys.token }}")));
        long event = event("mon.alert", Map.of("host", "web-1", "severity", 0), "api");

        Enforcement enforcement = service.enforce(event).get(0);

        assertThat(enforcement.status()).isEqualTo(Enforcement.Status.FAILED);
        assertThat(enforcement.failure()).hasValueSatisfying(why -> assertThat(why)
                .contains("'parameters.severity'", "withheld").doesNotContainIgnoringCase("hunter2"));
    }

    @Test
    void aDryRunNeverDecryptsASecretKey() {
        catalog.put(new Key("token", new KeyScope.System(), cipher.seal("hunter2-secret"), true, Optional.empty()));
        catalog.rules().insert(rule("mon.dry", "mon.alert", Map.of(), Map.of("token", "{{ keys.token }}",
                "host", "{{ trigger.host }}")));

        RuleTest test = service.test("mon.dry", Map.of("host", "web-1", "severity", 0));

        assertThat(test.parameters()).hasValueSatisfying(p -> assertThat(p)
                .containsEntry("token", "********").containsEntry("host", "web-1"));
    }

    @Test
    void aDryRunSaysWhichCriterionFailedAndWhatItWouldRenderWritingNothing() {
        RuleTest miss = service.test("mon.on_alert", Map.of("host", "web-1", "severity", 1));
        RuleTest hit = service.test("mon.on_alert", Map.of("host", "web-2", "severity", 4));
        RuleTest broken = service.test("mon.on_alert", Map.of("severity", 4));

        assertThat(miss.matched()).isFalse();
        assertThat(miss.failedCriterion()).hasValueSatisfying(c -> {
            assertThat(c.path()).isEqualTo("trigger.severity");
            assertThat(c.operator()).isEqualTo("greaterthan");
        });
        assertThat(hit.matched()).isTrue();
        assertThat(hit.failedCriterion()).isEmpty();
        assertThat(hit.parameters()).contains(Map.of("host", "web-2", "severity", 4));
        assertThat(hit.parameterErrors()).isEmpty();
        assertThat(broken.renderError()).hasValueSatisfying(e -> assertThat(e.field()).isEqualTo("parameters.host"));
        assertThat(enforcements.all()).isEmpty();
        assertThat(allExecutions()).isEmpty();
        assertThat(events.all()).isEmpty();
        assertThatThrownBy(() -> service.test("mon.ghost", Map.of())).isInstanceOf(UseCaseException.NotFound.class);
    }
}
