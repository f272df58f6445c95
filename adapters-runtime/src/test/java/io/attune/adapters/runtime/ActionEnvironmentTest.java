package io.attune.adapters.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.attune.application.port.out.ActionRunner.RunRequest;
import io.attune.domain.action.OutputFormat;
import io.attune.domain.action.RunnerType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActionEnvironmentTest {

    @Test
    void theBaseHoldsOnlyAllowListedVariablesOfTheServer() {
        Map<String, String> server = new LinkedHashMap<>();
        server.put("PATH", "/usr/bin");
        server.put("HOME", "/home/attune");
        server.put("LANG", "C.UTF-8");
        server.put("TZ", "Europe/Paris");
        server.put("ATTUNE_DATABASE_URL", "postgres://attune:secret@db/attune");
        server.put("ATTUNE_ADMIN_PASSWORD", "secret");
        server.put("AWS_SECRET_ACCESS_KEY", "secret");
        server.put("JAVA_TOOL_OPTIONS", "-Dx=y");

        assertThat(ActionEnvironment.base(server, new ProcessUser.Server())).containsExactlyInAnyOrderEntriesOf(Map.of(
                "PATH", "/usr/bin", "HOME", "/home/attune", "LANG", "C.UTF-8", "TZ", "Europe/Paris"));
    }

    @Test
    void anActionUserGetsItsOwnHomeAndOnlyThePathEntriesItCanSearch(@TempDir Path dir) throws Exception {
        Path closed = Files.createDirectories(dir.resolve("closed/bin"));
        Files.setPosixFilePermissions(closed.getParent(), PosixFilePermissions.fromString("rwx------"));
        Path open = Files.createDirectories(dir.resolve("open/bin"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        ProcessUser.Account nobody = new ProcessUser.Account("nobody", 65534, 65534, Path.of("/nonexistent"));

        Map<String, String> base = ActionEnvironment.base(
                Map.of("PATH", closed + ":" + open + ":/usr/bin", "HOME", "/root"), nobody);

        assertThat(base).containsEntry("PATH", open + ":/usr/bin").containsEntry("HOME", "/nonexistent")
                .containsOnlyKeys("PATH", "HOME");
    }

    @Test
    void withoutAPathTheBaseHasTheSystemOne() {
        assertThat(ActionEnvironment.base(Map.of(), new ProcessUser.Server()))
                .isEqualTo(Map.of("PATH", ActionEnvironment.DEFAULT_PATH));
    }

    @Test
    void workerEnvironmentWinsOverParametersAndParametersCannotCarryNul() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("name", "Ada");
        parameters.put("binary", "a\0b");
        parameters.put("not a name", "x");
        RunRequest request = new RunRequest(9, Fixtures.action(RunnerType.SHELL, "a.sh", OutputFormat.TEXT), null,
                parameters, Duration.ofSeconds(1), Map.of("ATTUNE_PARAM_NAME", "from worker"), 10);

        Map<String, String> env = ActionEnvironment.forRun(Map.of("PATH", "/usr/bin"), request, Map.of(),
                Map.of("ATTUNE_API_URL", "http://127.0.0.1:1", "ATTUNE_API_TOKEN", "t"), JsonResult.mapper());

        assertThat(env).containsEntry("ATTUNE_PARAM_NAME", "from worker")
                .containsEntry("ATTUNE_EXECUTION_ID", "9")
                .containsEntry("ATTUNE_ACTION", "fixture.act")
                .containsEntry("ATTUNE_API_URL", "http://127.0.0.1:1")
                .containsEntry("ATTUNE_API_TOKEN", "t")
                .doesNotContainKeys("ATTUNE_PARAM_BINARY", "ATTUNE_PARAM_NOT A NAME");
    }
}
