package io.attune.adapters.amqp;

import io.attune.application.port.in.WorkerDuties;
import io.attune.application.port.out.Message;
import io.micronaut.context.annotation.Requires;
import io.micronaut.rabbitmq.connect.ChannelPool;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * A worker's ear for cancel requests: every worker hears every request on its own exclusive queue, and
 * {@link WorkerDuties#cancel} stops the execution if this worker runs it.
 */
@Singleton
@Requires(condition = Roles.Worker.class)
public class CancelListener extends QueueConsumer {

    private static final int PREFETCH = 16;

    private final WorkerDuties duties;

    public CancelListener(ChannelPool pool, RabbitMessagePublisher publisher, RabbitTopology topology,
                          AmqpSettings settings, LocalHandover handover, WorkerDuties duties) {
        super(pool, publisher, topology, settings, handover, "attune-cancel-");
        this.duties = duties;
    }

    @Override
    protected void open() throws IOException {
        var channel = channel(PREFETCH);
        topology().declareExclusive(channel, settings().cancelQueue(), Message.Routes.CANCEL);
        consume(channel, settings().cancelQueue());
    }

    @Override
    protected void handle(Message message) {
        duties.cancel(MessageCodec.execution(message));
    }
}
