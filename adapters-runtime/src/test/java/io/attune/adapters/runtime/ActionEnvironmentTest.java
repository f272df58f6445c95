package io.attune.adapters.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.attune.application.port.out.ActionRunner.RunRequest;
import io.attune.domain.action.OutputFormat;
import io.attune.domain.action.RunnerType;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ActionEnvironmentTest {

    @Test
    void inheritedEnvironmentDropsEveryAttuneVariable() {
        Map<String, String> parent = new LinkedHashMap<>();
        parent.put("PATH", "/usr/bin");
        parent.put("HOME", "/home/attune");
        parent.put("ATTUNE_DATABASE_URL", "postgres://attune:secret@db/attune");
        parent.put("ATTUNE__WORKER__NAME", "w1");
        parent.put("Attune_Amqp_Url", "amqp://secret");
        parent.put("MY_ATTUNE_THING", "kept: the prefix is what counts");

        assertThat(ActionEnvironment.inherited(parent)).containsOnlyKeys("PATH", "HOME", "MY_ATTUNE_THING");
    }

    @Test
    void workerEnvironmentWinsOverParametersAndParametersCannotCarryNul() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("name", "Ada");
        parameters.put("binary", "a\0b");
        parameters.put("not a name", "x");
        RunRequest request = new RunRequest(9, Fixtures.action(RunnerType.SHELL, "a.sh", OutputFormat.TEXT), null,
                parameters, Duration.ofSeconds(1), Map.of("ATTUNE_PARAM_NAME", "from worker"), 10);

        Map<String, String> env = ActionEnvironment.forRun(Map.of("ATTUNE_API_URL", "leaked"), request, Map.of(),
                JsonResult.mapper());

        assertThat(env).containsEntry("ATTUNE_PARAM_NAME", "from worker")
                .containsEntry("ATTUNE_EXECUTION_ID", "9")
                .containsEntry("ATTUNE_ACTION", "fixture.act")
                .doesNotContainKeys("ATTUNE_PARAM_BINARY", "ATTUNE_PARAM_NOT A NAME", "ATTUNE_API_URL");
    }
}
