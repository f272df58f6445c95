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
 * directory closed to it), how they call the API back ({@code ATTUNE_API_URL}, an execution's own token), and with
 * which interpreters ({@code ATTUNE_RUNTIME_SHELL}, {@code ATTUNE_RUNTIME_PYTHON}, {@code ATTUNE_RUNTIME_NODE}), of which
 * a worker serves only those it finds at start.
 */
@Factory
public class RuntimeFactory {

    private static final Duration SERVER_START_WAIT = Duration.ofSeconds(30);

    /** Made at startup in every role: the data directory is closed to other users even where no action runs. */
    @Context
    ActionIsolation actionIsolation(@Value("${attune.action-user:" + ActionAccounts.DEFAULT_USER + "}") String user,
                                    @Property(name = "attune.data-dir") String dataDir) {
        return ActionIsolation.start(user.trim(), Path.of(dataDir));
    }

    @Singleton
    ActionRunner subprocessActionRunner(ActionIsolation isolation, ExecutionTokens tokens,
                                        BeanProvider<EmbeddedServer> server,
                                        @Nullable @Property(name = "attune.api-url") String apiUrl,
                                        @Value("${micronaut.server.port:8080}") int configuredPort,
                                        @Value("${attune.runtime.shell:bash}") String shell,
                                        @Value("${attune.runtime.python:python3}") String python,
                                        @Value("${attune.runtime.node:node}") String node,
                                        Roles roles) {
        ActionApiAccess access = new ActionApiAccess() {
            private volatile String base = apiUrl == null || apiUrl.isBlank() ? null
                    : apiUrl.strip().replaceAll("/+$", "");

            @Override
            public String baseUrl() {
                if (base == null) {
                    base = "http://127.0.0.1:" + port();
                }
                return base;
            }

            /** The configured port; a random one (tests) is known once the server has started, moments after a worker may. */
            private int port() {
                if (configuredPort > 0) {
                    return configuredPort;
                }
                long deadline = System.nanoTime() + SERVER_START_WAIT.toNanos();
                while (!server.get().isRunning() && System.nanoTime() < deadline) {
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
                return server.get().getPort();
            }

            @Override
            public String token(long executionId, Duration validFor) {
                return tokens.issue(executionId, validFor);
            }
        };
        SubprocessSettings settings = new SubprocessSettings(program(shell, "shell"), program(python, "python"),
                program(node, "node"), SubprocessSettings.defaults().killGrace(), null, isolation.user());
        SubprocessActionRunner runner = new SubprocessActionRunner(settings, Optional.of(access));
        if (roles.has("worker")) {
            // before the worker registers and its listener picks its queues: it serves only what this host has
            runner.detectRuntimes();
        }
        return runner;
    }

    /** ATTUNE_RUNTIME_SHELL, _PYTHON, _NODE: a program on PATH or a path; blank means the default. */
    private static String program(String configured, String runtime) {
        String value = configured == null ? "" : configured.strip();
        return value.isEmpty() ? switch (runtime) {
            case "python" -> "python3";
            case "node" -> "node";
            default -> "bash";
        } : value;
    }
}
