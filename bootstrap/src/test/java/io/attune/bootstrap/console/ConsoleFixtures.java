package io.attune.bootstrap.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.attune.bootstrap.execution.ExecutionApiEndToEndTest;
import io.attune.bootstrap.support.Api;
import java.time.Instant;
import java.util.Map;

/** What the console's page tests set up through the API: workflows, inquiries, rules. */
final class ConsoleFixtures {

    private ConsoleFixtures() {
    }

    /** Creates a user with this role. */
    static void user(Api admin, String name, String role, String password) {
        Api.Response created = admin.post("/api/v1/users",
                Api.json(Map.of("username", name, "password", password, "role", role)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    /** Starts the examples pack's approval workflow; returns its id once it waits for its inquiry (paused). */
    static long approvalWaiting(Api admin, String version) {
        Api.Response created = admin.post("/api/v1/executions", Api.json(Map.of("action", "examples.approve_deploy",
                "parameters", Map.of("version", version))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long workflow = created.json().path("id").asLong();
        awaitStatus(admin, workflow, "paused");
        return workflow;
    }

    /** The pending inquiry a workflow's (first) child asked. */
    static long inquiryOfWorkflow(Api admin, long workflow) {
        long ask = admin.get("/api/v1/executions?parent=" + workflow).json().path("items").get(0).path("id").asLong();
        return inquiryOf(admin, ask);
    }

    /** The inquiry of execution {@code execution}, once it is listed. */
    static long inquiryOf(Api admin, long execution) {
        Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            for (JsonNode i : admin.get("/api/v1/inquiries?limit=200").json().path("items")) {
                if (i.path("execution").asLong() == execution) {
                    return i.path("id").asLong();
                }
            }
            ExecutionApiEndToEndTest.sleep(100);
        }
        throw new AssertionError("no inquiry of execution " + execution);
    }

    static JsonNode awaitStatus(Api admin, long execution, String status) {
        Instant deadline = Instant.now().plusSeconds(30);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            last = admin.get("/api/v1/executions/" + execution).json();
            if (status.equals(last.path("status").asText())) {
                return last;
            }
            ExecutionApiEndToEndTest.sleep(100);
        }
        throw new AssertionError("execution " + execution + " is not " + status + ": " + last);
    }

    /** A webhook rule of the examples pack running core.echo, with these criteria and message. */
    static String rule(Api admin, String name, Map<String, Object> criteria, String message) {
        String ref = "examples." + name;
        Api.Response created = admin.post("/api/v1/rules", Api.json(Map.of("ref", ref,
                "description", "console test <b>rule</b>",
                "trigger", Map.of("type", "core.webhook", "parameters", Map.of("url", "console/" + name)),
                "criteria", criteria,
                "action", Map.of("ref", "core.echo", "parameters", Map.of("message", message)))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return ref;
    }

    /** The newest console audit entry of this actor, action and target; entries are written in batches, so it may take a moment. */
    static JsonNode auditEntry(Api admin, String actor, String action, String target) {
        for (int i = 0; i < 100; i++) {
            for (JsonNode entry : admin.get("/api/v1/audit?actor=" + actor + "&action=" + action).json().path("items")) {
                if (entry.path("target").asText().equals(target) && entry.path("details").path("via").asText().equals("console")) {
                    return entry;
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("no console audit entry " + action + " of " + target + " by " + actor);
    }
}
