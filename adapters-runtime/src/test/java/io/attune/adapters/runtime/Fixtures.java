package io.attune.adapters.runtime;

import io.attune.application.port.out.ActionRunner.RunRequest;
import io.attune.domain.action.Action;
import io.attune.domain.action.OutputFormat;
import io.attune.domain.action.ParameterSchema;
import io.attune.domain.action.RunnerType;
import io.attune.domain.common.Ref;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small packs written into a temporary directory, and requests to run them. */
final class Fixtures {

    static final Duration GRACE = Duration.ofMillis(200);
    static final Duration LONG = Duration.ofSeconds(20);
    static final int CAP = 64 * 1024;

    private Fixtures() {
    }

    static SubprocessActionRunner runner() {
        return new SubprocessActionRunner(SubprocessSettings.defaults().withKillGrace(GRACE));
    }

    /** Writes {@code actions/<file>} under {@code pack} and returns the pack directory. */
    static Path script(Path pack, String file, String text) {
        try {
            Path path = pack.resolve("actions").resolve(file);
            Files.createDirectories(path.getParent());
            Files.writeString(path, text);
            return pack;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Action action(RunnerType runner, String entryPoint, OutputFormat format) {
        return new Action(Ref.parse("fixture." + (entryPoint == null ? "local" : "act")), "", runner,
                Optional.ofNullable(entryPoint), ParameterSchema.none(), format, Optional.empty(), true);
    }

    static RunRequest request(Action action, Path pack, Map<String, Object> parameters, Duration timeout) {
        return new RunRequest(42, action, pack, parameters, timeout, Map.of(), CAP);
    }

    static RunRequest shell(Path pack, String file, Map<String, Object> parameters) {
        return request(action(RunnerType.SHELL, file, OutputFormat.TEXT), pack, parameters, LONG);
    }

    static RunRequest command(String cmd, Map<String, Object> more) {
        Map<String, Object> parameters = new java.util.LinkedHashMap<>(more);
        parameters.put("cmd", cmd);
        return request(action(RunnerType.SHELL, null, OutputFormat.TEXT), null, parameters, LONG);
    }

    /** The numbers printed after {@code label} ("child 1234"), in order. */
    static List<Long> pids(String stdout, String label) {
        List<Long> pids = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^" + label + " (\\d+)$").matcher(stdout);
        while (m.find()) {
            pids.add(Long.parseLong(m.group(1)));
        }
        return pids;
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessTree::isRunning).orElse(false);
    }
}
