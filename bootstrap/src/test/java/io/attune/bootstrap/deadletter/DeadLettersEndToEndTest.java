package io.attune.bootstrap.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.MessageProperties;
import io.attune.bootstrap.support.Api;
import io.attune.bootstrap.support.TestApplication;
import io.attune.bootstrap.support.TestServices;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Dead letters end to end on the real broker and database: a poison message published straight onto a work queue
 * (unreadable, or an Attune message whose handling fails every time) ends up in {@code GET /api/v1/dead-letters} with
 * its queue, type, execution, error and attempts; a replay puts it back on its queue (where it fails again and comes
 * back as a new dead letter), marks it replayed and is in the audit trail; an unknown id is a 404; only admins see them.
 */
class DeadLettersEndToEndTest {

    private static final String NS = TestApplication.NAMESPACE + "-dead";
    private static TestApplication app;
    private static Api api;

    @BeforeAll
    static void start() {
        app = TestApplication.start(Map.of("attune.amqp.namespace", NS, "attune.amqp.retry-delay", "50ms",
                "attune.amqp.max-attempts", "3"));
        api = new Api(app.url());
    }

    @AfterAll
    static void stop() {
        app.stop();
        TestServices.get().deleteNamespace(NS);
    }

    @Test
    void anUnreadableMessageIsDeadLetteredAtOnceAndListedWithItsQueueAndError() throws Exception {
        String marker = "poison-" + UUID.randomUUID();
        publish(NS + ".work.shell", "{not json " + marker);

        JsonNode letter = awaitLetter(l -> l.path("body").asText().contains(marker));
        assertThat(letter.path("queue").asText()).isEqualTo(NS + ".work.shell");
        assertThat(letter.path("type").isNull()).isTrue();
        assertThat(letter.path("error").asText()).contains("not an Attune message");
        assertThat(letter.path("attempts").asInt()).isEqualTo(1);
        assertThat(Instant.parse(letter.path("failed_at").asText())).isBefore(Instant.now().plusSeconds(1));
        assertThat(letter.path("replays").asInt()).isZero();
    }

    @Test
    void aMessageThatFailsEveryTimeIsDeadLetteredAfterItsAttemptsAndAReplayPutsItBackOnItsQueue() throws Exception {
        String id = "poison-" + UUID.randomUUID();
        publish(NS + ".work.shell", "{\"id\": \"" + id + "\", \"type\": \"execution.dispatch\", \"occurredAt\": \""
                + Instant.now() + "\", \"payload\": {\"execution\": \"not-a-number\"}}");

        JsonNode letter = awaitLetter(l -> l.path("message_id").asText().equals(id));
        assertThat(letter.path("type").asText()).isEqualTo("execution.dispatch");
        assertThat(letter.path("attempts").asInt()).isEqualTo(3);
        assertThat(letter.path("error").asText()).contains("names no execution");
        long letterId = letter.path("id").asLong();

        Api.Response replayed = api.post("/api/v1/dead-letters/" + letterId + "/replay", "");
        assertThat(replayed.status()).as(replayed.body()).isEqualTo(200);
        assertThat(replayed.json().path("replays").asInt()).isEqualTo(1);
        assertThat(replayed.json().path("replayed_by").asText()).isEqualTo("admin");
        assertThat(replayed.json().path("replayed_at").isNull()).isFalse();
        // back on its queue, it fails its attempts again and is dead-lettered anew
        awaitLetter(l -> l.path("message_id").asText().equals(id) && l.path("id").asLong() != letterId);

        // the audit trail is written in the background, within a fraction of a second
        String target = "/api/v1/dead-letters/" + letterId + "/replay";
        Instant deadline = Instant.now().plusSeconds(10);
        JsonNode audit = api.get("/api/v1/audit?action=dead_letter.replay&limit=50").json();
        while (!audit.path("items").findValuesAsText("target").contains(target) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            audit = api.get("/api/v1/audit?action=dead_letter.replay&limit=50").json();
        }
        assertThat(audit.path("items").findValuesAsText("target")).contains(target);
        assertThat(audit.path("items").get(0).path("actor").asText()).isEqualTo("admin");
    }

    @Test
    void anUnknownDeadLetterIsA404AndOnlyAdminsSeeDeadLetters() {
        Api.Response unknown = api.post("/api/v1/dead-letters/987654321/replay", "");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.json().path("detail").asText()).contains("dead letter");

        String viewer = "dl-viewer-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.post("/api/v1/users", Api.json(Map.of("username", viewer, "password", "e2e-user-password",
                "role", "viewer"))).status()).isEqualTo(201);
        Api.Response denied = api.as(viewer, "e2e-user-password").get("/api/v1/dead-letters");
        assertThat(denied.status()).isEqualTo(403);
    }

    private static JsonNode awaitLetter(Predicate<JsonNode> wanted) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            for (JsonNode letter : api.get("/api/v1/dead-letters?limit=200").json().path("items")) {
                if (wanted.test(letter)) {
                    return letter;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no such dead letter within 30 s: " + api.get("/api/v1/dead-letters").body());
    }

    private static void publish(String queue, String body) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(String.valueOf(TestServices.get().properties().get("rabbitmq.uri")));
        try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
            channel.basicPublish("", queue, MessageProperties.PERSISTENT_TEXT_PLAIN,
                    body.getBytes(StandardCharsets.UTF_8));
        }
    }
}
