package io.attune.adapters.expressions.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.attune.adapters.expressions.schema.NetworkntSchemaValidator;
import io.attune.adapters.expressions.workflow.OrquestaWorkflowReader;
import io.attune.application.port.in.FieldError;
import io.attune.application.port.in.UseCaseException;
import io.attune.domain.action.Action;
import io.attune.domain.action.RunnerType;
import io.attune.domain.fake.FakeExpressions;
import io.attune.domain.common.Ref;
import io.attune.domain.pack.PackContent;
import io.attune.domain.policy.Policy;
import io.attune.domain.rule.Rule;
import io.attune.domain.sensor.Sensor;
import io.attune.domain.trigger.Trigger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The packs in the repository (the core pack in bootstrap's jar, the examples) are valid and say what they should. */
class ShippedPacksTest {

    private static final Path CORE = Path.of("../bootstrap/src/main/resources/packs/core");
    private static final Path EXAMPLES = Path.of("../packs/examples");

    private final NetworkntSchemaValidator schemas = new NetworkntSchemaValidator();
    private final YamlPackReader reader = new YamlPackReader(schemas, new OrquestaWorkflowReader(new FakeExpressions()));

    @Test
    void theCorePackIsValid() {
        PackContent core = read(CORE);

        assertThat(core.pack().ref()).isEqualTo("core");
        assertThat(core.pack().version()).isEqualTo("1.0.0");
        assertThat(core.actions()).extracting(a -> a.ref().toString()).containsExactlyInAnyOrder(
                "core.noop", "core.echo", "core.local", "core.local_script", "core.http", "core.sleep", "core.ask");
        assertThat(core.triggers()).extracting(t -> t.ref().toString()).containsExactlyInAnyOrder(
                "core.intervaltimer", "core.crontimer", "core.datetimer", "core.webhook", "core.inquiry");
    }

    @Test
    void theCoreActionsRunAsDesigned() {
        Map<String, Action> actions = byName(read(CORE).actions());

        assertThat(actions.get("noop").runner()).isEqualTo(RunnerType.INTERNAL);
        assertThat(actions.get("noop").parameters().names()).isEmpty();
        assertThat(actions.get("echo").parameters().requiredNames()).containsExactly("message");
        assertThat(actions.get("local").entryPoint()).isEmpty();
        assertThat(actions.get("local").timeoutSeconds()).contains(60);
        assertThat(actions.get("local").parameters().requiredNames()).containsExactly("cmd");
        assertThat(actions.get("local_script").entryPoint()).contains("local_script.sh");
        assertThat(actions.get("http").runner()).isEqualTo(RunnerType.HTTP);
        // core.ask takes StackStorm's parameters, with its defaults: continue the workflow?, a day to answer
        assertThat(actions.get("ask").runner()).isEqualTo(RunnerType.INQUIRER);
        assertThat(actions.get("ask").parameters().withDefaults(Map.of())).containsEntry("route", "")
                .containsEntry("users", java.util.List.of()).containsEntry("roles", java.util.List.of())
                .containsEntry("ttl", 1440).containsKey("schema");
        assertThat(actions.get("http").parameters().withDefaults(Map.of("url", "https://example.com")))
                .containsEntry("method", "GET").containsEntry("verify_ssl", true);
        assertThat(actions.get("sleep").parameters().withDefaults(Map.of())).containsEntry("seconds", 1);
    }

    @Test
    void theCoreScriptsAreExecutable() {
        assertThat(CORE.resolve("actions/local_script.sh")).isExecutable();
        assertThat(CORE.resolve("actions/sleep.sh")).isExecutable();
    }

    @Test
    void theTimerAndWebhookTriggersCheckTheParametersRulesGiveThem() {
        Map<String, Trigger> triggers = byRef(read(CORE).triggers());

        assertThat(schemas.validate(triggers.get("intervaltimer").parametersSchema(),
                Map.of("unit", "seconds", "delta", 10), "trigger.parameters")).isEmpty();
        assertThat(schemas.validate(triggers.get("intervaltimer").parametersSchema(),
                Map.of("unit", "fortnights", "delta", 0), "trigger.parameters")).hasSize(2);
        assertThat(schemas.validate(triggers.get("crontimer").parametersSchema(),
                Map.of("minute", "*/5", "hour", 3, "timezone", "Europe/Paris"), "trigger.parameters")).isEmpty();
        assertThat(schemas.validate(triggers.get("crontimer").parametersSchema(),
                Map.of("expression", "0 */5 * * * *"), "trigger.parameters")).isEmpty();
        assertThat(schemas.validate(triggers.get("crontimer").parametersSchema(),
                Map.of("expression", "0 */5 * * * *", "minute", 5), "trigger.parameters")).isNotEmpty();
        assertThat(schemas.validate(triggers.get("crontimer").parametersSchema(),
                Map.of("timezone", "UTC"), "trigger.parameters")).isNotEmpty();
        assertThat(schemas.validate(triggers.get("datetimer").parametersSchema(),
                Map.of("date", "2030-01-31 09:00:00"), "trigger.parameters")).isEmpty();
        assertThat(schemas.validate(triggers.get("webhook").parametersSchema(),
                Map.of("url", "github/push", "hmac_secret_key", "github_secret"), "trigger.parameters")).isEmpty();
        assertThat(schemas.validate(triggers.get("webhook").parametersSchema(),
                Map.of("url", "../admin"), "trigger.parameters"))
                .singleElement().satisfies(e -> assertThat(e.field()).isEqualTo("trigger.parameters.url"));
    }

    @Test
    void theExamplesPackIsValid() {
        PackContent examples = read(EXAMPLES);

        assertThat(examples.pack().ref()).isEqualTo("examples");
        assertThat(examples.actions()).extracting(a -> a.ref().toString())
                .containsExactlyInAnyOrder("examples.greet", "examples.hello_py", "examples.sequence", "examples.parallel",
                        "examples.each_host", "examples.flaky_retry", "examples.parent", "examples.approve_deploy");
        assertThat(examples.rules()).extracting(r -> r.ref().toString()).containsExactlyInAnyOrder(
                "examples.on_critical_alert", "examples.on_deploy_webhook", "examples.every_30s");
        Rule rule = examples.rules().stream().filter(r -> r.ref().name().equals("on_critical_alert")).findFirst().orElseThrow();
        assertThat(rule.origin()).isEqualTo(Rule.Origin.PACK);
        assertThat(rule.actionParameters()).containsEntry("name", "{{ trigger.host }}");
        Policy policy = examples.policies().getFirst();
        assertThat(policy.target()).isEqualTo(new Policy.ActionTarget(Ref.parse("examples.greet")));
        assertThat(policy.concurrency().orElseThrow().limit()).isEqualTo(2);
        Sensor sensor = examples.sensors().getFirst();
        assertThat(sensor.enabled()).isFalse();
        assertThat(sensor.triggers()).containsExactly(Ref.parse("examples.alert"));
    }

    @Test
    void theExampleScriptsAreExecutable() throws Exception {
        try (Stream<Path> files = Files.walk(EXAMPLES)) {
            List<Path> scripts = files.filter(p -> p.toString().endsWith(".sh") || p.toString().endsWith(".py")).toList();
            assertThat(scripts).hasSize(3).allSatisfy(script -> assertThat(script).isExecutable());
        }
    }

    @Test
    void readingTwiceGivesTheSameContent() {
        assertThatCode(() -> assertThat(read(EXAMPLES)).isEqualTo(read(EXAMPLES))).doesNotThrowAnyException();
    }

    /** Reads a pack, failing with every problem listed (PackRejected's message only counts them). */
    private PackContent read(Path directory) {
        try {
            return reader.read(directory);
        } catch (UseCaseException.PackRejected e) {
            throw new AssertionError(e.getMessage() + ":\n" + String.join("\n",
                    e.errors().stream().map(FieldError::toString).toList()), e);
        }
    }

    private static Map<String, Action> byName(List<Action> actions) {
        return actions.stream().collect(java.util.stream.Collectors.toMap(a -> a.ref().name(), a -> a));
    }

    private static Map<String, Trigger> byRef(List<Trigger> triggers) {
        return triggers.stream().collect(java.util.stream.Collectors.toMap(t -> t.ref().name(), t -> t));
    }
}
