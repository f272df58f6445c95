package io.attune.adapters.runtime;

import static io.attune.adapters.runtime.Fixtures.LONG;
import static io.attune.adapters.runtime.Fixtures.action;
import static io.attune.adapters.runtime.Fixtures.command;
import static io.attune.adapters.runtime.Fixtures.request;
import static io.attune.adapters.runtime.Fixtures.runner;
import static io.attune.adapters.runtime.Fixtures.script;
import static io.attune.adapters.runtime.Fixtures.shell;
import static org.assertj.core.api.Assertions.assertThat;

import io.attune.application.port.out.ActionRunner.RunOutcome;
import io.attune.application.port.out.ActionRunner.RunOutcome.Exited;
import io.attune.application.port.out.ActionRunner.RunOutcome.FailedToStart;
import io.attune.application.port.out.ActionRunner.RunRequest;
import io.attune.domain.action.OutputFormat;
import io.attune.domain.action.RunnerType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubprocessActionRunnerTest {

    @TempDir
    Path pack;

    private final SubprocessActionRunner runner = runner();

    private RunOutcome run(RunRequest request) throws InterruptedException {
        return runner.start(request).await();
    }

    private Exited exited(RunRequest request) throws InterruptedException {
        RunOutcome outcome = run(request);
        assertThat(outcome).isInstanceOf(Exited.class);
        return (Exited) outcome;
    }

    @Test
    void handsOutWhatTheActionPrintsWhileItRunsAndTheRestAfterItsEnd() throws Exception {
        script(pack, "slow.sh", "echo first\necho oops >&2\nsleep 1\necho second\n");
        io.attune.application.port.out.ActionRunner.RunningAction running = runner.start(shell(pack, "slow.sh", Map.of()));

        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while ((out.isEmpty() || err.isEmpty()) && System.nanoTime() < deadline) {
            io.attune.application.port.out.ActionRunner.NewOutput seen = running.takeNewOutput();
            out.append(seen.stdout());
            err.append(seen.stderr());
            Thread.sleep(20);
        }
        assertThat(out).hasToString("first\n");
        assertThat(err).hasToString("oops\n");

        RunOutcome outcome = running.await();
        io.attune.application.port.out.ActionRunner.NewOutput rest = running.takeNewOutput();
        assertThat(rest.stdout()).isEqualTo("second\n");
        assertThat(rest.stderr()).isEmpty();
        assertThat(running.takeNewOutput().isEmpty()).isTrue();
        assertThat(((Exited) outcome).output().stdout()).isEqualTo("first\nsecond\n");
    }

    @Test
    void shellScriptReadsItsParameterFromTheEnvironment() throws Exception {
        script(pack, "greet.sh", "echo \"Hello, $ATTUNE_PARAM_NAME!\"\n");

        Exited exited = exited(shell(pack, "greet.sh", Map.of("name", "Ada")));

        assertThat(exited.exitCode()).isZero();
        assertThat(exited.output().stdout()).isEqualTo("Hello, Ada!\n");
        assertThat(exited.result()).isEmpty();
        assertThat(exited.resultError()).isEmpty();
    }

    @Test
    void nonStringParametersArriveAsJsonTextAndNullOnesNotAtAll() throws Exception {
        script(pack, "show.sh", """
                echo "n=$ATTUNE_PARAM_COUNT b=$ATTUNE_PARAM_LOUD l=$ATTUNE_PARAM_TAGS m=$ATTUNE_PARAM_OPTS"
                echo "missing=${ATTUNE_PARAM_GONE-unset}"
                """);
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("count", 3);
        parameters.put("loud", true);
        parameters.put("tags", List.of("a", "b"));
        parameters.put("opts", Map.of("k", 1));
        parameters.put("gone", null);

        Exited exited = exited(shell(pack, "show.sh", parameters));

        assertThat(exited.output().stdout())
                .isEqualTo("n=3 b=true l=[\"a\",\"b\"] m={\"k\":1}\nmissing=unset\n");
    }

    @Test
    void pythonReadsParametersFromStdinAndItsJsonOutputBecomesTheResult() throws Exception {
        script(pack, "hello.py", """
                import json, sys
                p = json.load(sys.stdin)
                print("thinking...", file=sys.stderr)
                print(json.dumps({"greeting": "Hello, " + p["name"], "next": p["n"] + 1, "tags": p["tags"]}))
                """);
        RunRequest request = request(action(RunnerType.PYTHON, "hello.py", OutputFormat.JSON), pack,
                Map.of("name", "Ada", "n", 41, "tags", List.of("x", "y")), LONG);

        Exited exited = exited(request);

        assertThat(exited.exitCode()).isZero();
        assertThat(exited.output().stderr()).isEqualTo("thinking...\n");
        assertThat(exited.resultError()).isEmpty();
        assertThat(exited.result()).contains(Map.of("greeting", "Hello, Ada", "next", 42, "tags", List.of("x", "y")));
    }

    @Test
    void nodeReadsParametersFromStdinAndItsJsonOutputBecomesTheResult() throws Exception {
        script(pack, "hello.js", """
                let text = '';
                process.stdin.on('data', c => text += c);
                process.stdin.on('end', () => {
                  const p = JSON.parse(text);
                  console.log(JSON.stringify({greeting: 'Hello, ' + p.name, upper: process.env.ATTUNE_PARAM_NAME.toUpperCase()}));
                });
                """);
        RunRequest request = request(action(RunnerType.NODE, "hello.js", OutputFormat.JSON), pack,
                Map.of("name", "Ada"), LONG);

        Exited exited = exited(request);

        assertThat(exited.resultError()).isEmpty();
        assertThat(exited.result()).contains(Map.of("greeting", "Hello, Ada", "upper", "ADA"));
    }

    @Test
    void aJsonResultMayFollowLogLinesOnItsOwnLastLine() throws Exception {
        script(pack, "log.sh", "echo 'starting up'\necho '{\"ok\": true}'\n");

        Exited exited = exited(request(action(RunnerType.SHELL, "log.sh", OutputFormat.JSON), pack, Map.of(), LONG));

        assertThat(exited.result()).contains(Map.of("ok", true));
        assertThat(exited.resultError()).isEmpty();
    }

    @Test
    void unparseableJsonOutputIsAResultErrorNotAResult() throws Exception {
        script(pack, "bad.sh", "echo '{\"ok\": tru'\n");

        Exited exited = exited(request(action(RunnerType.SHELL, "bad.sh", OutputFormat.JSON), pack, Map.of(), LONG));

        assertThat(exited.exitCode()).isZero();
        assertThat(exited.result()).isEmpty();
        assertThat(exited.resultError()).hasValueSatisfying(e -> assertThat(e).startsWith("stdout is not valid JSON"));
    }

    @Test
    void textOutputHasNoResult() throws Exception {
        script(pack, "json.sh", "echo '{\"ok\": true}'\n");

        Exited exited = exited(shell(pack, "json.sh", Map.of()));

        assertThat(exited.result()).isEmpty();
        assertThat(exited.resultError()).isEmpty();
    }

    @Test
    void nonZeroExitCodeIsReported() throws Exception {
        script(pack, "fail.sh", "echo oops >&2\nexit 3\n");

        Exited exited = exited(shell(pack, "fail.sh", Map.of()));

        assertThat(exited.exitCode()).isEqualTo(3);
        assertThat(exited.output().stderr()).isEqualTo("oops\n");
    }

    @Test
    void outputBeyondTheCapIsCountedNotKept() throws Exception {
        script(pack, "loud.sh", """
                head -c 1048576 /dev/zero | tr '\\0' 'a'
                head -c 5000 /dev/zero | tr '\\0' 'b' >&2
                """);
        RunRequest request = new RunRequest(1, action(RunnerType.SHELL, "loud.sh", OutputFormat.JSON), pack,
                Map.of(), LONG, Map.of(), 1024);

        Exited exited = exited(request);

        assertThat(exited.output().stdout()).hasSize(1024).matches("a+");
        assertThat(exited.output().stdoutOverflowBytes()).isEqualTo(1048576 - 1024);
        assertThat(exited.output().stderr()).hasSize(1024).matches("b+");
        assertThat(exited.output().stderrOverflowBytes()).isEqualTo(5000 - 1024);
        assertThat(exited.resultError()).hasValueSatisfying(e -> assertThat(e).contains("output cap"));
    }

    @Test
    void shellMetacharactersInParametersArriveVerbatimAndRunNothing(@TempDir Path scratch) throws Exception {
        Path marker = scratch.resolve("pwned");
        Map<String, Object> evil = new LinkedHashMap<>();
        evil.put("a", "$(touch " + marker + ")");
        evil.put("b", "`touch " + marker + "`");
        evil.put("c", "; touch " + marker + "; rm -rf " + scratch + " #");
        evil.put("d", "it's \"quoted\" \\ & | > " + marker + " \n next line");
        script(pack, "show.sh", """
                printf '[%s]\\n' "$ATTUNE_PARAM_A" "$ATTUNE_PARAM_B" "$ATTUNE_PARAM_C" "$ATTUNE_PARAM_D"
                cat
                """);

        Exited exited = exited(shell(pack, "show.sh", evil));

        String expectedEnv = "[" + evil.get("a") + "]\n[" + evil.get("b") + "]\n[" + evil.get("c") + "]\n["
                + evil.get("d") + "]\n";
        assertThat(exited.output().stdout()).startsWith(expectedEnv);
        assertThat(exited.output().stdout().substring(expectedEnv.length()))
                .as("the JSON document on stdin").contains("\"a\":\"$(touch ").contains("it's \\\"quoted\\\"");
        assertThat(marker).doesNotExist();
        assertThat(scratch).exists();
    }

    @Test
    void commandRunsItsCmdWithBashAndOtherParametersOnlyAsVariables(@TempDir Path scratch) throws Exception {
        Path marker = scratch.resolve("pwned");

        Exited exited = exited(command("printf '%s|' \"$ATTUNE_PARAM_EVIL\"; echo $((6 * 7))",
                Map.of("evil", "$(touch " + marker + ")")));

        assertThat(exited.exitCode()).isZero();
        assertThat(exited.output().stdout()).isEqualTo("$(touch " + marker + ")|42\n");
        assertThat(marker).doesNotExist();
    }

    @Test
    void commandRunsInCwdWithEnvAdded(@TempDir Path work) throws Exception {
        Exited exited = exited(command("pwd; echo \"$GREETING\"",
                Map.of("cwd", work.toString(), "env", Map.of("GREETING", "hi there"))));

        assertThat(exited.output().stdout()).isEqualTo(work + "\nhi there\n");
    }

    @Test
    void commandWithoutCwdRunsInTheScratchDirectory(@TempDir Path scratch) throws Exception {
        SubprocessActionRunner runner = new SubprocessActionRunner(
                SubprocessSettings.defaults().withKillGrace(Fixtures.GRACE).withScratchDirectory(scratch));

        RunOutcome outcome = runner.start(command("pwd", Map.of())).await();

        assertThat(((Exited) outcome).output().stdout()).isEqualTo(scratch + "\n");
    }

    @Test
    void scriptsRunInThePacksActionsDirectory() throws Exception {
        script(pack, "where.sh", "pwd\n");

        Exited exited = exited(shell(pack, "where.sh", Map.of()));

        assertThat(exited.output().stdout()).isEqualTo(pack.resolve("actions").toAbsolutePath().normalize() + "\n");
    }

    @Test
    void commandWithMissingCwdFailsToStart() throws Exception {
        RunOutcome outcome = run(command("pwd", Map.of("cwd", pack.resolve("nowhere").toString())));

        assertThat(outcome).isEqualTo(new FailedToStart("cwd '" + pack.resolve("nowhere")
                + "' is not an existing directory"));
    }

    @Test
    void commandMayNotSetAttuneVariablesThroughEnv() throws Exception {
        RunOutcome outcome = run(command("env", Map.of("env", Map.of("ATTUNE_EXECUTION_ID", "1"))));

        assertThat(outcome).isInstanceOfSatisfying(FailedToStart.class,
                f -> assertThat(f.reason()).contains("ATTUNE_EXECUTION_ID"));
    }

    @Test
    void shellWithoutEntryPointNeedsCmd() throws Exception {
        RunOutcome outcome = run(request(action(RunnerType.SHELL, null, OutputFormat.TEXT), null, Map.of(), LONG));

        assertThat(outcome).isInstanceOfSatisfying(FailedToStart.class,
                f -> assertThat(f.reason()).contains("'cmd' parameter"));
    }

    @Test
    void missingEntryPointFailsToStart() throws Exception {
        Files.createDirectories(pack.resolve("actions"));

        RunOutcome outcome = run(shell(pack, "absent.sh", Map.of()));

        assertThat(outcome).isInstanceOfSatisfying(FailedToStart.class,
                f -> assertThat(f.reason()).startsWith("entry_point 'absent.sh' not found"));
    }

    @Test
    void entryPointLeavingTheActionsFolderThroughASymlinkFailsToStart() throws Exception {
        Files.writeString(pack.resolve("outside.sh"), "echo escaped\n");
        Files.createDirectories(pack.resolve("actions"));
        Files.createSymbolicLink(pack.resolve("actions/inside.sh"), Path.of("../outside.sh"));

        RunOutcome outcome = run(shell(pack, "inside.sh", Map.of()));

        assertThat(outcome).isInstanceOfSatisfying(FailedToStart.class,
                f -> assertThat(f.reason()).contains("outside the pack's actions folder"));
    }

    @Test
    void entryPointEscapingWithDotDotIsRefused() {
        // Action itself refuses '..'; the runner checks again for whatever reaches it another way.
        Path actions = pack.resolve("actions");

        assertThat(Launch.script(Path.of("/bin/bash"), actions, "../secret.sh"))
                .isEqualTo(new Launch.Refused("entry_point '../secret.sh' points outside the pack's actions folder"));
        assertThat(Launch.script(Path.of("/bin/bash"), actions, "/etc/passwd"))
                .isInstanceOf(Launch.Refused.class);
    }

    @Test
    void missingInterpreterFailsToStart() throws Exception {
        script(pack, "hello.py", "print('hi')\n");
        SubprocessActionRunner runner = new SubprocessActionRunner(
                SubprocessSettings.defaults().withPython("python3-that-does-not-exist"));

        RunOutcome outcome = runner.start(
                request(action(RunnerType.PYTHON, "hello.py", OutputFormat.TEXT), pack, Map.of(), LONG)).await();

        assertThat(outcome).isEqualTo(new FailedToStart(
                "the python interpreter 'python3-that-does-not-exist' was not found on PATH"));
    }

    @Test
    void actionSeesOnlyAllowListedVariablesAndItsOwn() throws Exception {
        Map<String, String> server = new LinkedHashMap<>();
        server.put("PATH", System.getenv("PATH"));
        server.put("HOME", "/home/attune");
        server.put("SERVER_ONLY", "not for actions");
        server.put("ATTUNE_DATABASE_URL", "postgres://attune:secret@db/attune");
        server.put("attune_amqp_url", "amqp://secret");
        List<String> tokenRequests = new java.util.ArrayList<>();
        ActionApiAccess api = new ActionApiAccess() {
            @Override
            public String baseUrl() {
                return "http://127.0.0.1:8080";
            }

            @Override
            public String token(long executionId, java.time.Duration validFor) {
                tokenRequests.add(executionId + " " + validFor);
                return "token-of-" + executionId;
            }
        };
        SubprocessActionRunner runner = new SubprocessActionRunner(
                SubprocessSettings.defaults().withKillGrace(Fixtures.GRACE), server, java.util.Optional.of(api));
        script(pack, "env.sh", "env | sort\n");
        RunRequest request = new RunRequest(7, action(RunnerType.SHELL, "env.sh", OutputFormat.TEXT), pack,
                Map.of("name", "Ada"), LONG, Map.of(), 4096);

        Exited exited = (Exited) runner.start(request).await();

        // SHLVL and _ are the shell's own doing
        List<String> names = exited.output().stdout().lines().map(l -> l.substring(0, l.indexOf('=')))
                .filter(n -> !n.equals("SHLVL") && !n.equals("_")).toList();
        assertThat(names).containsExactlyInAnyOrder("PATH", "HOME", "PWD", "ATTUNE_EXECUTION_ID", "ATTUNE_ACTION",
                "ATTUNE_API_URL", "ATTUNE_API_TOKEN", "ATTUNE_PARAM_NAME");
        assertThat(exited.output().stdout().lines().toList())
                .contains("ATTUNE_EXECUTION_ID=7", "ATTUNE_ACTION=fixture.act", "ATTUNE_API_URL=http://127.0.0.1:8080",
                        "ATTUNE_API_TOKEN=token-of-7", "ATTUNE_PARAM_NAME=Ada");
        assertThat(tokenRequests).containsExactly("7 " + LONG.plus(SubprocessActionRunner.TOKEN_MARGIN));
    }

    @Test
    void cancelAfterTheEndChangesNothing() throws Exception {
        script(pack, "quick.sh", "echo done\n");
        var running = runner.start(shell(pack, "quick.sh", Map.of()));
        RunOutcome outcome = running.await();

        running.cancel();

        assertThat(running.await()).isEqualTo(outcome).isInstanceOf(Exited.class);
    }

    @Test
    void whatTheActionLeftInTheBackgroundDiesWithIt() throws Exception {
        // the sleep's argv[0] is a marker unique to this run, to find it in /proc whatever its pid
        String marker = "attune-leftover-" + UUID.randomUUID();
        try {
            Exited exited = exited(command("(exec -a " + marker + " sleep 300) & echo started", Map.of()));

            assertThat(exited.exitCode()).isZero();
            assertThat(exited.output().stdout()).isEqualTo("started\n");
            long deadline = System.nanoTime() + 2_000_000_000L;
            while (!withMarker(marker).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(withMarker(marker)).as("processes left by the action").isEmpty();
        } finally {
            withMarker(marker).forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        }
    }

    /** Running, non-zombie processes whose command line contains {@code marker}. */
    private static List<Long> withMarker(String marker) throws IOException {
        try (var entries = Files.list(Path.of("/proc"))) {
            return entries.filter(e -> e.getFileName().toString().matches("\\d+"))
                    .filter(e -> {
                        try {
                            return new String(Files.readAllBytes(e.resolve("cmdline"))).contains(marker)
                                    && ProcessTree.isRunning(ProcessHandle.of(Long.parseLong(
                                            e.getFileName().toString())).orElseThrow());
                        } catch (IOException | RuntimeException gone) {
                            return false;
                        }
                    })
                    .map(e -> Long.parseLong(e.getFileName().toString()))
                    .toList();
        }
    }
}
