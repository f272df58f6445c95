package io.attune.adapters.expressions.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.attune.application.port.in.FieldError;
import io.attune.application.port.out.WorkflowReader.Read;
import io.attune.domain.fake.FakeExpressions;
import io.attune.domain.workflow.TaskSpec;
import io.attune.domain.workflow.TaskSpec.Backoff;
import io.attune.domain.workflow.WorkflowDefinition;
import io.attune.domain.workflow.WorkflowDefinition.Assignment;
import io.attune.domain.workflow.WorkflowDefinition.InputParam;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class OrquestaWorkflowReaderTest {

    private static final String FILE = "actions/workflows/w.yaml";
    private static final OrquestaWorkflowReader READER = new OrquestaWorkflowReader(new FakeExpressions());

    private static WorkflowDefinition valid(String yaml) {
        Read read = READER.read(yaml, FILE);
        assertThat(read).as("read of\n" + yaml).isInstanceOf(Read.Valid.class);
        return ((Read.Valid) read).definition();
    }

    private static List<FieldError> errors(String yaml) {
        Read read = READER.read(yaml, FILE);
        assertThat(read).as("read of\n" + yaml).isInstanceOf(Read.Invalid.class);
        List<FieldError> errors = ((Read.Invalid) read).errors();
        assertThat(errors).allSatisfy(e -> assertThat(e.file()).contains(FILE));
        return errors;
    }

    /** Asserts exactly one error, at {@code path}, whose message contains every one of {@code texts}. */
    private static void onlyError(String yaml, String path, String... texts) {
        List<FieldError> errors = errors(yaml);
        assertThat(errors).as("errors").hasSize(1);
        assertThat(errors.getFirst().field()).as("path of " + errors.getFirst()).isEqualTo(path);
        assertThat(errors.getFirst().message()).as("message of " + errors.getFirst()).contains(texts);
    }

    /** A workflow of one task {@code t} with the given task fields (indented under it). */
    private static String oneTask(String fields) {
        return "version: 1.0\ntasks:\n  t:\n" + fields.stripIndent().lines().map(l -> "    " + l + "\n")
                .reduce("", String::concat);
    }

    private static TaskSpec taskOf(String fields) {
        return valid(oneTask(fields)).task("t").orElseThrow();
    }

    @Nested
    class TheSamplePackWorkflow {

        private final WorkflowDefinition deploy = valid(sample());

        private static String sample() {
            try {
                return Files.readString(Path.of("src/test/resources/packs/wfdemo/actions/workflows/deploy.yaml"));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Test
        void readsInputVarsAndOutput() {
            assertThat(deploy.description()).startsWith("Builds every target");
            assertThat(deploy.input()).containsExactly(InputParam.required("targets"), new InputParam("who", true, "ops"));
            assertThat(deploy.vars()).containsExactly(new Assignment("built", List.of()), new Assignment("attempts", 0));
            assertThat(deploy.output()).extracting(Assignment::name).containsExactly("built", "attempts");
            assertThat(deploy.startTasks()).extracting(TaskSpec::name).containsExactly("start");
        }

        @Test
        void readsEveryFieldOfItsTasks() {
            TaskSpec build = deploy.task("build").orElseThrow();
            assertThat(build.action()).contains("wfdemo.build");
            assertThat(build.with()).hasValueSatisfying(with -> {
                assertThat(with.items()).isEqualTo("<% ctx(targets) %>");
                assertThat(with.variables()).containsExactly("target");
                assertThat(with.concurrency()).contains(2);
            });
            assertThat(build.retry()).contains(new TaskSpec.Retry(Optional.of("<% failed() %>"), 3, 2, Backoff.EXPONENTIAL,
                    Optional.of(30)));
            assertThat(build.next().get(1).publish()).containsExactly(
                    new Assignment("attempts", "<% ctx(attempts) + 1 %>"), new Assignment("reason", "build failed"));
            assertThat(build.next().get(1).targets()).containsExactly("report", "fail");
            assertThat(deploy.task("announce").orElseThrow().input())
                    .containsExactly(Map.entry("cmd", "echo built <% ctx(built) %>"), Map.entry("timeout", 10));
            assertThat(deploy.task("announce").orElseThrow().delay()).contains(1);
            assertThat(deploy.task("done").orElseThrow().join()).contains(TaskSpec.Join.all());
        }
    }

    @Nested
    class Header {

        @Test
        void acceptsVersionOneAsNumberOrString() {
            for (String version : List.of("1.0", "'1.0'", "1")) {
                assertThat(valid("version: " + version + "\ntasks: {t: {action: core.noop}}").version()).isEqualTo("1.0");
            }
        }

        @Test
        void refusesAnotherVersion() {
            onlyError("version: 2.0\ntasks: {t: {}}", "version", "must be 1.0");
        }

        @Test
        void requiresTheVersion() {
            onlyError("tasks: {t: {}}", "version", "is required");
        }

        @Test
        void refusesUnknownTopLevelKeysNamingTheLookalike() {
            onlyError("version: 1.0\ntasks: {t: {}}\nouptut: []", "ouptut", "unknown key 'ouptut'", "did you mean 'output'");
        }

        @Test
        void namesYamlSyntaxAndANonMapDocument() {
            onlyError("version: 1.0\ntasks: {t: [", "(syntax)", "line");
            onlyError("- a\n- b", "(document)", "must be a map");
            onlyError("", "(document)", "is empty");
        }

        @Test
        void requiresAMapOfTasks() {
            onlyError("version: 1.0", "tasks", "is required");
            onlyError("version: 1.0\ntasks: [{name: a}]", "tasks", "must be a map");
            onlyError("version: 1.0\ntasks: {}", "tasks", "at least one task");
        }
    }

    @Nested
    class InputVarsOutput {

        @Test
        void readsInputAsNamesAndSingleKeyMaps() {
            WorkflowDefinition w = valid("version: 1.0\ninput: [a, {b: 2}, {c: null}]\ntasks: {t: {}}");

            assertThat(w.input()).containsExactly(InputParam.required("a"), new InputParam("b", true, 2),
                    new InputParam("c", true, null));
        }

        @Test
        void namesTheInputItemThatIsNeitherNameNorSingleKeyMap() {
            onlyError("version: 1.0\ninput: [a, {b: 1, c: 2}]\ntasks: {t: {}}", "input[1]", "single-key map");
            onlyError("version: 1.0\ninput: [a, [x]]\ntasks: {t: {}}", "input[1]", "got a list");
            onlyError("version: 1.0\ninput: {a: 1}\ntasks: {t: {}}", "input", "must be a list");
            onlyError("version: 1.0\ninput: [a, {a: 1}]\ntasks: {t: {}}", "input[1]", "declared twice");
        }

        @Test
        void readsVarsAndOutputAsListsOfSingleKeyMapsOrAsMaps() {
            WorkflowDefinition w = valid("""
                    version: 1.0
                    vars: [{a: 1}, {b: x}]
                    output: {o: <% ctx(a) %>, p: 2}
                    tasks: {t: {}}
                    """);

            assertThat(w.vars()).containsExactly(new Assignment("a", 1), new Assignment("b", "x"));
            assertThat(w.output()).containsExactly(new Assignment("o", "<% ctx(a) %>"), new Assignment("p", 2));
        }

        @Test
        void namesAVarThatIsNotASingleKeyMap() {
            onlyError("version: 1.0\nvars: [{a: 1}, b]\ntasks: {t: {}}", "vars[1]", "single-key map");
            onlyError("version: 1.0\noutput: [{a: 1}, {a: 2}]\ntasks: {t: {}}", "output[1]", "given twice");
            onlyError("version: 1.0\nvars: 3\ntasks: {t: {}}", "vars", "or a map");
        }
    }

    @Nested
    class Actions {

        @Test
        void splitsInlineArgumentsOffTheRef() {
            TaskSpec t = taskOf("""
                    action: core.local cmd="echo hi there" timeout=10 ratio=0.5 sudo=false env=null name='it''s' plain=word
                    """.replace("name='it''s' ", "name='it\\'s' "));

            assertThat(t.action()).contains("core.local");
            assertThat(t.input()).containsExactly(Map.entry("cmd", "echo hi there"), Map.entry("timeout", 10),
                    Map.entry("ratio", 0.5), Map.entry("sudo", false), new java.util.AbstractMap.SimpleEntry<>("env", null),
                    Map.entry("name", "it's"), Map.entry("plain", "word"));
        }

        @Test
        void keepsExpressionsWithBlanksAsOneRawValue() {
            TaskSpec t = valid("""
                    version: 1.0
                    input: [who]
                    tasks:
                      t:
                        action: core.echo message=<% ctx(who) + " and " + ctx(who) %> also={{ ctx('who') }}!
                    """).task("t").orElseThrow();

            assertThat(t.input()).containsExactly(Map.entry("message", "<% ctx(who) + \" and \" + ctx(who) %>"),
                    Map.entry("also", "{{ ctx('who') }}!"));
        }

        @Test
        void acceptsAnExpressionAsTheAction() {
            TaskSpec t = valid("""
                    version: 1.0
                    input: [which]
                    tasks: {t: {action: "<% ctx(which) %> x=1"}}
                    """).task("t").orElseThrow();

            assertThat(t.action()).contains("<% ctx(which) %>");
            assertThat(t.input()).containsExactly(Map.entry("x", 1));
        }

        @Test
        void mergesInlineArgumentsWithInputButRefusesOneGivenTwice() {
            assertThat(taskOf("action: core.local cmd=ls\ninput: {timeout: 5}").input())
                    .containsExactly(Map.entry("cmd", "ls"), Map.entry("timeout", 5));
            onlyError(oneTask("action: core.local cmd=ls\ninput: {cmd: pwd}"), "tasks.t.input.cmd", "on the action line too");
        }

        @Test
        void namesBrokenInlineArguments() {
            onlyError(oneTask("action: core.local cmd"), "tasks.t.action", "'cmd' must be written key=value");
            onlyError(oneTask("action: core.local cmd=\"echo"), "tasks.t.action", "not closed");
            onlyError(oneTask("action: core.local cmd=<% ctx(x)"), "tasks.t.action", "not closed with %>");
            onlyError(oneTask("action: core.local a=1 a=2"), "tasks.t.action", "'a' is given twice");
        }

        @Test
        void namesAnActionThatIsNotARef() {
            onlyError(oneTask("action: Core.Local"), "tasks.t.action", "invalid");
            onlyError(oneTask("action: [core.local]"), "tasks.t.action", "must be a string");
        }

        @Test
        void pointsExpressionProblemsOfInlineArgumentsAtTheActionLine() {
            onlyError(oneTask("action: core.local cmd=<% bad %>"), "tasks.t.action", "syntax error");
            onlyError(oneTask("action: core.local\ninput: {cmd: <% bad %>}"), "tasks.t.input.cmd", "syntax error");
        }
    }

    @Nested
    class Transitions {

        @Test
        void readsPublishAsAListAMapOrAnInlineString() {
            WorkflowDefinition w = valid("""
                    version: 1.0
                    tasks:
                      t:
                        next:
                          - publish: [{a: 1}, {b: <% ctx(a) %>}]
                          - publish: {c: 3}
                          - publish: d=<% ctx(a) + 1 %> e="some text"
                    """);

            List<TaskSpec.Transition> next = w.task("t").orElseThrow().next();
            assertThat(next.get(0).publish()).containsExactly(new Assignment("a", 1), new Assignment("b", "<% ctx(a) %>"));
            assertThat(next.get(1).publish()).containsExactly(new Assignment("c", 3));
            assertThat(next.get(2).publish()).containsExactly(new Assignment("d", "<% ctx(a) + 1 %>"),
                    new Assignment("e", "some text"));
        }

        @Test
        void readsDoAsANameACommaSeparatedStringOrAList() {
            WorkflowDefinition w = valid("""
                    version: 1.0
                    tasks:
                      t:
                        next:
                          - when: <% succeeded() %>
                            do: a
                          - do: a, b ,c
                          - do: [b, fail]
                      a: {}
                      b: {}
                      c: {}
                    """);

            assertThat(w.task("t").orElseThrow().next()).extracting(TaskSpec.Transition::targets)
                    .containsExactly(List.of("a"), List.of("a", "b", "c"), List.of("b", "fail"));
            assertThat(w.task("t").orElseThrow().next().getFirst().when()).contains("<% succeeded() %>");
        }

        @Test
        void namesEachWrongPartOfATransition() {
            onlyError(oneTask("next: {do: a}"), "tasks.t.next", "must be a list");
            onlyError(oneTask("next: [a]"), "tasks.t.next[0]", "must be a map");
            onlyError(oneTask("next: [{pubish: {a: 1}}]"), "tasks.t.next[0].pubish", "did you mean 'publish'");
            onlyError(oneTask("next: [{do: {a: 1}}]"), "tasks.t.next[0].do", "must be a task name");
            onlyError(oneTask("next: [{do: 'a,,b'}]"), "tasks.t.next[0].do", "empty task name");
            onlyError(oneTask("next: [{do: [noop, 3]}]"), "tasks.t.next[0].do[1]", "must be a task name");
            onlyError(oneTask("next: [{when: true}]"), "tasks.t.next[0].when", "must be a string");
            onlyError(oneTask("next: [{publish: 'a=1 b'}]"), "tasks.t.next[0].publish", "'b' must be written key=value");
            onlyError(oneTask("next: [{publish: [{a: 1, b: 2}]}]"), "tasks.t.next[0].publish[0]", "single-key map");
        }

        @Test
        void namesATransitionToAnUnknownTask() {
            onlyError(oneTask("next: [{do: noop}, {do: [ghost]}]"), "tasks.t.next[1].do", "'ghost' is neither a task");
        }
    }

    @Nested
    class JoinWithRetryDelay {

        @Test
        void readsJoinAllOrACount() {
            String yaml = "version: 1.0\ntasks:\n  a: {next: [{do: j}]}\n  b: {next: [{do: j}]}\n  j: {join: %s}\n";

            assertThat(valid(yaml.formatted("all")).task("j").orElseThrow().join()).contains(TaskSpec.Join.all());
            assertThat(valid(yaml.formatted("2")).task("j").orElseThrow().join())
                    .contains(new TaskSpec.Join(OptionalInt.of(2)));
            onlyError(yaml.formatted("0"), "tasks.j.join", "'all' or a positive number");
            onlyError(yaml.formatted("some"), "tasks.j.join", "'all' or a positive number");
        }

        @Test
        void readsWithAsAnExpressionOrAMap() {
            String yaml = "version: 1.0\ninput: [xs, a, b]\ntasks:\n  t: {with: %s}\n";

            TaskSpec.WithItems bare = valid(yaml.formatted("'<% ctx(xs) %>'")).task("t").orElseThrow().with().orElseThrow();
            TaskSpec.WithItems named = valid(yaml.formatted("'x in <% ctx(xs) %>'")).task("t").orElseThrow().with().orElseThrow();
            TaskSpec.WithItems zipped = valid(yaml.formatted(
                    "{items: 'x, y in <% zip(ctx(a), ctx(b)) %>', concurrency: <% ctx(a) %>}")).task("t").orElseThrow()
                    .with().orElseThrow();
            TaskSpec.WithItems listed = valid(yaml.formatted("{items: [1, 2, 3], concurrency: 1}")).task("t").orElseThrow()
                    .with().orElseThrow();

            assertThat(bare).isEqualTo(new TaskSpec.WithItems("<% ctx(xs) %>", List.of(), Optional.empty()));
            assertThat(named).isEqualTo(new TaskSpec.WithItems("<% ctx(xs) %>", List.of("x"), Optional.empty()));
            assertThat(zipped).isEqualTo(new TaskSpec.WithItems("<% zip(ctx(a), ctx(b)) %>", List.of("x", "y"),
                    Optional.of("<% ctx(a) %>")));
            assertThat(listed).isEqualTo(new TaskSpec.WithItems(List.of(1, 2, 3), List.of(), Optional.of(1)));
        }

        @Test
        void namesEachWrongPartOfWith() {
            onlyError(oneTask("with: {concurrency: 2}"), "tasks.t.with.items", "is required");
            onlyError(oneTask("with: {items: 'x in nothing'}"), "tasks.t.with.items", "must be an expression");
            onlyError(oneTask("with: {items: '<% ctx() %>', limit: 2}"), "tasks.t.with.limit", "unknown key 'limit'");
            onlyError(oneTask("with: {items: '<% ctx() %>', concurrency: 0}"), "tasks.t.with.concurrency", "positive integer");
            onlyError(oneTask("with: 'x, x in <% ctx() %>'"), "tasks.t.with", "twice");
            onlyError(oneTask("with: 3"), "tasks.t.with", "or a map {items, concurrency}");
            onlyError(oneTask("with: '<% bad %>'"), "tasks.t.with.items", "syntax error");
        }

        @Test
        void readsRetryWithDefaults() {
            assertThat(taskOf("retry: {count: 2}").retry())
                    .contains(new TaskSpec.Retry(Optional.empty(), 2, 0, Backoff.CONSTANT, Optional.empty()));
            assertThat(taskOf("retry: {count: 2, backoff: Linear, delay: 1.5}").retry().orElseThrow().backoff())
                    .isEqualTo(Backoff.LINEAR);
        }

        @Test
        void namesEachWrongPartOfRetry() {
            onlyError(oneTask("retry: {delay: 1}"), "tasks.t.retry.count", "is required");
            onlyError(oneTask("retry: {count: 2, backoff: random}"), "tasks.t.retry.backoff", "constant, linear or exponential");
            onlyError(oneTask("retry: {count: 2, attempts: 3}"), "tasks.t.retry.attempts", "unknown key");
            onlyError(oneTask("retry: {count: 0}"), "tasks.t.retry.count", "positive integer");
            onlyError(oneTask("retry: {count: 2, max_delay: -1}"), "tasks.t.retry.max_delay", "0 or more");
            onlyError(oneTask("retry: 3"), "tasks.t.retry", "must be a map");
        }

        @Test
        void readsDelayAsNumberOrExpression() {
            assertThat(taskOf("delay: 5").delay()).contains(5);
            assertThat(valid("version: 1.0\ninput: [d]\ntasks: {t: {delay: <% ctx(d) %>}}").task("t").orElseThrow().delay())
                    .contains("<% ctx(d) %>");
            onlyError(oneTask("delay: -2"), "tasks.t.delay", "0 or more");
            onlyError(oneTask("delay: soon"), "tasks.t.delay", "got 'soon'");
        }
    }

    @Nested
    class Tasks {

        @Test
        void refusesUnknownTaskKeysNamingTheLookalike() {
            onlyError(oneTask("action: core.noop\nnext: []\npublish: {a: 1}"), "tasks.t.publish", "unknown key 'publish'");
            onlyError(oneTask("actoin: core.noop"), "tasks.t.actoin", "did you mean 'action'");
        }

        @Test
        void namesATaskThatIsNoMap() {
            onlyError("version: 1.0\ntasks: {t: core.noop}", "tasks.t", "must be a map");
            onlyError("version: 1.0\ntasks: {t: }", "tasks.t", "got nothing");
        }

        @Test
        void namesUnreachableTasksAndATaskNamedLikeACommand() {
            List<FieldError> errors = errors("""
                    version: 1.0
                    tasks:
                      a: {}
                      x: {next: [{do: y}]}
                      y: {next: [{do: x}]}
                      retry: {}
                    """);

            assertThat(errors).extracting(FieldError::field).containsExactly("tasks.retry", "tasks.x", "tasks.y");
        }
    }

    @Nested
    class Expressions {

        @Test
        void namesUndefinedVariables() {
            onlyError("version: 1.0\nvars: [{a: <% ctx(nobody) %>}]\ntasks: {t: {}}", "vars.a", "'nobody'");
        }

        @Test
        void reportsFormGraphAndExpressionProblemsTogether() {
            List<FieldError> errors = errors("""
                    version: 1.0
                    tasks:
                      t:
                        action: core.local cmd=<% bad %>
                        next: [{do: ghost, publish: {p: <% ctx(nobody) %>}}]
                        retry: {count: 1, backof: linear}
                    """);

            assertThat(errors).extracting(FieldError::field).containsExactly(
                    "tasks.t.retry.backof", "tasks.t.next[0].do", "tasks.t.action");
        }

        @Test
        void leavesUndefinedVariablesOutWhenAPublishCouldNotBeRead() {
            List<FieldError> errors = errors("""
                    version: 1.0
                    tasks:
                      t: {next: [{publish: 'a=', do: u}, {publish: [x]}]}
                      u: {action: "core.echo message=<% ctx(x) %>"}
                    """);

            assertThat(errors).extracting(FieldError::field).containsExactly("tasks.t.next[1].publish[0]");
        }
    }

    @Test
    void everyErrorNamesTheFileItCameFrom() {
        Read read = READER.read("version: 3\nbogus: 1\ntasks: {t: {do: x}}", "actions/workflows/named.yaml");

        assertThat(((Read.Invalid) read).errors()).hasSize(3)
                .allSatisfy(e -> assertThat(e.file()).contains("actions/workflows/named.yaml"));
        assertThat(Arrays.asList("bogus", "version", "tasks.t.do"))
                .isEqualTo(((Read.Invalid) read).errors().stream().map(FieldError::field).toList());
    }

    @org.junit.jupiter.api.Test
    void unknownActionsAreReportedBesideOtherProblemsWhenTheCallerTellsWhichExist() {
        String yaml = """
                version: 1.0
                tasks:
                  a:
                    action: nosuch.thing
                    next:
                      - do: nowhere
                  b:
                    action: core.noop
                """;

        Read read = READER.read(yaml, FILE, "core.noop"::equals);

        assertThat(read).isInstanceOf(Read.Invalid.class);
        assertThat(((Read.Invalid) read).errors()).extracting(FieldError::field)
                .containsExactlyInAnyOrder("tasks.a.next[0].do", "tasks.a.action");
        assertThat(READER.read(yaml.replace("nowhere", "b"), FILE, "core.noop"::equals)).isInstanceOf(Read.Invalid.class);
        assertThat(READER.read(yaml.replace("nowhere", "b"), FILE, a -> true)).isInstanceOf(Read.Valid.class);
    }
}
