package io.attune.application.contract;

import static io.attune.application.contract.CatalogSamples.action;
import static io.attune.application.contract.CatalogSamples.content;
import static io.attune.application.contract.CatalogSamples.ref;
import static io.attune.application.contract.CatalogSamples.workflowAction;
import static org.assertj.core.api.Assertions.assertThat;

import io.attune.application.port.out.PackRepository;
import io.attune.application.port.out.WorkflowDefinitions;
import io.attune.domain.workflow.WorkflowSource;
import org.junit.jupiter.api.Test;

/**
 * What every WorkflowDefinitions must do: give back the YAML a pack installed with each workflow action, exactly,
 * replace it when the pack is installed again, and forget it with its action.
 */
public abstract class WorkflowDefinitionsContract extends StorageContract {

    private static final WorkflowSource DEPLOY = new WorkflowSource("actions/workflows/deploy.yaml", """
            version: 1.0
            description: "déploie — ünïcode and trailing blank lines survive"
            tasks:
              build:
                action: core.local cmd="make"

            """);

    protected abstract PackRepository packs();

    protected abstract WorkflowDefinitions workflows();

    @Test
    void findReturnsTheSourceInstalledWithTheWorkflowActionExactly() {
        write(() -> packs().replace(content("demo").with(workflowAction("demo.deploy"), action("demo.greet"))
                .workflow("demo.deploy", DEPLOY).build()));

        assertThat(read(() -> workflows().find(ref("demo.deploy")))).contains(DEPLOY);
        assertThat(read(() -> workflows().find(ref("demo.greet")))).isEmpty();
        assertThat(read(() -> workflows().find(ref("demo.other")))).isEmpty();
    }

    @Test
    void aReinstallReplacesTheSource() {
        write(() -> packs().replace(content("demo").with(workflowAction("demo.deploy"))
                .workflow("demo.deploy", DEPLOY).build()));
        WorkflowSource changed = new WorkflowSource("actions/workflows/deploy_v2.yaml", "version: '1.0'\ntasks: {a: {}}\n");

        write(() -> packs().replace(content("demo").with(workflowAction("demo.deploy"))
                .workflow("demo.deploy", changed).build()));

        assertThat(read(() -> workflows().find(ref("demo.deploy")))).contains(changed);
    }

    @Test
    void aReinstallWithoutTheWorkflowForgetsItsSource() {
        write(() -> packs().replace(content("demo").with(workflowAction("demo.deploy"), workflowAction("demo.build"))
                .workflow("demo.deploy", DEPLOY).workflow("demo.build", DEPLOY).build()));

        write(() -> packs().replace(content("demo").with(action("demo.deploy")).build()));

        assertThat(read(() -> workflows().find(ref("demo.deploy")))).isEmpty();
        assertThat(read(() -> workflows().find(ref("demo.build")))).isEmpty();
    }

    @Test
    void removingThePackForgetsItsSourcesButNotThoseOfOtherPacks() {
        write(() -> packs().replace(content("demo").with(workflowAction("demo.deploy"))
                .workflow("demo.deploy", DEPLOY).build()));
        write(() -> packs().replace(content("demo2").with(workflowAction("demo2.deploy"))
                .workflow("demo2.deploy", DEPLOY).build()));

        write(() -> packs().delete("demo"));

        assertThat(read(() -> workflows().find(ref("demo.deploy")))).isEmpty();
        assertThat(read(() -> workflows().find(ref("demo2.deploy")))).contains(DEPLOY);
    }
}
