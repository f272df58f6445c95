package io.attune.adapters.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import io.attune.application.port.out.MessagePublisher;
import io.attune.application.port.out.Outbox.OutboxMessage;
import io.micronaut.rabbitmq.connect.ChannelPool;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes outbox messages to the {@code attune} exchange with publisher confirms. A batch borrows one pooled
 * channel (so concurrent callers publish in parallel on their own channels), publishes every message, then waits
 * once for the broker's confirms: one round trip per batch, not per message. Each confirm is matched to its outbox
 * id by the channel's publish sequence number, so a partial failure still reports exactly what the broker took.
 */
@Singleton
public class RabbitMessagePublisher implements MessagePublisher {

    private static final Logger LOG = LoggerFactory.getLogger(RabbitMessagePublisher.class);

    private final ChannelPool channels;
    private final AmqpSettings settings;
    private final BrokerOutage outage;
    private final RabbitTopology topology;

    @jakarta.inject.Inject
    public RabbitMessagePublisher(ChannelPool channels, AmqpSettings settings, BrokerOutage outage,
                                  RabbitTopology topology) {
        this.channels = channels;
        this.settings = settings;
        this.outage = outage;
        this.topology = topology;
    }

    RabbitMessagePublisher(ChannelPool channels, AmqpSettings settings) {
        this(channels, settings, new BrokerOutage(), new RabbitTopology(settings));
    }

    @Override
    public List<Long> publish(List<OutboxMessage> messages) {
        List<Outgoing> batch = new ArrayList<>(messages.size());
        for (OutboxMessage m : messages) {
            try {
                batch.add(new Outgoing(m.id(), settings.exchange(), m.message().routingKey(),
                        MessageCodec.properties(m.message()), MessageCodec.encode(m.message())));
            } catch (IllegalArgumentException e) {
                LOG.error("Outbox message {} ({}) cannot be sent and stays in the outbox: {}", m.id(), m.message().type(),
                        e.getMessage());
            }
        }
        return send(batch);
    }

    /** Puts a delivery back at the end of its queue (through the default exchange); true once the broker confirmed. */
    boolean resend(String queue, AMQP.BasicProperties properties, byte[] body) {
        return !send(List.of(new Outgoing(0, "", queue, properties, body))).isEmpty();
    }

    private List<Long> send(List<Outgoing> batch) {
        if (batch.isEmpty()) {
            return List.of();
        }
        Channel channel;
        try {
            channel = channels.getChannel();
        } catch (IOException | RuntimeException e) {
            // during an outage every request and every relay round fails here: one warning per outage (BrokerOutage)
            outage.failed("no channel to publish " + batch.size() + " message(s)", e.toString());
            return List.of();
        }
        Confirms confirms = new Confirms();
        boolean healthy = false;
        try {
            if (channel.getNextPublishSeqNo() == 0) {
                channel.confirmSelect();
            }
            channel.addConfirmListener(confirms);
            for (Outgoing message : batch) {
                topology.declareLabeledWork(channel, message.routingKey());
                confirms.expect(channel.getNextPublishSeqNo(), message.token());
                channel.basicPublish(message.exchange(), message.routingKey(), false, message.properties(), message.body());
            }
            if (!channel.waitForConfirms(settings.confirmTimeout().toMillis())) {
                LOG.warn("The broker refused some of {} message(s); they stay in the outbox", batch.size());
            }
            healthy = true;
            outage.reached();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | TimeoutException | RuntimeException e) {
            outage.failed("publishing " + batch.size() + " message(s) failed, the unconfirmed stay in the outbox",
                    e.toString());
        } finally {
            channel.removeConfirmListener(confirms);
            if (!healthy) {
                // late confirms or a half-written batch must not leak into the next borrower's batch
                abort(channel);
            }
            channels.returnChannel(channel);
        }
        return confirms.confirmed();
    }

    private static void abort(Channel channel) {
        try {
            channel.abort();
        } catch (IOException | RuntimeException e) {
            LOG.debug("Closing a failed channel: {}", e.toString());
        }
    }

    private record Outgoing(long token, String exchange, String routingKey, AMQP.BasicProperties properties,
                            byte[] body) {
    }

    /** Matches the broker's (possibly cumulative) confirms to the tokens published with those sequence numbers. */
    private static final class Confirms implements ConfirmListener {
        private final NavigableMap<Long, Long> unconfirmed = new ConcurrentSkipListMap<>();
        private final ConcurrentLinkedQueue<Long> confirmed = new ConcurrentLinkedQueue<>();

        void expect(long sequenceNumber, long token) {
            unconfirmed.put(sequenceNumber, token);
        }

        @Override
        public void handleAck(long deliveryTag, boolean multiple) {
            settle(deliveryTag, multiple, true);
        }

        @Override
        public void handleNack(long deliveryTag, boolean multiple) {
            settle(deliveryTag, multiple, false);
        }

        private void settle(long deliveryTag, boolean multiple, boolean ack) {
            if (multiple) {
                NavigableMap<Long, Long> settled = unconfirmed.headMap(deliveryTag, true);
                if (ack) {
                    confirmed.addAll(settled.values());
                }
                settled.clear();
            } else {
                Long token = unconfirmed.remove(deliveryTag);
                if (ack && token != null) {
                    confirmed.add(token);
                }
            }
        }

        List<Long> confirmed() {
            return List.copyOf(confirmed);
        }
    }
}
