package io.attune.adapters.runtime;

import io.attune.application.port.out.ActionRunner;
import io.attune.domain.action.RunnerType;
import io.attune.domain.common.Json;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Runs the built-in internal actions (core.noop, core.echo) in the worker's own process, so no subprocess is paid. */
@Singleton
public class InProcessActionRunner implements ActionRunner {

    @Override
    public boolean inline() {
        return true;
    }

    @Override
    public Set<RunnerType> runners() {
        return Set.of(RunnerType.INTERNAL);
    }

    @Override
    public RunningAction start(RunRequest request) {
        String ref = request.action().ref().toString();
        return new Finished(switch (ref) {
            case "core.noop" -> succeeded("", Map.of());
            case "core.echo" -> echo(request.parameters().get("message"));
            default -> new RunOutcome.FailedToStart("no built-in action '" + ref + "': the internal runner knows"
                    + " core.noop and core.echo");
        });
    }

    private static RunOutcome echo(Object message) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("message", message);
        return succeeded(message == null ? "" : String.valueOf(message), result);
    }

    private static RunOutcome succeeded(String stdout, Map<String, Object> result) {
        return new RunOutcome.Exited(0, new Output(stdout, "", 0, 0),
                Optional.of(Json.copyObject(result)), Optional.empty());
    }
}
