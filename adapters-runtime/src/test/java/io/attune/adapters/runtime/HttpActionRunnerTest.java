package io.attune.adapters.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.attune.application.port.out.ActionRunner.RunOutcome;
import io.attune.application.port.out.ActionRunner.RunRequest;
import io.attune.domain.action.Action;
import io.attune.domain.action.OutputFormat;
import io.attune.domain.action.ParameterSchema;
import io.attune.domain.action.RunnerType;
import io.attune.domain.common.Ref;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpActionRunnerTest {

    private HttpServer server;
    private String base;
    private final HttpActionRunner runner = new HttpActionRunner();
    private final Action http = new Action(Ref.parse("core.http"), "", RunnerType.HTTP, Optional.empty(),
            ParameterSchema.none(), OutputFormat.JSON, Optional.empty(), true);

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ok", ex -> {
            byte[] body = ("{\"method\": \"" + ex.getRequestMethod() + "\", \"got\": \""
                    + new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8) + "\"}").getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.createContext("/missing", ex -> {
            ex.sendResponseHeaders(404, -1);
            ex.close();
        });
        server.createContext("/slow", ex -> {
            try {
                Thread.sleep(5000);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            ex.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private RunOutcome run(Map<String, Object> parameters, Duration timeout) throws InterruptedException {
        return runner.start(new RunRequest(1, http, null, parameters, timeout, Map.of(), 4096)).await();
    }

    @Test
    void aSuccessfulRequestGivesStatusHeadersAndTheParsedJsonBody() throws Exception {
        RunOutcome outcome = run(Map.of("url", base + "/ok", "method", "POST", "body", "hello"), Duration.ofSeconds(5));

        assertThat(outcome).isInstanceOfSatisfying(RunOutcome.Exited.class, e -> {
            assertThat(e.exitCode()).isZero();
            @SuppressWarnings("unchecked")
            Map<String, Object> result = (Map<String, Object>) e.result().orElseThrow();
            assertThat(result).containsEntry("status_code", 200);
            assertThat(result.get("body")).isEqualTo(Map.of("method", "POST", "got", "hello"));
        });
    }

    @Test
    void aClientErrorStatusFailsTheExecution() throws Exception {
        RunOutcome outcome = run(Map.of("url", base + "/missing"), Duration.ofSeconds(5));

        assertThat(outcome).isInstanceOfSatisfying(RunOutcome.Exited.class, e -> assertThat(e.exitCode()).isEqualTo(1));
    }

    @Test
    void aSlowServerTimesOut() throws Exception {
        assertThat(run(Map.of("url", base + "/slow"), Duration.ofMillis(300))).isInstanceOf(RunOutcome.TimedOut.class);
    }

    @Test
    void refusesANonHttpUrlAndAnUnknownMethod() throws Exception {
        assertThat(run(Map.of("url", "file:///etc/passwd"), Duration.ofSeconds(1))).isInstanceOf(RunOutcome.FailedToStart.class);
        assertThat(run(Map.of("url", base + "/ok", "method", "TRACE"), Duration.ofSeconds(1))).isInstanceOf(RunOutcome.FailedToStart.class);
    }
}
