package io.attune.bootstrap.adversarial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.attune.bootstrap.execution.ExecutionApiEndToEndTest;
import io.attune.bootstrap.support.Api;
import io.attune.bootstrap.support.TestApplication;
import io.attune.bootstrap.support.WorkerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * An operator must not become admin through an action (issue 15, items 1 and 11): Attune as {@code ./attune start}
 * runs it (its own JVM, embedded PostgreSQL and broker, the signing secret and the encryption key in files of the
 * data directory, the default action user), and {@code core.local} commands try to reach the server's secrets.
 */
@Tag("adversarial")
class ActionIsolationAdversarialTest {

    /** Names an action's environment may hold: the allow-list, plus what bash itself sets. */
    private static final Set<String> ALLOWED = Set.of("PATH", "HOME", "LANG", "LC_ALL", "TZ", "PWD", "SHLVL", "_",
            "OLDPWD", "ATTUNE_EXECUTION_ID", "ATTUNE_ACTION", "ATTUNE_API_URL", "ATTUNE_API_TOKEN");

    private static Path dataDir;
    private static WorkerProcess attune;
    private static Api api;

    @BeforeAll
    static void startAttune() throws Exception {
        dataDir = Files.createTempDirectory("attune-isolation-data");
        attune = WorkerProcess.startEmbedded(Map.of("ATTUNE_DATA_DIR", dataDir.toString(),
                // the secrets in files of the data directory, as a first ./attune start makes them
                "ATTUNE_JWT_SECRET", "", "ATTUNE_ACTION_USER", "attune-action"));
        attune.awaitLog("Attune started in", Duration.ofSeconds(120));
        api = new Api("http://127.0.0.1:" + attune.port());
    }

    @AfterAll
    static void stopAttune() throws Exception {
        if (attune != null) {
            attune.stop();
        }
    }

