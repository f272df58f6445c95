package io.attune.adapters.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the subprocess runner. Interpreters are program names looked up on {@code PATH} or paths to executables;
 * {@code killGrace} is how long a process tree gets between SIGTERM and SIGKILL, and also how long output is still
 * read after the action's own process ended; {@code scratchDirectory} is where a shell command without {@code cwd} runs;
 * {@code user} is the OS account actions and sensors run as.
 */
public record SubprocessSettings(String bash, String python, String node, Duration killGrace, Path scratchDirectory,
                                 ProcessUser user) {

    public SubprocessSettings {
        bash = requireProgram(bash, "bash");
        python = requireProgram(python, "python");
        node = requireProgram(node, "node");
        Objects.requireNonNull(killGrace, "killGrace");
        if (killGrace.isNegative()) {
            throw new IllegalArgumentException("killGrace must not be negative, got " + killGrace);
        }
        scratchDirectory = scratchDirectory == null
                ? Path.of(System.getProperty("java.io.tmpdir"))
                : scratchDirectory;
        Objects.requireNonNull(user, "user");
    }

    /** bash, python3 and node from {@code PATH}, a five-second grace period, the JVM's temporary directory, the server's user. */
    public static SubprocessSettings defaults() {
        return new SubprocessSettings("bash", "python3", "node", Duration.ofSeconds(5), null, new ProcessUser.Server());
    }

    public SubprocessSettings withKillGrace(Duration grace) {
        return new SubprocessSettings(bash, python, node, grace, scratchDirectory, user);
    }

    public SubprocessSettings withPython(String program) {
        return new SubprocessSettings(bash, program, node, killGrace, scratchDirectory, user);
    }

    public SubprocessSettings withNode(String program) {
        return new SubprocessSettings(bash, python, program, killGrace, scratchDirectory, user);
    }

    public SubprocessSettings withScratchDirectory(Path directory) {
        return new SubprocessSettings(bash, python, node, killGrace, directory, user);
    }

    public SubprocessSettings withUser(ProcessUser account) {
        return new SubprocessSettings(bash, python, node, killGrace, scratchDirectory, account);
    }

    private static String requireProgram(String program, String what) {
        if (program == null || program.isBlank()) {
            throw new IllegalArgumentException("the " + what + " interpreter must be named");
        }
        return program;
    }
}
