package io.attune.adapters.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Finds, or as root creates, the OS account that actions and sensors run as ({@code ATTUNE_ACTION_USER}): a system
 * account without a home or a login shell, as StackStorm runs actions as {@code stanley}.
 */
public final class ActionAccounts {

    public static final String DEFAULT_USER = "attune-action";
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");

    private ActionAccounts() {
    }

    /** Whether {@code account} can enter {@code directory} and every directory above it (judged from POSIX bits). */
    public static boolean reaches(ProcessUser.Account account, Path directory) {
        return Access.searchable(directory.toString(), account);
    }

    /** Whether this process runs as root (uid 0); false where that cannot be told (not Linux). */
    public static boolean serverIsRoot() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(l -> l.startsWith("Uid:")).findFirst()
                    .map(l -> l.split("\\s+")[2].equals("0")).orElse(false);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Who actions run as, for a server running as root: {@code name}'s account, created with {@code useradd --system}
     * when missing; the server's own only when {@code name} is {@code root}; Unavailable (nothing runs) when the
     * account cannot be found nor made.
     */
    public static ProcessUser forRootServer(String name) {
        if ("root".equals(name)) {
            return new ProcessUser.Server();
        }
        if (name == null || !NAME.matcher(name).matches()) {
            return new ProcessUser.Unavailable("ATTUNE_ACTION_USER '" + name + "' is not a valid user name;"
                    + " actions are not run as root");
        }
        Optional<ProcessUser.Account> found = lookup(name);
        if (found.isPresent()) {
            return found.get();
        }
        String created = run(List.of("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", name));
        return lookup(name).<ProcessUser>map(a -> a).orElseGet(() -> new ProcessUser.Unavailable(
                "the action user '" + name + "' does not exist and could not be created (useradd: " + created
                        + "); actions are not run as root: create it (useradd --system --no-create-home --shell"
                        + " /usr/sbin/nologin " + name + ") or set ATTUNE_ACTION_USER"));
    }

    /** The account from the system's user database ({@code getent passwd}). */
    static Optional<ProcessUser.Account> lookup(String name) {
        String line = run(List.of("getent", "passwd", name)).strip();
        String[] fields = line.split(":", -1);
        if (fields.length < 7 || !fields[0].equals(name)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ProcessUser.Account(name, Long.parseLong(fields[2]), Long.parseLong(fields[3]),
                    Path.of(fields[5].isEmpty() ? "/" : fields[5])));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The command's output (stdout and stderr), or why it could not run. */
    private static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            byte[] out = process.getInputStream().readNBytes(4096);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "timed out";
            }
            String text = new String(out, StandardCharsets.UTF_8).strip();
            return process.exitValue() == 0 || !text.isEmpty() ? text : "exit code " + process.exitValue();
        } catch (IOException e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
