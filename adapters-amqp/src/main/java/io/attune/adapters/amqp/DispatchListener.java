package io.attune.adapters.amqp;

import com.rabbitmq.client.Channel;
import io.attune.application.port.in.WorkerDuties;
import io.attune.application.port.out.Message;
import io.attune.domain.action.WorkerLabels;
import io.micronaut.context.annotation.Requires;
import io.micronaut.rabbitmq.connect.ChannelPool;
import jakarta.inject.Singleton;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker's intake: consumes the work queue of each runner it serves (those of {@code attune.worker.runners} whose
 * runtime it found at start), and the queues of that runner for every action label set its labels satisfy, with a
 * prefetch of its capacity ({@code attune.worker.capacity}) per runner, and asks {@link WorkerDuties#take} to run each
 * dispatched execution. The delivery is acknowledged once {@code take} returns, taken or not (a duplicate or a
 * redelivery is harmless: only one take wins the row); the action itself runs in the background. Dispatches made in
 * this process are handed over in memory ({@link LocalHandover}) while the worker has room for them.
 */
@Singleton
@Requires(condition = Roles.Worker.class)
public class DispatchListener extends QueueConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(DispatchListener.class);

    private final WorkerDuties duties;

    public DispatchListener(ChannelPool pool, RabbitMessagePublisher publisher, RabbitTopology topology,
                            AmqpSettings settings, LocalHandover handover, WorkerDuties duties) {
        super(pool, publisher, topology, settings, handover, "attune-dispatch-");
        this.duties = duties;
    }

    @Override
    protected void open() throws IOException {
        java.util.Set<String> served = duties.runners();
        for (String runner : settings().runners()) {
            if (!served.contains(runner)) {
                LOG.info("Not consuming {}: this worker does not serve runtime {}", settings().workQueue(runner), runner);
                continue;
            }
            // one channel per runner: the prefetch then bounds each runner alike on RabbitMQ and on Qpid
            Channel channel = channel(settings().capacity());
            consume(channel, settings().workQueue(runner));
            // dispatches made here are taken here while this worker has a free slot; the others go to the broker
            handOver(Message.Routes.dispatch(runner), settings().capacity(), duties::hasRoom);
            // the queues of the actions asking for labels this worker has, declared in case none was sent yet
            for (java.util.Map<String, String> labels : WorkerLabels.subsets(duties.labels())) {
                String route = Message.Routes.dispatch(runner, labels);
                topology().declareLabeledWork(channel, route);
                consume(channel, settings().workQueueOfRoute(route));
            }
        }
    }

    /**
     * Takes no more dispatches (the worker is stopping): the work queues are no longer consumed, and a delivery in hand
     * that the worker refuses goes back to its queue at once, for another worker.
     */
    public void stopTaking() {
        pause();
    }

    @Override
    protected void handle(Message message) {
        long execution = MessageCodec.execution(message);
        if (!duties.take(execution)) {
            LOG.debug("Execution {} was not taken (taken elsewhere, canceled or unknown)", execution);
        }
    }
}
