package io.attune.adapters.amqp;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import io.attune.application.port.out.Message;
import io.micronaut.rabbitmq.connect.ChannelInitializer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Declares Attune's exchanges and shared queues when the first channel opens, and again (idempotently) before each
 * listener starts: the durable topic exchange every message goes to; one durable work queue per runner, bound to
 * {@code execution.dispatch.<runner>} (and, once used, one per runner and worker label set an action asks for, bound to
 * {@code execution.dispatch.<runner>.<labels>}); and the fanout dead-letter
 * exchange whose queue parks messages that failed too often, for an operator to inspect. Bindings are exact routing
 * keys, never wildcards, so that no queue hears messages meant for another.
 *
 * <p>Dead-lettering differs by broker. RabbitMQ takes {@code x-dead-letter-exchange}. The embedded Qpid Broker-J
 * refuses that argument by closing the whole connection, so it is never tried there: Qpid gets
 * {@code alternateExchange} (its dead-letter route) and {@code x-qpid-maximum-delivery-count: 1}, without which
 * Qpid requeues a message nacked without requeue instead of dead-lettering it. The broker is told apart by the
 * {@code product} it announces when the connection opens, or, where a repackaged Qpid announces none, by its
 * {@code qpid.*} server properties.
 */
@Singleton
public class RabbitTopology extends ChannelInitializer {

    private final AmqpSettings settings;
    private final Set<String> labeledDeclared = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public RabbitTopology(AmqpSettings settings) {
        this.settings = settings;
    }

    @Override
    public void initialize(Channel channel, String name) throws IOException {
        channel.exchangeDeclare(settings.exchange(), BuiltinExchangeType.TOPIC, true);
        channel.exchangeDeclare(settings.deadLetterExchange(), BuiltinExchangeType.FANOUT, true);
        channel.queueDeclare(settings.deadLetterQueue(), true, false, false, Map.of());
        channel.queueBind(settings.deadLetterQueue(), settings.deadLetterExchange(), "#");
        Set<String> runners = new LinkedHashSet<>(AmqpSettings.allRunners());
        runners.addAll(settings.runners());
        for (String runner : runners) {
            declareShared(channel, settings.workQueue(runner), Message.Routes.dispatch(runner));
        }
        declareShared(channel, settings.rulesQueue(), Message.Routes.EVENT_CREATED);
        // unbound: only its consumers count, one per instance whose live streams have subscribers
        channel.queueDeclare(settings.statusListenersQueue(), false, false, false, Map.of());
    }

    /**
     * Declares the durable work queue of a dispatch route that names worker labels (once per route and instance), so
     * that a dispatch for labels no worker has yet waits in its queue instead of being dropped as unroutable.
     */
    void declareLabeledWork(Channel channel, String route) throws IOException {
        if (isLabeledWork(route) && !labeledDeclared.contains(route)) {
            declareShared(channel, settings.workQueueOfRoute(route), route);
            labeledDeclared.add(route);
        }
    }

    /** Whether a route is the dispatch of an action asking for worker labels. */
    static boolean isLabeledWork(String route) {
        return route.startsWith(Message.Routes.DISPATCH_PREFIX)
                && route.indexOf('.', Message.Routes.DISPATCH_PREFIX.length()) > 0;
    }

    /** Declares this instance's own queue for a broadcast: it lives and dies with the connection. */
    void declareExclusive(Channel channel, String queue, String routingKey) throws IOException {
        channel.queueDeclare(queue, false, true, true, deadLettering(channel));
        channel.queueBind(queue, settings.exchange(), routingKey);
    }

    private void declareShared(Channel channel, String queue, String routingKey) throws IOException {
        channel.queueDeclare(queue, true, false, false, deadLettering(channel));
        channel.queueBind(queue, settings.exchange(), routingKey);
    }

    /** The queue arguments that send a message nacked without requeue to the dead-letter exchange. */
    private Map<String, Object> deadLettering(Channel channel) {
        if (isQpid(channel)) {
            return Map.of("alternateExchange", settings.deadLetterExchange(), "x-qpid-maximum-delivery-count", 1);
        }
        return Map.of("x-dead-letter-exchange", settings.deadLetterExchange());
    }

    static boolean isQpid(Channel channel) {
        Map<String, Object> server = channel.getConnection().getServerProperties();
        Object product = server.get("product");
        // a repackaged Qpid (the shaded jar) announces product "unknown", but always its own qpid.* properties
        return (product != null && product.toString().contains("Qpid"))
                || server.keySet().stream().anyMatch(k -> k.startsWith("qpid."));
    }
}
