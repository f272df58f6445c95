package io.attune.adapters.runtime;

import io.attune.application.port.out.ActionRunner;
import io.attune.domain.action.RunnerType;
import io.attune.domain.common.Json;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs internal actions in the worker's own process, so no subprocess is paid: {@code core.echo} returns its message;
 * {@code core.noop} and any pack action on runner {@code internal} (StackStorm's {@code noop} runner) do nothing and
 * succeed.
 */
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
            case "core.echo" -> echo(request.parameters().get("message"));
            // core.noop, and any pack action on runner internal (StackStorm's noop): does nothing, succeeds
            default -> succeeded("", Map.of());
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
