package io.attune.adapters.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import io.attune.application.port.out.BrokerQueues;
import io.micronaut.rabbitmq.connect.ChannelPool;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The depth of Attune's shared queues (the rules queue, every runner's work queue, the dead-letter queue), asked of
 * the broker by a passive declare, which answers with the queue's ready messages and consumers and creates nothing.
 * A queue that does not exist (yet) is left out; the broker away gives an empty list.
 */
@Singleton
public final class RabbitQueueDepths implements BrokerQueues {

    private static final Logger LOG = LoggerFactory.getLogger(RabbitQueueDepths.class);

    private final ChannelPool pool;
    private final AmqpSettings settings;

    RabbitQueueDepths(ChannelPool pool, AmqpSettings settings) {
        this.pool = pool;
        this.settings = settings;
    }

    @Override
    public List<Depth> depths() {
        List<Depth> depths = new ArrayList<>();
        Channel channel = null;
        try {
            for (Map.Entry<String, Kind> queue : queues().entrySet()) {
                if (channel == null || !channel.isOpen()) {
                    release(channel);
                    channel = pool.getChannel();
                }
                try {
                    AMQP.Queue.DeclareOk ok = channel.queueDeclarePassive(queue.getKey());
                    depths.add(new Depth(queue.getKey(), queue.getValue(), ok.getMessageCount(),
                            ok.getConsumerCount()));
                } catch (IOException missing) {
                    // the broker closed the channel (404): the queue is not declared yet; the next one gets a new one
                    LOG.debug("queue {} cannot be measured: {}", queue.getKey(), missing.toString());
                }
            }
            return depths;
        } catch (IOException | RuntimeException e) {
            LOG.debug("queue depths not available: {}", e.toString());
            return List.of();
        } finally {
            release(channel);
        }
    }

    private Map<String, Kind> queues() {
        Map<String, Kind> queues = new LinkedHashMap<>();
        queues.put(settings.rulesQueue(), Kind.RULES);
        Set<String> runners = new LinkedHashSet<>(AmqpSettings.allRunners());
        runners.addAll(settings.runners());
        runners.forEach(runner -> queues.put(settings.workQueue(runner), Kind.WORK));
        queues.put(settings.deadLetterQueue(), Kind.DEAD_LETTER);
        return queues;
    }

    private void release(Channel channel) {
        if (channel != null) {
            pool.returnChannel(channel);
        }
    }
}
