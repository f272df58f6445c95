package io.attune.adapters.runtime;

import io.attune.application.port.out.ActionRunner.RunRequest;
import io.attune.domain.action.Action;
import io.attune.domain.action.RunnerType;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** How one action is started, worked out before anything runs: a command line, or the reason it cannot start. */
sealed interface Launch {

    /**
     * Ready to spawn. {@code command} holds only interpreter, script path, or the {@code cmd} text as the single
     * argument after {@code -c}: parameter values never become part of a command line.
     */
    record Ready(List<String> command, Path directory, Map<String, String> commandEnvironment) implements Launch {
        public Ready {
            command = List.copyOf(command);
            commandEnvironment = Map.copyOf(commandEnvironment);
        }
    }

    /** Cannot start; the reason is meant for the execution's result. */
    record Refused(String reason) implements Launch {
    }

    static Launch plan(RunRequest request, SubprocessSettings settings, String searchPath) {
        Action action = request.action();
        RunnerType runner = action.runner();
        String program = switch (runner) {
            case SHELL -> settings.bash();
            case PYTHON -> settings.python();
            case NODE -> settings.node();
            case INTERNAL, HTTP, WORKFLOW, INQUIRER -> null;
        };
        if (program == null) {
            return new Refused("the subprocess runner does not run '" + runner.code() + "' actions");
        }
        Optional<Path> interpreter = findProgram(program, searchPath);
        if (interpreter.isEmpty()) {
            return new Refused("the " + runner.code() + " interpreter '" + program + "' "
                    + (program.contains(File.separator) ? "is not an executable file" : "was not found on PATH"));
        }
        if (action.entryPoint().isEmpty()) {
            return runner == RunnerType.SHELL
                    ? shellCommand(interpreter.get(), request, settings)
                    : new Refused("a " + runner.code() + " action needs an entry_point");
        }
        if (request.packDirectory() == null) {
            return new Refused("no pack directory was given for entry_point '" + action.entryPoint().get() + "'");
        }
        Path actions = request.packDirectory().resolve("actions").toAbsolutePath().normalize();
        return script(interpreter.get(), actions, action.entryPoint().get());
    }

    /**
     * {@code interpreter <entry point>}, run in {@code actions} (the pack's {@code actions/} or {@code sensors/} folder);
     * refused unless the entry point is a file inside that folder, also after following symbolic links.
     */
    static Launch script(Path interpreter, Path actions, String entryPoint) {
        String folder = "the pack's " + actions.getFileName() + " folder";
        Path candidate;
        try {
            candidate = actions.resolve(entryPoint).normalize();
        } catch (InvalidPathException e) {
            return new Refused("entry_point '" + entryPoint + "' is not a valid path");
        }
        if (!candidate.startsWith(actions) || candidate.equals(actions)) {
            return new Refused("entry_point '" + entryPoint + "' points outside " + folder);
        }
        if (!Files.isRegularFile(candidate)) {
            return new Refused("entry_point '" + entryPoint + "' not found: there is no file " + candidate);
        }
        try {
            Path real = candidate.toRealPath();
            if (!real.startsWith(actions.toRealPath())) {
                return new Refused("entry_point '" + entryPoint
                        + "' leads outside " + folder + " through a symbolic link");
            }
            return new Ready(List.of(interpreter.toString(), real.toString()), actions, Map.of());
        } catch (IOException e) {
            return new Refused("entry_point '" + entryPoint + "' cannot be read: " + e.getMessage());
        }
    }

    /** core.local style: {@code bash -c <cmd>}, in {@code cwd} or the scratch directory, with {@code env} added. */
    private static Launch shellCommand(Path bash, RunRequest request, SubprocessSettings settings) {
        Map<String, Object> parameters = request.parameters();
        if (!(parameters.get("cmd") instanceof String cmd) || cmd.isBlank()) {
            return new Refused("a shell action without entry_point runs its 'cmd' parameter, which must be a"
                    + " non-empty string");
        }
        Path directory = settings.scratchDirectory();
        Object cwd = parameters.get("cwd");
        if (cwd != null) {
            if (!(cwd instanceof String path) || path.isBlank()) {
                return new Refused("the 'cwd' parameter must be a directory path");
            }
            try {
                directory = settings.scratchDirectory().resolve(path);
            } catch (InvalidPathException e) {
                return new Refused("cwd '" + path + "' is not a valid path");
            }
            if (!Files.isDirectory(directory)) {
                return new Refused("cwd '" + path + "' is not an existing directory");
            }
        }
        Map<String, String> env = new LinkedHashMap<>();
        Object extra = parameters.get("env");
        if (extra != null) {
            if (!(extra instanceof Map<?, ?> entries)) {
                return new Refused("the 'env' parameter must be an object of variable names to strings");
            }
            for (Map.Entry<?, ?> entry : entries.entrySet()) {
                String name = String.valueOf(entry.getKey());
                if (!ActionEnvironment.isValidName(name) || ActionEnvironment.isAttuneName(name)) {
                    return new Refused("env: '" + name + "' is not a variable an action may set"
                            + " (letters, digits and '_', not starting with ATTUNE_)");
                }
                if (!(entry.getValue() instanceof String value) || value.indexOf('\0') >= 0) {
                    return new Refused("env: the value of '" + name + "' must be a string without NUL characters");
                }
                env.put(name, value);
            }
        }
        return new Ready(List.of(bash.toString(), "-c", cmd), directory, env);
    }

    /** A program name looked up on {@code searchPath}, or a path (containing '/') taken as it is. */
    static Optional<Path> findProgram(String program, String searchPath) {
        if (program.contains(File.separator)) {
            return asPath(program).map(Path::toAbsolutePath).filter(Launch::isExecutableFile);
        }
        if (searchPath == null) {
            return Optional.empty();
        }
        for (String directory : searchPath.split(File.pathSeparator)) {
            Optional<Path> candidate = directory.isEmpty() ? Optional.empty() : asPath(directory)
                    .map(d -> d.resolve(program)).filter(Launch::isExecutableFile);
            if (candidate.isPresent()) {
                return candidate;
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> asPath(String text) {
        try {
            return Optional.of(Path.of(text));
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    private static boolean isExecutableFile(Path path) {
        return Files.isRegularFile(path) && Files.isExecutable(path);
    }
}
