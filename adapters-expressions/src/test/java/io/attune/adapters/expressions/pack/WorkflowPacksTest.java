package io.attune.adapters.expressions.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.attune.adapters.expressions.schema.NetworkntSchemaValidator;
import io.attune.adapters.expressions.workflow.OrquestaWorkflowReader;
import io.attune.application.port.in.FieldError;
import io.attune.application.port.in.UseCaseException;
import io.attune.domain.action.RunnerType;
import io.attune.domain.common.Ref;
import io.attune.domain.fake.FakeExpressions;
import io.attune.domain.pack.PackContent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Packs with Orquesta workflows: read and checked with the pack, refused with the file, task and field named. */
class WorkflowPacksTest {

    private static final Path SAMPLE = Path.of("src/test/resources/packs/wfdemo");
    private static final YamlPackReader READER = new YamlPackReader(new NetworkntSchemaValidator(),
            new OrquestaWorkflowReader(new FakeExpressions()));

    @TempDir
    Path dir;

    private PackFixture workflowPack(String workflow) {
        return PackFixture.in(dir).greetAction().file("actions/deploy.yaml", """
                ref: mypack.deploy
                runner: workflow
                entry_point: workflows/deploy.yaml
                """).file("actions/workflows/deploy.yaml", workflow);
    }

    private static List<FieldError> refused(PackFixture pack) {
        return catchThrowableOfType(UseCaseException.PackRejected.class, () -> READER.read(pack.dir())).errors();
    }

    @Test
    void readsTheSamplePackWithItsStackStormStyleWorkflowAndKeepsTheTextAsWritten() throws IOException {
        PackContent content = READER.read(SAMPLE);
        String written = Files.readString(SAMPLE.resolve("actions/workflows/deploy.yaml"));

        assertThat(content.actions()).extracting(a -> a.ref().toString(), a -> a.runner()).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("wfdemo.build", RunnerType.SHELL),
                org.assertj.core.groups.Tuple.tuple("wfdemo.deploy", RunnerType.WORKFLOW));
        assertThat(content.workflows()).containsOnlyKeys(Ref.parse("wfdemo.deploy"));
        assertThat(content.workflowOf(Ref.parse("wfdemo.deploy"))).hasValueSatisfying(source -> {
            assertThat(source.file()).isEqualTo("actions/workflows/deploy.yaml");
            assertThat(source.text()).isEqualTo(written);
        });
    }

    @Test
    void refusesAnInvalidWorkflowNamingTheFileTheTaskAndTheField() {
        List<FieldError> errors = refused(workflowPack("""
                version: 1.0
                tasks:
                  build:
                    action: mypack.greet name=x
                    next: [{do: ghost}]
                    retry: {count: 0}
                """));

        assertThat(errors).extracting(FieldError::toString).containsExactly(
                "actions/workflows/deploy.yaml: tasks.build.next[0].do: 'ghost' is neither a task of this workflow (build)"
                        + " nor an engine command (continue, fail, noop, retry)",
                "actions/workflows/deploy.yaml: tasks.build.retry.count: must be a positive integer or an expression, got 0");
    }

    @Test
    void reportsWorkflowProblemsTogetherWithTheOtherFilesProblems() {
        List<FieldError> errors = refused(workflowPack("version: 1.0\ntasks: {t: {actoin: core.noop}}")
                .file("triggers/bad.yaml", "ref: mypack.bad\npayload_schema: 3\n"));

        assertThat(errors).extracting(e -> e.file().orElseThrow() + " " + e.field()).containsExactlyInAnyOrder(
                "triggers/bad.yaml payload_schema", "actions/workflows/deploy.yaml tasks.t.actoin");
    }

    @Test
    void refusesATaskNamingAnActionItsOwnPackDoesNotDeclare() {
        List<FieldError> errors = refused(workflowPack("""
                version: 1.0
                tasks:
                  a: {action: mypack.greet, next: [{do: b}]}
                  b: {action: mypack.gret, next: [{do: c}]}
                  c: {action: other.thing}
                """));

        assertThat(errors).extracting(FieldError::toString).containsExactly("actions/workflows/deploy.yaml:"
                + " tasks.b.action: action 'mypack.gret' does not exist: pack 'mypack' declares no such action");
    }

    @Test
    void namesTheSyntaxErrorOfAWorkflowFile() {
        assertThat(refused(workflowPack("version: 1.0\ntasks: {t: [")))
                .singleElement().satisfies(e -> {
                    assertThat(e.file()).contains("actions/workflows/deploy.yaml");
                    assertThat(e.field()).isEqualTo("(syntax)");
                });
    }

    @Test
    void refusesAnEntryPointOutsideActionsOrMissing() {
        PackFixture outside = PackFixture.in(dir).file("actions/deploy.yaml", """
                ref: mypack.deploy
                runner_type: orquesta
                entry_point: ../workflows/deploy.yaml
                """).file("workflows/deploy.yaml", "version: 1.0\ntasks: {t: {}}\n");

        assertThat(refused(outside)).extracting(FieldError::toString).containsExactly(
                "actions/deploy.yaml: entry_point: must stay inside actions/: '..' is not allowed in '../workflows/deploy.yaml'");
        assertThat(refused(PackFixture.in(dir).file("actions/deploy.yaml", """
                ref: mypack.deploy
                runner: workflow
                entry_point: workflows/nothing.yaml
                """))).extracting(FieldError::field).containsExactly("entry_point");
        assertThat(refused(PackFixture.in(dir).file("actions/deploy.yaml", """
                ref: mypack.deploy
                runner: workflow
                """))).singleElement().satisfies(e -> assertThat(e.message()).contains("entry_point: workflows/deploy.yaml"));
    }
}
