package io.attune.domain.action;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RunnerTypeTest {

    @Test
    void readsOrquestaAsTheWorkflowRunnerAsStackStormNamesIt() {
        assertThat(RunnerType.fromCode("orquesta")).contains(RunnerType.WORKFLOW);
        assertThat(RunnerType.fromCode(" Orquesta ")).contains(RunnerType.WORKFLOW);
        assertThat(RunnerType.fromCode("workflow")).contains(RunnerType.WORKFLOW);
    }

    @Test
    void keepsWorkflowAsTheCodeItWrites() {
        assertThat(RunnerType.WORKFLOW.code()).isEqualTo("workflow");
        assertThat(RunnerType.codes()).doesNotContain("orquesta");
        assertThat(RunnerType.fromCode("mistral-v2")).isEmpty();
    }

    @Test
    void readsInquirerAsTheRunnerOfCoreAskAndNeedsNoEntryPoint() {
        assertThat(RunnerType.fromCode("inquirer")).contains(RunnerType.INQUIRER);
        assertThat(RunnerType.INQUIRER.needsEntryPoint()).isFalse();
        assertThat(RunnerType.INQUIRER.canRunSensor()).isFalse();
    }
}
