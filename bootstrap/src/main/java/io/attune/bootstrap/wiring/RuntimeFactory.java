package io.attune.bootstrap.wiring;

import io.attune.adapters.http.security.ExecutionTokens;
import io.attune.adapters.runtime.ActionApiAccess;
import io.attune.adapters.runtime.ActionAccounts;
import io.attune.adapters.runtime.SubprocessActionRunner;
import io.attune.adapters.runtime.SubprocessSettings;
import io.attune.application.port.out.ActionRunner;
import io.attune.bootstrap.infra.ActionIsolation;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Builds what starts actions as processes: who they run as ({@code ATTUNE_ACTION_USER}, decided at startup, the data
 * directory closed to it), and how they call the API back ({@code ATTUNE_API_URL}, an execution's own token).
 */
@Factory
public class RuntimeFactory {

    /** Made at startup in every role: the data directory is closed to other users even where no action runs. */
    @Context
    ActionIsolation actionIsolation(@Value("${attune.action-user:" + ActionAccounts.DEFAULT_USER + "}") String user,
                                    @Property(name = "attune.data-dir") String dataDir) {
        return ActionIsolation.start(user.trim(), Path.of(dataDir));
    }

    @Singleton
    ActionRunner subprocessActionRunner(ActionIsolation isolation, ExecutionTokens tokens,
                                        BeanProvider<EmbeddedServer> server,
                                        @Nullable @Property(name = "attune.api-url") String apiUrl) {
        ActionApiAccess access = new ActionApiAccess() {
            private volatile String base;

            @Override
            public String baseUrl() {
                if (base == null) {
                    base = apiUrl == null || apiUrl.isBlank()
                            ? "http://127.0.0.1:" + server.get().getPort()
                            : apiUrl.strip().replaceAll("/+$", "");
                }
                return base;
            }

            @Override
            public String token(long executionId, Duration validFor) {
                return tokens.issue(executionId, validFor);
            }
        };
        return new SubprocessActionRunner(SubprocessSettings.defaults().withUser(isolation.user()), Optional.of(access));
    }
}
