package io.attune.adapters.expressions.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.attune.adapters.expressions.schema.NetworkntSchemaValidator;
import io.attune.adapters.expressions.workflow.OrquestaWorkflowReader;
import io.attune.application.port.in.FieldError;
import io.attune.application.port.in.UseCaseException;
import io.attune.domain.action.Action;
import io.attune.domain.action.OutputFormat;
import io.attune.domain.action.RunnerType;
import io.attune.domain.fake.FakeExpressions;
import io.attune.domain.common.Ref;
import io.attune.domain.pack.PackContent;
import io.attune.domain.pack.PackWarning;
import io.attune.domain.policy.Policy;
import io.attune.domain.rule.Rule;
import io.attune.domain.rule.criteria.CriteriaOperator;
import io.attune.domain.sensor.Sensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YamlPackReaderTest {

    private static final YamlPackReader READER = new YamlPackReader(new NetworkntSchemaValidator(),
            new OrquestaWorkflowReader(new FakeExpressions()));

    @TempDir
    Path dir;

    private PackFixture pack() {
        return PackFixture.in(dir);
    }

    private static List<FieldError> problems(PackFixture pack) {
        Throwable thrown = catchThrowable(() -> READER.read(pack.dir()));
        assertThat(thrown).isInstanceOf(UseCaseException.PackRejected.class);
        return ((UseCaseException.PackRejected) thrown).errors();
    }

    /** Asserts the pack has exactly one problem, in {@code file} at {@code field}, whose message contains {@code text}. */
    private static FieldError onlyProblem(PackFixture pack, String file, String field, String text) {
        List<FieldError> errors = problems(pack);
        assertThat(errors).as("problems").hasSize(1);
        FieldError error = errors.getFirst();
        assertThat(error.file()).as("file of " + error).contains(file);
        assertThat(error.field()).as("field of " + error).isEqualTo(field);
        assertThat(error.message()).as("message of " + error).contains(text);
        return error;
    }

    private static void hasProblem(List<FieldError> errors, String file, String field, String text) {
        assertThat(errors).as("problems").anySatisfy(error -> {
            assertThat(error.file()).contains(file);
            assertThat(error.field()).isEqualTo(field);
            assertThat(error.message()).contains(text);
        });
    }

    @Nested
    class AGoodPack {

        @Test
        void readsEveryKindOfComponent() {
            pack().greetAction().alertTrigger()
                    .script("sensors/watch.py")
                    .file("sensors/watch.yaml", """
                            ref: mypack.watch
                            runner: python
                            entry_point: watch.py
                            triggers: [mypack.alert]
                            poll_interval: 10
                            config: {path: /tmp/x}
                            enabled: false
                            """)
                    .file("rules/on_alert.yaml", """
                            ref: mypack.on_alert
                            description: greet the host
                            trigger: {type: mypack.alert}
                            criteria:
                              trigger.severity: {type: equals, pattern: critical}
                            action:
                              ref: mypack.greet
                              parameters: {name: "{{ trigger.host }}"}
                            """)
                    .file("policies/greet_limit.yaml", """
                            ref: mypack.greet_limit
                            action: mypack.greet
                            concurrency: {limit: 2, behavior: delay, attributes: [name]}
                            rate_limit: {max: 100, window_seconds: 60, behavior: reject}
                            """)
                    .file("policies/pack_limit.yml", """
                            ref: mypack.pack_limit
                            pack: mypack
                            concurrency: {limit: 5}
                            """)
                    .file("policies/global_rate.yaml", """
                            ref: mypack.global_rate
                            global: true
                            rate_limit: {max: 10, window_seconds: 1}
                            """);

            PackContent content = READER.read(dir);

            assertThat(content.pack().ref()).isEqualTo("mypack");
            assertThat(content.pack().label()).isEqualTo("My pack");
            assertThat(content.pack().version()).isEqualTo("1.0.0");
            Action greet = content.actions().getFirst();
            assertThat(greet.ref()).isEqualTo(Ref.parse("mypack.greet"));
            assertThat(greet.runner()).isEqualTo(RunnerType.SHELL);
            assertThat(greet.entryPoint()).contains("greet.sh");
            assertThat(greet.parameters().requiredNames()).containsExactly("name");
            assertThat(greet.parameters().parameters().get("times")).containsEntry("default", 1);
            assertThat(greet.outputFormat()).isEqualTo(OutputFormat.TEXT);
            assertThat(greet.enabled()).isTrue();
            assertThat(content.triggers().getFirst().payloadSchema()).containsKey("properties");
            Sensor watch = content.sensors().getFirst();
            assertThat(watch.triggers()).containsExactly(Ref.parse("mypack.alert"));
            assertThat(watch.config()).containsEntry("path", "/tmp/x").containsEntry("poll_interval", 10);
            assertThat(watch.enabled()).isFalse();
            Rule rule = content.rules().getFirst();
            assertThat(rule.origin()).isEqualTo(Rule.Origin.PACK);
            assertThat(rule.trigger()).isEqualTo(Ref.parse("mypack.alert"));
            assertThat(rule.action()).isEqualTo(Ref.parse("mypack.greet"));
            assertThat(rule.actionParameters()).containsEntry("name", "{{ trigger.host }}");
            assertThat(rule.criteria().criteria().getFirst().operator()).isEqualTo(CriteriaOperator.EQUALS);
            assertThat(content.policies()).extracting(Policy::target).containsExactlyInAnyOrder(
                    new Policy.ActionTarget(Ref.parse("mypack.greet")), new Policy.PackTarget("mypack"),
                    new Policy.GlobalTarget());
            Policy limit = content.policies().stream().filter(p -> p.ref().name().equals("greet_limit")).findFirst().orElseThrow();
            assertThat(limit.concurrency().orElseThrow().attributes()).containsExactly("name");
            assertThat(limit.rateLimit().orElseThrow().behavior()).isEqualTo(Policy.RateBehavior.REJECT);
            assertThat(content.pack().warnings()).as("every key of a good pack is used").isEmpty();
        }

        @Test
        void takesTheRefFromNameAndThePackLikeStackStorm() {
            pack().script("actions/greet.sh").file("actions/greet.yaml", """
                    name: greet
                    pack: mypack
                    runner_type: local-shell-script
                    entry_point: greet.sh
                    """);

            Action action = READER.read(dir).actions().getFirst();

            assertThat(action.ref()).isEqualTo(Ref.parse("mypack.greet"));
            assertThat(action.runner()).isEqualTo(RunnerType.SHELL);
        }

        @Test
        void acceptsStackStormRunnerNames() {
            pack().script("actions/a.py").file("actions/a.yaml", """
                    name: a
                    runner_type: python-script
                    entry_point: a.py
                    """).file("actions/b.yaml", """
                    name: b
                    runner_type: local-shell-cmd
                    parameters:
                      cmd: {type: string, immutable: true, default: "uptime"}
                    """).file("actions/c.yaml", """
                    name: c
                    runner_type: http-request
                    """);

            assertThat(READER.read(dir).actions()).extracting(Action::runner)
                    .containsExactly(RunnerType.PYTHON, RunnerType.SHELL, RunnerType.HTTP);
        }

        @Test
        void acceptsParametersWrittenAsOneObjectSchema() {
            pack().file("actions/call.yaml", """
                    name: call
                    runner: http
                    parameters:
                      type: object
                      properties:
                        url: {type: string}
                        retries: {type: integer, default: 0}
                      required: [url]
                      additionalProperties: false
                    """);

            Action action = READER.read(dir).actions().getFirst();

            assertThat(action.parameters().names()).containsExactly("url", "retries");
            assertThat(action.parameters().requiredNames()).containsExactly("url");
        }

        @Test
        void acceptsStackStormConcurrencyPolicies() {
            pack().greetAction().file("policies/greet.yaml", """
                    name: greet_by_name
                    resource_ref: mypack.greet
                    policy_type: action.concurrency.attr
                    parameters: {threshold: 1, action: cancel, attributes: [name]}
                    """);

            Policy policy = READER.read(dir).policies().getFirst();

            assertThat(policy.target()).isEqualTo(new Policy.ActionTarget(Ref.parse("mypack.greet")));
            assertThat(policy.concurrency().orElseThrow())
                    .isEqualTo(new Policy.Concurrency(1, Policy.ConcurrencyBehavior.CANCEL, List.of("name")));
        }

        @Test
        void keepsUnquotedDatesAsText() {
            pack().greetAction().file("rules/once.yaml", """
                    ref: mypack.once
                    trigger:
                      type: core.datetimer
                      parameters: {date: 2030-01-31 09:00:00}
                    action: {ref: mypack.greet, parameters: {name: new year}}
                    """);

            Rule rule = READER.read(dir).rules().getFirst();

            assertThat(rule.triggerParameters().get("date")).isEqualTo("2030-01-31 09:00:00");
        }

        @Test
        void leavesRefsIntoOtherPacksToTheInstaller() {
            pack().file("rules/tick.yaml", """
                    ref: mypack.tick
                    trigger: {type: core.intervaltimer, parameters: {unit: seconds, delta: 10}}
                    action: {ref: core.echo, parameters: {message: tick}}
                    """).file("policies/echo.yaml", """
                    ref: mypack.echo_limit
                    action: core.echo
                    concurrency: {limit: 1}
                    """);

            PackContent content = READER.read(dir);

            assertThat(content.rules()).hasSize(1);
            assertThat(content.policies()).hasSize(1);
        }

        @Test
        void readsTheTaskGraphOfAWorkflowKeptBesideTheActionsAsTheWorkflowNotAsAnAction() {
            pack().file("actions/deploy.yaml", """
                    ref: mypack.deploy
                    runner: workflow
                    entry_point: deploy_graph.yaml
                    """).file("actions/deploy_graph.yaml", """
                    version: 1.0
                    tasks: {build: {action: core.noop}}
                    """);

            PackContent content = READER.read(dir);

            assertThat(content.actions()).extracting(a -> a.ref().name()).containsExactly("deploy");
            assertThat(content.workflowOf(Ref.parse("mypack.deploy")))
                    .hasValueSatisfying(w -> assertThat(w.file()).isEqualTo("actions/deploy_graph.yaml"));
        }

        @Test
        void ignoresKeysItDoesNotKnow() {
            pack().script("actions/greet.sh").file("actions/greet.yaml", """
                    ref: mypack.greet
                    runner: shell
                    entry_point: greet.sh
                    tags: [demo]
                    notify: {on-complete: {routes: [slack]}}
                    """);

            assertThat(READER.read(dir).actions()).hasSize(1);
        }
    }

    @Nested
    class UnusedKeysAreWarnings {

        @Test
        void namesFileAndKeyAndSaysWhetherUnknownOrStackStormOnly() {
            PackFixture pack = pack().file("pack.yaml", "ref: mypack\nversion: 1.0.0\nauthor: ada\nmaintainer: bob\n")
                    .script("actions/greet.sh").file("actions/greet.yaml", """
                            ref: mypack.greet
                            runner: shell
                            entry_point: greet.sh
                            tags: [demo]
                            retry: {count: 2, jitter: true}
                            retries: 2
                            """)
                    .file("policies/p.yaml", "ref: mypack.p\naction: mypack.greet\nconcurrency: {limit: 1, max_queu: 5}\n");

            List<PackWarning> warnings = READER.read(pack.dir()).pack().warnings();

            assertThat(warnings).containsExactlyInAnyOrder(
                    new PackWarning("pack.yaml", "author", UnusedKeys.STACKSTORM_ONLY),
                    new PackWarning("pack.yaml", "maintainer", UnusedKeys.UNKNOWN),
                    new PackWarning("actions/greet.yaml", "tags", UnusedKeys.STACKSTORM_ONLY),
                    new PackWarning("actions/greet.yaml", "retry.jitter", UnusedKeys.UNKNOWN),
                    new PackWarning("actions/greet.yaml", "retries", UnusedKeys.UNKNOWN),
                    new PackWarning("policies/p.yaml", "concurrency.max_queu", UnusedKeys.UNKNOWN));
            assertThat(UnusedKeys.STACKSTORM_ONLY).startsWith("ignored: StackStorm-only");
        }
    }

    @Nested
    class PackYaml {

        @Test
        void namesAMissingPackYaml() {
            onlyProblem(pack().delete("pack.yaml"), "pack.yaml", "(file)", "is missing");
        }

        @Test
        void namesAnInvalidVersion() {
            onlyProblem(pack().file("pack.yaml", "ref: mypack\nversion: one\n"), "pack.yaml", "version",
                    "semantic versioning");
        }

        @Test
        void explainsAnUnquotedNumericVersion() {
            onlyProblem(pack().file("pack.yaml", "ref: mypack\nversion: 1.0\n"), "pack.yaml", "version",
                    "must be a string, got a number (1.0); put it in quotes");
        }

        @Test
        void namesAnInvalidPackRef() {
            onlyProblem(pack().file("pack.yaml", "ref: My-Pack\nversion: 1.0.0\n"), "pack.yaml", "ref",
                    "invalid pack name 'My-Pack'");
        }

        @Test
        void namesAMissingRefAndVersionTogether() {
            List<FieldError> errors = problems(pack().file("pack.yaml", "description: nothing else\n"));

            assertThat(errors).extracting(FieldError::field).containsExactly("ref", "version");
        }

        @Test
        void stillChecksTheComponentsWhenPackYamlIsBroken() {
            List<FieldError> errors = problems(pack().file("pack.yaml", "ref: mypack\nversion: x\n")
                    .file("actions/greet.yaml", "ref: mypack.greet\nrunner: bash\n"));

            hasProblem(errors, "pack.yaml", "version", "semantic versioning");
            hasProblem(errors, "actions/greet.yaml", "runner", "unknown runner 'bash'");
        }
    }

    @Nested
    class Syntax {

        @Test
        void namesTheLineAndColumnOfASyntaxError() {
            FieldError error = onlyProblem(pack().file("actions/greet.yaml", """
                    ref: mypack.greet
                    runner: shell
                      entry_point: greet.sh
                    """), "actions/greet.yaml", "(syntax)", "line 3, column");

            assertThat(error.message()).contains("mapping values are not allowed");
        }

        @Test
        void refusesDuplicateKeys() {
            onlyProblem(pack().file("actions/greet.yaml", "ref: mypack.greet\nrunner: shell\nrunner: python\n"),
                    "actions/greet.yaml", "(syntax)", "duplicate key");
        }

        @Test
        void refusesCustomTags() {
            onlyProblem(pack().file("triggers/t.yaml", "ref: mypack.t\npayload_schema: !!javax.script.ScriptEngineManager [x]\n"),
                    "triggers/t.yaml", "(syntax)", "line 2");
        }

        @Test
        void refusesLocalTags() {
            onlyProblem(pack().file("triggers/t.yaml", "ref: !Ref mypack.t\n"), "triggers/t.yaml", "(syntax)", "!Ref");
        }

        @Test
        void refusesAnAliasBomb() {
            StringBuilder yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
            for (int i = 1; i < 10; i++) {
                yaml.append("a").append(i).append(": &a").append(i).append(" [")
                        .append(String.join(", ", java.util.Collections.nCopies(10, "*a" + (i - 1)))).append("]\n");
            }
            onlyProblem(pack().file("triggers/bomb.yaml", yaml.toString()), "triggers/bomb.yaml", "(syntax)", "aliases");
        }

        @Test
        void refusesFilesLargerThanOneMebibyte() {
            String big = "ref: mypack.big\ndescription: \"" + "x".repeat(SafeYaml.MAX_BYTES) + "\"\n";

            onlyProblem(pack().file("triggers/big.yaml", big), "triggers/big.yaml", "(file)", "at most 1048576 bytes");
        }

        @Test
        void refusesADocumentThatIsNotAMap() {
            onlyProblem(pack().file("rules/list.yaml", "- ref: mypack.a\n- ref: mypack.b\n"), "rules/list.yaml",
                    "(document)", "must be a map of fields at the top level, got a list");
        }

        @Test
        void refusesTextThatIsNotUtf8() throws IOException {
            PackFixture pack = pack();
            Files.createDirectories(dir.resolve("triggers"));
            Files.write(dir.resolve("triggers/latin1.yaml"), "ref: mypack.t\ndescription: caf\u00e9\n".getBytes(
                    java.nio.charset.StandardCharsets.ISO_8859_1));

            onlyProblem(pack, "triggers/latin1.yaml", "(file)", "is not valid UTF-8 text");
        }

        @Test
        void acceptsAByteOrderMark() {
            pack().file("triggers/alert.yaml", "\uFEFFref: mypack.alert\n");

            assertThat(READER.read(dir).triggers()).hasSize(1);
        }

        @Test
        void refusesAFileThatIsASymbolicLinkOutOfThePack(@TempDir Path elsewhere) throws IOException {
            PackFixture pack = pack();
            Path secret = Files.writeString(elsewhere.resolve("secret.txt"), "password: [hunter2\n");
            Files.createDirectories(dir.resolve("triggers"));
            Files.createSymbolicLink(dir.resolve("triggers/alert.yaml"), secret);

            onlyProblem(pack, "triggers/alert.yaml", "(file)", "symbolic link leading outside the pack");
        }

        @Test
        void refusesAnEmptyFile() {
            onlyProblem(pack().file("rules/empty.yaml", "# nothing yet\n"), "rules/empty.yaml", "(document)", "is empty");
        }
    }

    @Nested
    class Refs {

        @Test
        void namesAnInvalidRef() {
            onlyProblem(pack().file("triggers/alert.yaml", "ref: mypack.Alert!\n"), "triggers/alert.yaml", "ref",
                    "invalid name 'Alert!'");
        }

        @Test
        void namesARefWithoutPack() {
            onlyProblem(pack().file("triggers/alert.yaml", "ref: alert\n"), "triggers/alert.yaml", "ref",
                    "write 'mypack.alert' or use name: alert");
        }

        @Test
        void namesARefOfAnotherPack() {
            onlyProblem(pack().file("triggers/alert.yaml", "ref: otherpack.alert\n"), "triggers/alert.yaml", "ref",
                    "belongs to pack 'otherpack'");
        }

        @Test
        void namesAPackKeyOfAnotherPack() {
            onlyProblem(pack().file("triggers/alert.yaml", "name: alert\npack: otherpack\n"), "triggers/alert.yaml",
                    "pack", "this file is in pack 'mypack'");
        }

        @Test
        void namesAMissingRef() {
            onlyProblem(pack().file("triggers/alert.yaml", "description: no ref\n"), "triggers/alert.yaml", "ref",
                    "is required: give ref: mypack.alert (or name: alert)");
        }

        @Test
        void namesTheSecondFileOfADuplicateRef() {
            onlyProblem(pack().alertTrigger().file("triggers/alert2.yaml", "name: alert\n"), "triggers/alert2.yaml",
                    "name", "duplicate ref 'mypack.alert': triggers/alert.yaml declares it already");
        }
    }

    @Nested
    class Actions {

        private PackFixture withRetry(String retry) {
            return pack().script("actions/greet.sh").file("actions/greet.yaml",
                    "ref: mypack.greet\nrunner: shell\nentry_point: greet.sh\nretry: " + retry + "\n");
        }

        @Test
        void readsARetry() {
            Action action = READER.read(withRetry(
                    "{on: [failed, abandoned], count: 2, delay: 3, backoff: exponential, max_delay: 60}").dir())
                    .actions().getFirst();

            io.attune.domain.execution.RetrySpec retry = action.retry().orElseThrow();
            assertThat(retry.on()).containsExactlyInAnyOrder(io.attune.domain.execution.ExecutionStatus.FAILED,
                    io.attune.domain.execution.ExecutionStatus.ABANDONED);
            assertThat(retry.count()).isEqualTo(2);
            assertThat(retry.delay()).isEqualTo(java.time.Duration.ofSeconds(3));
            assertThat(retry.backoff()).isEqualTo(io.attune.domain.execution.RetrySpec.Backoff.EXPONENTIAL);
            assertThat(retry.maxDelay()).contains(java.time.Duration.ofMinutes(1));
        }

        @Test
        void namesEachBadRetryField() {
            List<FieldError> errors = problems(withRetry("{on: [failed, succeeded], count: 0, delay: -1, backoff: random}"));

            hasProblem(errors, "actions/greet.yaml", "retry.on[1]", "unknown retry status 'succeeded'");
            hasProblem(errors, "actions/greet.yaml", "retry.count", "must be at least 1, got 0");
            hasProblem(errors, "actions/greet.yaml", "retry.delay", "must be 0 or more seconds, got -1");
            hasProblem(errors, "actions/greet.yaml", "retry.backoff", "unknown backoff 'random'");
            onlyProblem(withRetry("{delay: 1}"), "actions/greet.yaml", "retry.count", "is required");
        }

        @Test
        void namesAnUnknownRunnerAndListsTheValidOnes() {
            FieldError error = onlyProblem(pack().file("actions/greet.yaml", "ref: mypack.greet\nrunner: bash\n"),
                    "actions/greet.yaml", "runner", "unknown runner 'bash'");

            assertThat(error.message()).contains("internal, shell, python, node, http, workflow");
        }

        @Test
        void namesTheRunnerTypeKeyWhenThatIsWhatTheFileUses() {
            onlyProblem(pack().file("actions/greet.yaml", "ref: mypack.greet\nrunner_type: mistral-v2\n"),
                    "actions/greet.yaml", "runner_type", "unknown runner 'mistral-v2'");
        }

        @Test
        void namesAMissingRunner() {
            onlyProblem(pack().file("actions/greet.yaml", "ref: mypack.greet\n"), "actions/greet.yaml", "runner",
                    "is required");
        }

        @Test
        void namesAMissingEntryPointFile() {
            onlyProblem(pack().file("actions/greet.yaml", "ref: mypack.greet\nrunner: shell\nentry_point: greet.sh\n"),
                    "actions/greet.yaml", "entry_point", "file actions/greet.sh does not exist");
        }

        @Test
        void resolvesTheEntryPointInsideTheActionsFolder() {
            onlyProblem(pack().script("greet.sh")
                            .file("actions/greet.yaml", "ref: mypack.greet\nrunner: shell\nentry_point: greet.sh\n"),
                    "actions/greet.yaml", "entry_point", "file actions/greet.sh does not exist");
        }

        @Test
        void refusesAnEntryPointLeavingTheFolder() {
            onlyProblem(pack().script("greet.sh")
                            .file("actions/greet.yaml", "ref: mypack.greet\nrunner: shell\nentry_point: ../greet.sh\n"),
                    "actions/greet.yaml", "entry_point", "'..' is not allowed");
        }

        @Test
        void refusesAnAbsoluteEntryPoint() {
            onlyProblem(pack().file("actions/greet.yaml", "ref: mypack.greet\nrunner: shell\nentry_point: /bin/sh\n"),
                    "actions/greet.yaml", "entry_point", "must be a path relative to actions/");
        }

        @Test
        void refusesAnEntryPointThatIsASymbolicLinkOutOfTheFolder() throws IOException {
            PackFixture pack = pack().script("outside.sh").file("actions/greet.yaml",
                    "ref: mypack.greet\nrunner: shell\nentry_point: greet.sh\n");
            Files.createSymbolicLink(dir.resolve("actions/greet.sh"), dir.resolve("outside.sh"));

            onlyProblem(pack, "actions/greet.yaml", "entry_point", "leads outside actions/");
        }

        @Test
        void acceptsAnEntryPointInASubfolder() {
            pack().script("actions/lib/greet.sh")
                    .file("actions/greet.yaml", "ref: mypack.greet\nrunner: shell\nentry_point: lib/greet.sh\n");

            assertThat(READER.read(dir).actions().getFirst().entryPoint()).contains("lib/greet.sh");
        }

        @Test
        void requiresAnEntryPointForPython() {
            onlyProblem(pack().file("actions/greet.yaml", "ref: mypack.greet\nrunner: python\n"),
                    "actions/greet.yaml", "entry_point", "is required, e.g. entry_point: greet.py");
        }

        @Test
        void pointsOutAMisspelledEntryPoint() {
            onlyProblem(pack().script("actions/greet.py").file("actions/greet.yaml", "ref: mypack.greet\nrunner: python\nentrypoint: greet.py\n"),
                    "actions/greet.yaml", "entry_point", "did you mean 'entry_point'?");
        }

        @Test
        void refusesAnEntryPointForAnInternalAction() {
            onlyProblem(pack().script("actions/x.sh").file("actions/x.yaml", "ref: mypack.x\nrunner: internal\nentry_point: x.sh\n"),
                    "actions/x.yaml", "entry_point", "runs without a file");
        }

        @Test
        void namesAParameterWithAnInvalidSchema() {
            onlyProblem(pack().file("actions/count.yaml", """
                    ref: mypack.count
                    runner: internal
                    parameters:
                      count: {type: strng}
                    """), "actions/count.yaml", "parameters.count", "type: 'strng' is not a JSON Schema type");
        }

        @Test
        void namesAParameterWhoseDefaultDoesNotFitItsSchema() {
            onlyProblem(pack().file("actions/count.yaml", """
                    ref: mypack.count
                    runner: internal
                    parameters:
                      count: {type: integer, default: many}
                    """), "actions/count.yaml", "parameters.count", "default: must be an integer, got a string");
        }

        @Test
        void namesAParameterThatIsNotAMap() {
            onlyProblem(pack().file("actions/count.yaml", """
                    ref: mypack.count
                    runner: internal
                    parameters:
                      count: integer
                    """), "actions/count.yaml", "parameters.count", "must be a map (a JSON schema such as {type: string})");
        }

        @Test
        void namesAnInvalidParameterName() {
            onlyProblem(pack().file("actions/count.yaml", """
                    ref: mypack.count
                    runner: internal
                    parameters:
                      "my count": {type: integer}
                    """), "actions/count.yaml", "parameters.my count", "invalid parameter name");
        }

        @Test
        void namesARequiredFlagThatIsNotABoolean() {
            onlyProblem(pack().file("actions/count.yaml", """
                    ref: mypack.count
                    runner: internal
                    parameters:
                      count: {type: integer, required: "yes please"}
                    """), "actions/count.yaml", "parameters.count.required", "must be true or false");
        }

        @Test
        void explainsStackStormStyleRequiredInsideANestedSchema() {
            onlyProblem(pack().file("actions/x.yaml", """
                    ref: mypack.x
                    runner: internal
                    parameters:
                      options:
                        type: object
                        properties:
                          level: {type: string, required: true}
                    """), "actions/x.yaml", "parameters.options", "an object lists its required properties");
        }

        @Test
        void saysWhatItGotWhereAMapIsExpected() {
            onlyProblem(pack().file("actions/x.yaml", "ref: mypack.x\nrunner: internal\nparameters: none\n"),
                    "actions/x.yaml", "parameters", "must be a map, got a string ('none')");
        }

        @Test
        void namesATimeoutThatIsNotAPositiveInteger() {
            List<FieldError> errors = problems(pack()
                    .file("actions/a.yaml", "ref: mypack.a\nrunner: internal\ntimeout: \"30\"\n")
                    .file("actions/b.yaml", "ref: mypack.b\nrunner: internal\ntimeout: 0\n"));

            hasProblem(errors, "actions/a.yaml", "timeout", "must be an integer, got a string ('30')");
            hasProblem(errors, "actions/b.yaml", "timeout", "must be a positive number of seconds, got 0");
        }

        @Test
        void namesMalformedWorkerLabels() {
            List<FieldError> errors = problems(pack()
                    .file("actions/a.yaml", "ref: mypack.a\nrunner: internal\nworker_labels: {Region: eu}\n")
                    .file("actions/b.yaml", "ref: mypack.b\nrunner: internal\nworker_labels: {gpu: 'yes please'}\n")
                    .file("actions/c.yaml", "ref: mypack.c\nrunner: internal\nworker_labels: 3\n")
                    .file("actions/d.yaml", "ref: mypack.d\nrunner: internal\nworker_labels: [a, b, c, d, e, f]\n"));

            hasProblem(errors, "actions/a.yaml", "worker_labels", "'Region' is not a label name");
            hasProblem(errors, "actions/b.yaml", "worker_labels", "'yes please' (label gpu) is not a label value");
            hasProblem(errors, "actions/c.yaml", "worker_labels", "must be a map of label: value");
            hasProblem(errors, "actions/d.yaml", "worker_labels", "at most 5 labels, got 6");
        }

        @Test
        void readsWorkerLabelsAsAMapOrAList() {
            var actions = READER.read(pack()
                    .file("actions/a.yaml", "ref: mypack.a\nrunner: internal\nworker_labels: {region: eu, gpu: true}\n")
                    .file("actions/b.yaml", "ref: mypack.b\nrunner: internal\nworker_labels: [gpu, zone=b]\n")
                    .file("actions/c.yaml", "ref: mypack.c\nrunner: internal\n").dir()).actions();

            assertThat(actions).extracting(a -> a.ref().toString(), a -> a.workerLabels()).containsExactlyInAnyOrder(
                    org.assertj.core.groups.Tuple.tuple("mypack.a", Map.of("region", "eu", "gpu", "true")),
                    org.assertj.core.groups.Tuple.tuple("mypack.b", Map.of("gpu", "true", "zone", "b")),
                    org.assertj.core.groups.Tuple.tuple("mypack.c", Map.of()));
        }

        @Test
        void namesAnUnknownOutputFormat() {
            onlyProblem(pack().file("actions/x.yaml", "ref: mypack.x\nrunner: internal\noutput_format: yaml\n"),
                    "actions/x.yaml", "output_format", "must be text or json, got 'yaml'");
        }

        @Test
        void namesAnEnabledFlagThatIsNotABoolean() {
            onlyProblem(pack().file("actions/x.yaml", "ref: mypack.x\nrunner: internal\nenabled: maybe\n"),
                    "actions/x.yaml", "enabled", "must be true or false, got a string ('maybe')");
        }
    }

    @Nested
    class Triggers {

        @Test
        void namesAnInvalidPayloadSchema() {
            onlyProblem(pack().file("triggers/alert.yaml", """
                    ref: mypack.alert
                    payload_schema:
                      type: object
                      properties: 5
                    """), "triggers/alert.yaml", "payload_schema", "properties: must be an object, got an integer");
        }

        @Test
        void namesAnInvalidParametersSchema() {
            onlyProblem(pack().file("triggers/alert.yaml", """
                    ref: mypack.alert
                    parameters_schema:
                      type: object
                      properties:
                        every: {minimum: "x"}
                    """), "triggers/alert.yaml", "parameters_schema", "properties.every.minimum: must be a number");
        }

        @Test
        void requiresSchemasOfObjects() {
            onlyProblem(pack().file("triggers/alert.yaml", "ref: mypack.alert\npayload_schema: {type: string}\n"),
                    "triggers/alert.yaml", "payload_schema", "must describe an object");
        }

        @Test
        void saysWhatItGotWhereASchemaIsExpected() {
            onlyProblem(pack().file("triggers/alert.yaml", "ref: mypack.alert\npayload_schema: [host]\n"),
                    "triggers/alert.yaml", "payload_schema", "must be a map, got a list");
        }
    }

    @Nested
    class Sensors {

        @Test
        void namesTriggersThatAreNotRefs() {
            List<FieldError> errors = problems(pack().alertTrigger().script("sensors/watch.py").file("sensors/watch.yaml", """
                    ref: mypack.watch
                    runner: python
                    entry_point: watch.py
                    triggers: [alert, {name: other}, 5]
                    """));

            assertThat(errors).hasSize(3);
            hasProblem(errors, "sensors/watch.yaml", "triggers[0]", "e.g. 'mypack.alert'");
            hasProblem(errors, "sensors/watch.yaml", "triggers[1]", "declare the trigger itself in triggers/");
            hasProblem(errors, "sensors/watch.yaml", "triggers[2]", "got an integer (5)");
        }

        @Test
        void namesATriggerOfThisPackThatDoesNotExist() {
            onlyProblem(pack().script("sensors/watch.py").file("sensors/watch.yaml", """
                    ref: mypack.watch
                    runner: python
                    entry_point: watch.py
                    trigger_types: [mypack.nothing]
                    """), "sensors/watch.yaml", "trigger_types[0]", "trigger 'mypack.nothing' is not declared in this pack");
        }

        @Test
        void namesTriggersThatAreNotAList() {
            onlyProblem(pack().alertTrigger().script("sensors/watch.py").file("sensors/watch.yaml", """
                    ref: mypack.watch
                    runner: python
                    entry_point: watch.py
                    triggers: mypack.alert
                    """), "sensors/watch.yaml", "triggers", "must be a list of trigger refs");
        }

        @Test
        void namesARunnerThatCannotRunASensor() {
            onlyProblem(pack().alertTrigger().script("sensors/watch.py").file("sensors/watch.yaml", """
                    ref: mypack.watch
                    runner: http
                    entry_point: watch.py
                    triggers: [mypack.alert]
                    """), "sensors/watch.yaml", "runner", "cannot run a sensor");
        }

        @Test
        void resolvesTheEntryPointInsideTheSensorsFolder() {
            onlyProblem(pack().alertTrigger().script("actions/watch.py").file("sensors/watch.yaml", """
                    ref: mypack.watch
                    runner: python
                    entry_point: watch.py
                    triggers: [mypack.alert]
                    """), "sensors/watch.yaml", "entry_point", "file sensors/watch.py does not exist");
        }
    }

    @Nested
    class Rules {

        private PackFixture withRule(String criteria) {
            return pack().greetAction().alertTrigger().file("rules/on_alert.yaml", """
                    ref: mypack.on_alert
                    trigger: {type: mypack.alert}
                    criteria:
                    %s
                    action: {ref: mypack.greet, parameters: {name: x}}
                    """.formatted(criteria.indent(2).stripTrailing()));
        }

        @Test
        void namesAnUnknownCriteriaOperator() {
            onlyProblem(withRule("trigger.severity: {type: roughly, pattern: critical}"), "rules/on_alert.yaml",
                    "criteria.trigger.severity", "unknown criteria operator 'roughly'");
        }

        @Test
        void namesABadRegexPattern() {
            onlyProblem(withRule("trigger.host: {type: regex, pattern: \"web[0-9\"}"), "rules/on_alert.yaml",
                    "criteria.trigger.host", "missing closing ]");
        }

        @Test
        void namesARegexTheLinearTimeEngineCannotTake() {
            onlyProblem(withRule("trigger.host: {type: regex, pattern: \"(web)-\\\\1\"}"), "rules/on_alert.yaml",
                    "criteria.trigger.host", "backreferences");
            onlyProblem(withRule("trigger.host: {type: iregex, pattern: \"web(?!-test)\"}"), "rules/on_alert.yaml",
                    "criteria.trigger.host", "lookaround");
        }

        @Test
        void namesEveryBadCriterion() {
            List<FieldError> errors = problems(withRule("""
                    trigger.host: {type: regex, pattern: "("}
                    trigger.severity: {type: equals, pattern: critical}
                    severity: {type: equals, pattern: critical}
                    trigger.count: critical"""));

            assertThat(errors).extracting(FieldError::field)
                    .containsExactly("criteria.trigger.host", "criteria.severity", "criteria.trigger.count");
        }

        @Test
        void namesCriteriaThatAreNotAMap() {
            onlyProblem(pack().greetAction().alertTrigger().file("rules/r.yaml", """
                    ref: mypack.r
                    trigger: mypack.alert
                    criteria: [{field: severity, operator: equals, value: critical}]
                    action: {ref: mypack.greet, parameters: {name: x}}
                    """), "rules/r.yaml", "criteria", "must be a map, got a list");
        }

        @Test
        void namesAnActionOfThisPackThatDoesNotExist() {
            onlyProblem(pack().alertTrigger().file("rules/r.yaml", """
                    ref: mypack.r
                    trigger: {type: mypack.alert}
                    action: {ref: mypack.nothing}
                    """), "rules/r.yaml", "action.ref", "action 'mypack.nothing' is not declared in this pack");
        }

        @Test
        void namesATriggerOfThisPackThatDoesNotExist() {
            onlyProblem(pack().greetAction().file("rules/r.yaml", """
                    ref: mypack.r
                    trigger: mypack.nothing
                    action: {ref: mypack.greet, parameters: {name: x}}
                    """), "rules/r.yaml", "trigger", "trigger 'mypack.nothing' is not declared in this pack");
        }

        @Test
        void namesActionParametersTheActionDoesNotHave() {
            List<FieldError> errors = problems(pack().greetAction().alertTrigger().file("rules/r.yaml", """
                    ref: mypack.r
                    trigger: {type: mypack.alert}
                    action: {ref: mypack.greet, parameters: {nme: x}}
                    """));

            hasProblem(errors, "rules/r.yaml", "action.parameters.nme", "is not a parameter of mypack.greet (it has name, times)");
            hasProblem(errors, "rules/r.yaml", "action.parameters", "misses name, required by mypack.greet");
        }

        @Test
        void checksTriggerParametersAgainstATriggerOfThisPack() {
            onlyProblem(pack().greetAction().file("triggers/tick.yaml", """
                    ref: mypack.tick
                    parameters_schema:
                      type: object
                      properties: {every: {type: integer, minimum: 1}}
                      required: [every]
                    """).file("rules/r.yaml", """
                    ref: mypack.r
                    trigger: {type: mypack.tick, parameters: {every: soon}}
                    action: {ref: mypack.greet, parameters: {name: x}}
                    """), "rules/r.yaml", "trigger.parameters.every", "must be an integer, got a string");
        }

        @Test
        void namesAMissingAction() {
            onlyProblem(pack().alertTrigger().file("rules/r.yaml", "ref: mypack.r\ntrigger: mypack.alert\n"),
                    "rules/r.yaml", "action", "is required");
        }

        @Test
        void saysWhatItGotWhereATriggerIsExpected() {
            onlyProblem(pack().greetAction().file("rules/r.yaml", """
                    ref: mypack.r
                    trigger: [mypack.alert]
                    action: {ref: mypack.greet, parameters: {name: x}}
                    """), "rules/r.yaml", "trigger", "must be a map such as {type: mypack.alert}");
        }

        @Test
        void namesActionParametersThatAreNotAMap() {
            onlyProblem(pack().greetAction().alertTrigger().file("rules/r.yaml", """
                    ref: mypack.r
                    trigger: mypack.alert
                    action: {ref: mypack.greet, parameters: "name=x"}
                    """), "rules/r.yaml", "action.parameters", "must be a map, got a string");
        }
    }

    @Nested
    class Policies {

        private PackFixture withPolicy(String body) {
            return pack().greetAction().file("policies/p.yaml", "ref: mypack.p\n" + body);
        }

        @Test
        void namesALimitOfZero() {
            onlyProblem(withPolicy("action: mypack.greet\nconcurrency: {limit: 0}\n"), "policies/p.yaml",
                    "concurrency.limit", "must be at least 1, got 0");
        }

        @Test
        void namesAMissingLimit() {
            onlyProblem(withPolicy("action: mypack.greet\nconcurrency: {behavior: delay}\n"), "policies/p.yaml",
                    "concurrency.limit", "is required");
        }

        @Test
        void readsTheQueueBounds() {
            PackFixture pack = withPolicy("action: mypack.greet\n"
                    + "concurrency: {limit: 1, max_queue: 50, queue_timeout: 600, overflow: reject}\n");

            Policy.Concurrency concurrency = READER.read(pack.dir()).policies().getFirst().concurrency().orElseThrow();

            assertThat(concurrency.maxQueue()).isEqualTo(50);
            assertThat(concurrency.queueTimeout()).contains(java.time.Duration.ofMinutes(10));
            assertThat(concurrency.overflow()).isEqualTo(Policy.Overflow.REJECT);
        }

        @Test
        void namesBadQueueBounds() {
            List<FieldError> errors = problems(withPolicy("""
                    action: mypack.greet
                    concurrency: {limit: 1, max_queue: 0, queue_timeout: -5, overflow: drop}
                    """));

            hasProblem(errors, "policies/p.yaml", "concurrency.max_queue", "must be at least 1");
            hasProblem(errors, "policies/p.yaml", "concurrency.queue_timeout", "must be a positive number of seconds, got -5");
            hasProblem(errors, "policies/p.yaml", "concurrency.overflow", "unknown overflow 'drop'");
        }

        @Test
        void namesANegativeWindow() {
            onlyProblem(withPolicy("action: mypack.greet\nrate_limit: {max: 5, window_seconds: -1}\n"),
                    "policies/p.yaml", "rate_limit.window_seconds", "must be a positive number of seconds, got -1");
        }

        @Test
        void namesAZeroWindow() {
            onlyProblem(withPolicy("action: mypack.greet\nrate_limit: {max: 5, window_seconds: 0}\n"),
                    "policies/p.yaml", "rate_limit.window_seconds", "got 0");
        }

        @Test
        void namesAnUnknownBehavior() {
            List<FieldError> errors = problems(withPolicy("""
                    action: mypack.greet
                    concurrency: {limit: 1, behavior: queue}
                    rate_limit: {max: 1, window_seconds: 1, behavior: drop}
                    """));

            hasProblem(errors, "policies/p.yaml", "concurrency.behavior", "unknown behavior 'queue': use delay");
            hasProblem(errors, "policies/p.yaml", "rate_limit.behavior", "unknown behavior 'drop'");
        }

        @Test
        void requiresAConcurrencyOrARateLimit() {
            onlyProblem(withPolicy("action: mypack.greet\n"), "policies/p.yaml", "concurrency",
                    "a policy needs a concurrency or a rate_limit");
        }

        @Test
        void namesABadActionTarget() {
            onlyProblem(withPolicy("action: greet\nconcurrency: {limit: 1}\n"), "policies/p.yaml", "action",
                    "e.g. 'mypack.greet'");
        }

        @Test
        void namesAnActionTargetOfThisPackThatDoesNotExist() {
            onlyProblem(withPolicy("action: mypack.nothing\nconcurrency: {limit: 1}\n"), "policies/p.yaml", "action",
                    "action 'mypack.nothing' is not declared in this pack");
        }

        @Test
        void namesABadPackTarget() {
            onlyProblem(withPolicy("pack: My-Pack\nconcurrency: {limit: 1}\n"), "policies/p.yaml", "pack",
                    "invalid pack name 'My-Pack'");
        }

        @Test
        void namesAMissingTarget() {
            onlyProblem(withPolicy("concurrency: {limit: 1}\n"), "policies/p.yaml", "action", "a policy needs a target");
        }

        @Test
        void refusesTwoTargets() {
            onlyProblem(withPolicy("action: mypack.greet\npack: mypack\nconcurrency: {limit: 1}\n"),
                    "policies/p.yaml", "pack", "give one target only");
        }

        @Test
        void refusesGlobalFalse() {
            onlyProblem(withPolicy("global: false\nconcurrency: {limit: 1}\n"), "policies/p.yaml", "global",
                    "must be true when given");
        }

        @Test
        void namesAttributesThatAreNotParametersOfTheAction() {
            onlyProblem(withPolicy("action: mypack.greet\nconcurrency: {limit: 1, attributes: [name, host]}\n"),
                    "policies/p.yaml", "concurrency.attributes[1]", "'host' is not a parameter of mypack.greet");
        }

        @Test
        void saysWhatItGotWhereAMapIsExpected() {
            onlyProblem(withPolicy("action: mypack.greet\nconcurrency: 2\n"), "policies/p.yaml", "concurrency",
                    "must be a map, got an integer (2)");
        }

        @Test
        void namesAnUnsupportedStackStormPolicyType() {
            onlyProblem(withPolicy("resource_ref: mypack.greet\npolicy_type: action.wait\nparameters: {threshold: 1}\n"),
                    "policies/p.yaml", "policy_type", "unknown policy_type 'action.wait'");
        }

        @Test
        void readsStackStormsRetryPolicyAndAttunesRetryInAPolicy() {
            PackFixture pack = withPolicy("resource_ref: mypack.greet\npolicy_type: action.retry\n"
                    + "parameters: {retry_on: timeout, max_retry_count: 3, delay: 2}\n")
                    .file("policies/q.yaml", "ref: mypack.q\npack: mypack\nretry: {count: 1}\n");

            List<Policy> policies = READER.read(pack.dir()).policies();

            io.attune.domain.execution.RetrySpec stackstorm = policies.stream().filter(p -> p.ref().name().equals("p"))
                    .findFirst().orElseThrow().retry().orElseThrow();
            assertThat(stackstorm.on()).containsExactly(io.attune.domain.execution.ExecutionStatus.TIMEOUT);
            assertThat(stackstorm.count()).isEqualTo(3);
            assertThat(stackstorm.delay()).isEqualTo(java.time.Duration.ofSeconds(2));
            Policy attune = policies.stream().filter(p -> p.ref().name().equals("q")).findFirst().orElseThrow();
            assertThat(attune.retry().orElseThrow().on()).containsExactly(io.attune.domain.execution.ExecutionStatus.FAILED);
            assertThat(attune.concurrency()).isEmpty();
        }

        @Test
        void namesABadStackStormRetry() {
            onlyProblem(withPolicy("resource_ref: mypack.greet\npolicy_type: action.retry\n"
                    + "parameters: {retry_on: success, max_retry_count: 1}\n"), "policies/p.yaml",
                    "parameters.retry_on", "unknown retry_on 'success'");
        }

        @Test
        void namesAStackStormThresholdOfZero() {
            onlyProblem(withPolicy("resource_ref: mypack.greet\npolicy_type: action.concurrency\nparameters: {threshold: 0}\n"),
                    "policies/p.yaml", "parameters.threshold", "must be at least 1, got 0");
        }
    }

    @Nested
    class TheWholePack {

        @Test
        void collectsEveryProblemBeforeRejecting() {
            Throwable thrown = catchThrowable(() -> READER.read(pack()
                    .file("pack.yaml", "ref: mypack\nversion: 1\n")
                    .file("actions/a.yaml", "ref: mypack.a\nrunner: nope\n")
                    .file("triggers/t.yaml", "ref: mypack.t\npayload_schema: {type: object, properties: 5}\n")
                    .file("rules/r.yaml", "ref: mypack.r\ntrigger: mypack.t\naction: mypack.a\ncriteria: {x: 1}\n")
                    .file("policies/p.yaml", "ref: mypack.p\naction: mypack.a\nconcurrency: {limit: 0}\n")
                    .file("sensors/s.yaml", "ref: mypack.s\nrunner: python\n")
                    .dir()));

            assertThat(thrown).isInstanceOf(UseCaseException.PackRejected.class)
                    .hasMessage("pack 'mypack' is invalid: 7 problems");
            assertThat(((UseCaseException.PackRejected) thrown).errors())
                    .extracting(e -> e.file().orElseThrow() + " " + e.field())
                    .containsExactly(
                            "pack.yaml version",
                            "actions/a.yaml runner",
                            "triggers/t.yaml payload_schema",
                            "sensors/s.yaml entry_point",
                            "sensors/s.yaml triggers",
                            "rules/r.yaml criteria.x",
                            "policies/p.yaml concurrency.limit");
        }

        @Test
        void refusesADirectoryThatDoesNotExist() {
            Throwable thrown = catchThrowable(() -> READER.read(dir.resolve("nowhere")));

            assertThat(thrown).isInstanceOf(UseCaseException.PackRejected.class);
            assertThat(((UseCaseException.PackRejected) thrown).errors()).singleElement()
                    .satisfies(e -> assertThat(e.field()).isEqualTo("directory"));
        }

        @Test
        void readsAnEmptyPack() {
            PackContent content = READER.read(pack().dir());

            assertThat(content.actions()).isEmpty();
            assertThat(content.pack().path()).isEqualTo(dir.toAbsolutePath().normalize().toString());
            assertThat(content.pack().description()).isEqualTo("A pack for tests.");
        }

        @Test
        void ignoresFilesThatAreNotYaml() {
            pack().greetAction().file("actions/README.md", "not: [yaml").file("rules/.on_alert.yaml.swp", "::");

            assertThat(READER.read(dir).actions()).hasSize(1);
        }

        @Test
        void readsOptionalFieldsAsAbsentWhenNull() {
            pack().file("actions/x.yaml", "ref: mypack.x\nrunner: internal\ndescription:\ntimeout:\n");

            Action action = READER.read(dir).actions().getFirst();

            assertThat(action.description()).isEmpty();
            assertThat(action.timeoutSeconds()).isEqualTo(Optional.empty());
            assertThat(action.parameters().names()).isEmpty();
        }
    }
}
