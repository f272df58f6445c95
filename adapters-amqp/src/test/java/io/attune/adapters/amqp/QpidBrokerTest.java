package io.attune.adapters.amqp;

import static io.attune.adapters.amqp.TestBroker.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.attune.application.port.out.Message;
import io.attune.application.port.out.Outbox.OutboxMessage;
import io.micronaut.context.ApplicationContext;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.qpid.server.SystemLauncher;
import org.apache.qpid.server.model.SystemConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same adapter on the embedded default broker, Apache Qpid Broker-J, which refuses RabbitMQ's dead-letter
 * argument: the topology must be declared without losing the connection, and failed deliveries must still end up
 * in the dead-letter queue.
 */
class QpidBrokerTest {

    private static SystemLauncher qpid;
    private static TestBroker broker;
    private static ApplicationContext context;

    @BeforeAll
    static void start() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path work = Files.createTempDirectory("attune-qpid");
        Map<String, Object> attributes = new HashMap<>();
        attributes.put(SystemConfig.TYPE, "Memory");
        attributes.put(SystemConfig.INITIAL_CONFIGURATION_LOCATION,
                QpidBrokerTest.class.getClassLoader().getResource("qpid-test-config.json").toExternalForm());
        attributes.put(SystemConfig.STARTUP_LOGGED_TO_SYSTEM_OUT, Boolean.FALSE);
        attributes.put(SystemConfig.CONTEXT, Map.of("qpid.amqp_port", Integer.toString(port),
                "qpid.work_dir", work.toString(), "qpid.port.closeWhenNoRoute", "false"));
        qpid = new SystemLauncher();
        qpid.startup(attributes);
        broker = new TestBroker("amqp://guest:guest@127.0.0.1:" + port);
        context = broker.start(Map.of("attune.roles", "api,worker"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (context != null) {
            context.close();
        }
        if (broker != null) {
            broker.close();
        }
        if (qpid != null) {
            qpid.shutdown();
        }
    }

    @Test
    void declaresTheTopologyWithoutLosingTheConnection() throws Exception {
        Connection connection = context.getBean(Connection.class);
        try (Channel channel = connection.createChannel()) {
            assertThat(RabbitTopology.isQpid(channel)).isTrue();
            context.getBean(RabbitTopology.class).initialize(channel, "default");
            channel.queueDeclarePassive(broker.settings().workQueue("shell"));
            channel.queueDeclarePassive(broker.settings().deadLetterQueue());
        }
        assertThat(connection.isOpen()).isTrue();
    }

    @Test
    void deliversConfirmedDispatchesCancelsAndStatusChanges() throws Exception {
        long execution = TestBroker.nextId();
        List<OutboxMessage> batch = List.of(
                TestBroker.outbox("execution.dispatch", Message.Routes.dispatch("shell"), Map.of("execution", execution)),
                TestBroker.outbox("execution.cancel", Message.Routes.CANCEL, Map.of("execution", execution)),
                TestBroker.outbox("execution.status", Message.Routes.STATUS,
                        Map.of("execution", execution, "action", "core.echo", "status", "running")));

        assertThat(context.getBean(RabbitMessagePublisher.class).publish(batch)).hasSize(3);

        RecordingWorkerDuties worker = context.getBean(RecordingWorkerDuties.class);
        RecordingStatusFeed feed = context.getBean(RecordingStatusFeed.class);
        eventually(() -> {
            assertThat(worker.takesOf(execution)).hasSize(1);
            assertThat(worker.cancels).contains(execution);
            assertThat(feed.announced).anyMatch(c -> c.execution() == execution && c.status().equals("running"));
        });
    }

    @Test
    void deadLettersATakeThatKeepsThrowing() throws Exception {
        long execution = TestBroker.nextId();
        RecordingWorkerDuties worker = context.getBean(RecordingWorkerDuties.class);
        worker.failTimes(execution, Integer.MAX_VALUE);
        OutboxMessage message = TestBroker.outbox("execution.dispatch", Message.Routes.dispatch("python"),
                Map.of("execution", execution));

        context.getBean(RabbitMessagePublisher.class).publish(List.of(message));

        broker.take(broker.settings().deadLetterQueue(), message.message().id());
        assertThat(worker.takesOf(execution)).hasSize(3);
        assertThat(broker.count(broker.settings().workQueue("python"))).isZero();
    }
}
