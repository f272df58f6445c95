package io.attune.adapters.runtime;

import io.attune.application.port.in.ExecutionQueries.WorkerRuntime;
import io.attune.domain.action.RunnerType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which of the subprocess runtimes this host has, found once at a worker's start: for shell, python and node, the
 * interpreter the settings name (a program looked up on {@code PATH}, or a path) is resolved and asked its version
 * ({@code --version}, within a few seconds). A runtime whose interpreter is missing or does not answer is not served:
 * the worker does not consume its queue, and says why in its log.
 */
public final class RuntimeDetection {

    private static final Logger LOG = LoggerFactory.getLogger(RuntimeDetection.class);
    private static final Duration VERSION_WAIT = Duration.ofSeconds(5);
    private static final Pattern VERSION = Pattern.compile("(\\d+(?:\\.\\d+)+)");

    private RuntimeDetection() {
    }

    /** The runtimes found, in runner order; the missing ones are logged. */
    public static List<WorkerRuntime> detect(SubprocessSettings settings, String searchPath) {
        List<WorkerRuntime> found = new ArrayList<>();
        for (RunnerType runner : List.of(RunnerType.SHELL, RunnerType.PYTHON, RunnerType.NODE)) {
            String program = switch (runner) {
                case PYTHON -> settings.python();
                case NODE -> settings.node();
                default -> settings.bash();
            };
            Optional<Path> path = Launch.findProgram(program, searchPath);
            if (path.isEmpty()) {
                LOG.warn("Runtime {} is not served by this worker: '{}' {}", runner.code(), program,
                        program.contains("/") ? "is not an executable file" : "was not found on PATH");
                continue;
            }
            Optional<String> version = version(path.get());
            if (version.isEmpty()) {
                LOG.warn("Runtime {} is not served by this worker: '{} --version' did not answer with a version",
                        runner.code(), path.get());
                continue;
            }
            LOG.info("Runtime {}: {} {}", runner.code(), path.get(), version.get());
            found.add(new WorkerRuntime(runner.code(), version, Optional.of(path.get().toString())));
        }
        return List.copyOf(found);
    }

    /** The first dotted number {@code <interpreter> --version} prints (on stdout or stderr), within a few seconds. */
    static Optional<String> version(Path interpreter) {
        Process process;
        try {
            process = new ProcessBuilder(interpreter.toString(), "--version").redirectErrorStream(true).start();
        } catch (IOException e) {
            return Optional.empty();
        }
        try (InputStream out = process.getInputStream()) {
            process.getOutputStream().close();
            if (!process.waitFor(VERSION_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            String text = new String(out.readNBytes(4096), StandardCharsets.UTF_8);
            Matcher matcher = VERSION.matcher(text);
            return process.exitValue() == 0 && matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return Optional.empty();
        }
    }
}
