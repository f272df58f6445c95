package io.attune.adapters.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.attune.application.port.in.ExecutionQueries.WorkerRuntime;
import io.attune.domain.action.RunnerType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the runtimes of this host with real interpreters, and fake ones that are missing or do not answer. */
class RuntimeDetectionTest {

    @TempDir
    Path dir;

    private Path script(String name, String body) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    @Test
    void findsTheInterpretersWithTheirVersionsAndLeavesOutTheMissingAndTheSilent() throws Exception {
        Path python = script("python-fake", "echo 'Python 3.11.2'");
        Path node = script("node-silent", "exit 3");
        SubprocessSettings settings = SubprocessSettings.defaults().withPython(python.toString())
                .withNode(node.toString());

        List<WorkerRuntime> found = RuntimeDetection.detect(settings, System.getenv("PATH"));

        assertThat(found).extracting(WorkerRuntime::runner).containsExactly("shell", "python");
        assertThat(found.get(0).version()).hasValueSatisfying(v -> assertThat(v).matches("\\d+(\\.\\d+)+"));
        assertThat(found.get(0).path()).hasValueSatisfying(p -> assertThat(p).startsWith("/").endsWith("bash"));
        assertThat(found.get(1)).isEqualTo(new WorkerRuntime("python", java.util.Optional.of("3.11.2"),
                java.util.Optional.of(python.toString())));
    }

    @Test
    void aRunnerServesOnlyWhatWasFound() {
        SubprocessActionRunner runner = new SubprocessActionRunner(SubprocessSettings.defaults()
                .withNode(dir.resolve("no-such-node").toString()));
        assertThat(runner.runners()).as("before detection: all three")
                .containsExactlyInAnyOrder(RunnerType.SHELL, RunnerType.PYTHON, RunnerType.NODE);

        List<WorkerRuntime> found = runner.detectRuntimes();

        assertThat(found).extracting(WorkerRuntime::runner).doesNotContain("node").contains("shell");
        assertThat(runner.runners()).doesNotContain(RunnerType.NODE).contains(RunnerType.SHELL);
        assertThat(runner.runtimes()).isEqualTo(found);
    }
}