    private static JsonNode runLocal(String cmd) {
        Api.Response created = api.post("/api/v1/executions",
                Api.json(Map.of("action", "core.local", "parameters", Map.of("cmd", cmd))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode done = ExecutionApiEndToEndTest.awaitTerminal(api, created.json().path("id").asLong(),
                Duration.ofSeconds(60));
        assertThat(done.path("status").asText()).as(done.toString()).isIn("succeeded", "failed");
        return done;
    }

    @Test
    void anActionsEnvironmentHoldsOnlyAllowListedNames() {
        JsonNode done = runLocal("env; printf '%s-%s\\n' PARENT ENV; tr '\\0' '\\n' < /proc/$PPID/environ");

        String stdout = done.path("stdout").asText();
        String own = stdout.substring(0, stdout.indexOf("PARENT-ENV"));
        List<String> names = own.lines().filter(l -> l.contains("="))
                .map(l -> l.substring(0, l.indexOf('='))).toList();
        assertThat(names).as(own).isNotEmpty()
                .allMatch(n -> ALLOWED.contains(n) || n.startsWith("ATTUNE_PARAM_"), "allow-listed");
        assertThat(names).contains("PATH", "ATTUNE_EXECUTION_ID", "ATTUNE_API_URL", "ATTUNE_API_TOKEN");
        // the parent an action can read is its supervisor, started with the same allow-listed environment
        assertThat(stdout).doesNotContain(TestApplication.ADMIN_PASSWORD, "ATTUNE_ADMIN_PASSWORD", "jdbc:",
                "ATTUNE_DATABASE", "JAVA_HOME", "amqp://");
    }

    @Test
    void anActionCannotReadTheSigningSecretTheKeyTheDatabaseNorTheServersEnvironment() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")),
                "only a server running as root can run actions as another user");
        String jwtSecret = Files.readString(dataDir.resolve("jwt.secret")).strip();
        String encryptionKey = Files.readString(dataDir.resolve("encryption.key")).strip();
        List<String> targets = List.of(dataDir.resolve("jwt.secret").toString(),
                dataDir.resolve("encryption.key").toString(), dataDir.resolve("postgres.log").toString(),
                dataDir.resolve("postgres/PG_VERSION").toString(), dataDir.resolve("postgres/postgresql.conf").toString(),
                "/proc/" + attune.pid() + "/environ");
        StringBuilder cmd = new StringBuilder("id -u; ");
        for (String target : targets) {
            cmd.append("if cat '").append(target).append("'; then echo 'READ ").append(target)
                    .append("'; else echo 'DENIED ").append(target).append("'; fi; ");
        }
        cmd.append("if ls '").append(dataDir).append("' '").append(dataDir).append("/postgres' '").append(dataDir)
                .append("/broker'; then echo LISTED; else echo 'DENIED list'; fi; ")
                .append("grep -r -l . '").append(dataDir).append("/broker' && echo 'READ broker' || true");

        JsonNode done = runLocal(cmd.toString());

        String stdout = done.path("stdout").asText();
        assertThat(stdout.lines().findFirst().orElse("")).as("uid of the action").isNotEqualTo("0");
        for (String target : targets) {
            assertThat(stdout).as(done.toString()).contains("DENIED " + target).doesNotContain("READ " + target);
        }
        assertThat(stdout).contains("DENIED list").doesNotContain("LISTED", "READ broker")
                .doesNotContain(jwtSecret, encryptionKey, TestApplication.ADMIN_PASSWORD, "ATTUNE_ADMIN_PASSWORD");
        assertThat(Files.getPosixFilePermissions(dataDir.resolve("jwt.secret")))
                .containsExactlyInAnyOrderElementsOf(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void anActionCannotLogIntoTheEmbeddedDatabaseWithoutItsPassword() throws Exception {
        Matcher url = Pattern
                .compile("Using embedded PostgreSQL at jdbc:postgresql://127\\.0\\.0\\.1:(\\d+)/").matcher(attune.log());
        assertThat(url.find()).as("the embedded PostgreSQL's port in the log").isTrue();
        // a PostgreSQL startup message as the superuser: trust answers AuthenticationOk (R, 0), a password SASL (R, 10)
        String probe = String.join("\n",
                "import socket, struct",
                "s = socket.create_connection(('127.0.0.1', " + url.group(1) + "))",
                "p = b'user\\0postgres\\0database\\0attune\\0\\0'",
                "s.sendall(struct.pack('!ii', 8 + len(p), 196608) + p)",
                "kind = s.recv(1); size = struct.unpack('!i', s.recv(4))[0]; body = s.recv(size - 4)",
                "print('AUTH', kind.decode(), struct.unpack('!i', body[:4])[0] if kind == b'R' else -1)");

        JsonNode done = runLocal("python3 -c \"" + probe + "\"");

        String stdout = done.path("stdout").asText();
        assertThat(stdout).as(done.toString()).contains("AUTH R 10").doesNotContain("AUTH R 0");
        assertThat(Files.getPosixFilePermissions(dataDir.resolve("postgres.password")))
                .containsExactlyInAnyOrderElementsOf(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void anActionCallsTheApiWithItsOwnTokenWhichIsRefusedOnceItHasEnded() throws Exception {
        JsonNode done = runLocal("""
                echo "URL $ATTUNE_API_URL"
                echo "TOKEN $ATTUNE_API_TOKEN"
                curl -s -w '\\nHTTP %{http_code}\\n' -H "Authorization: Bearer $ATTUNE_API_TOKEN" \
                  "$ATTUNE_API_URL/api/v1/executions/$ATTUNE_EXECUTION_ID"
                curl -s -o /dev/null -w 'KEY %{http_code}\\n' -H "Authorization: Bearer $ATTUNE_API_TOKEN" \
                  -H 'Content-Type: application/json' -d '{"name": "escape"}' "$ATTUNE_API_URL/api/v1/auth/api-keys"
                """);

        String stdout = done.path("stdout").asText();
        long id = done.path("id").asLong();
        assertThat(stdout).as(done.toString()).contains("URL http://127.0.0.1:" + attune.port() + "\n", "HTTP 200",
                "KEY 403");
        String body = stdout.substring(stdout.indexOf("TOKEN "));
        body = body.substring(body.indexOf('\n') + 1, body.indexOf("\nHTTP 200"));
        JsonNode seen = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
        assertThat(seen.path("id").asLong()).isEqualTo(id);
        assertThat(seen.path("status").asText()).isEqualTo("running");
        Matcher token = Pattern.compile("(?m)^TOKEN (\\S+)$").matcher(stdout);
        assertThat(token.find()).isTrue();

        Api.Response after = api.withToken(token.group(1)).get("/api/v1/executions/" + id);

        assertThat(after.status()).as(after.body()).isEqualTo(401);
    }
}
