package io.attune.domain.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attune.domain.action.Action;
import io.attune.domain.action.OutputFormat;
import io.attune.domain.action.ParameterSchema;
import io.attune.domain.action.RunnerType;
import io.attune.domain.common.Ref;
import io.attune.domain.workflow.WorkflowSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PackContentTest {

    private static final Pack DEMO = new Pack("demo", null, "1.0.0", null, "/packs/demo");
    private static final WorkflowSource SOURCE = new WorkflowSource("actions/workflows/deploy.yaml", "version: 1.0\n");

    private static Action action(String ref, RunnerType runner) {
        return new Action(Ref.parse(ref), "", runner, Optional.of("deploy.yaml"), ParameterSchema.none(),
                OutputFormat.TEXT, Optional.empty(), true);
    }

    private static PackContent with(Action action, Map<Ref, WorkflowSource> workflows) {
        return new PackContent(DEMO, List.of(action), List.of(), List.of(), List.of(), List.of(), Map.of(), workflows);
    }

    @Test
    void carriesTheSourceOfAWorkflowActionAndKeepsItThroughWithFiles() {
        PackContent content = with(action("demo.deploy", RunnerType.WORKFLOW), Map.of(Ref.parse("demo.deploy"), SOURCE))
                .withFiles(Map.of("demo.deploy", "actions/deploy.yaml"));

        assertThat(content.workflowOf(Ref.parse("demo.deploy"))).contains(SOURCE);
        assertThat(content.workflowOf(Ref.parse("demo.other"))).isEmpty();
    }

    @Test
    void refusesASourceForAnActionThatIsNotAWorkflowOfThePack() {
        assertThatThrownBy(() -> with(action("demo.deploy", RunnerType.SHELL), Map.of(Ref.parse("demo.deploy"), SOURCE)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a workflow action");
        assertThatThrownBy(() -> with(action("demo.deploy", RunnerType.WORKFLOW), Map.of(Ref.parse("demo.ghost"), SOURCE)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'demo.ghost'");
    }

    @Test
    void existingConstructorsCarryNoSources() {
        assertThat(new PackContent(DEMO, List.of(), List.of(), List.of(), List.of(), List.of()).workflows()).isEmpty();
    }
}
