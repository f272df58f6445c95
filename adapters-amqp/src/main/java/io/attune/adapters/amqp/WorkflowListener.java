package io.attune.adapters.amqp;

import io.attune.application.port.in.WorkflowDuties;
import io.attune.application.port.out.Message;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.rabbitmq.connect.ChannelPool;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * An executor's intake of workflows: consumes the work queue of the {@code workflow} runner (up to
 * {@code attune.workflows.prefetch} at once) and has {@link WorkflowDuties#start} start each dispatched workflow. The
 * delivery is acknowledged once the start committed; a redelivery finds the workflow running and does nothing.
 */
@Singleton
@Requires(condition = Roles.Executor.class)
@Requires(beans = WorkflowDuties.class)
public class WorkflowListener extends QueueConsumer {

    private final WorkflowDuties duties;
    private final int prefetch;

    public WorkflowListener(ChannelPool pool, RabbitMessagePublisher publisher, RabbitTopology topology,
                            AmqpSettings settings, WorkflowDuties duties,
                            @Value("${attune.workflows.prefetch:16}") int prefetch) {
        super(pool, publisher, topology, settings, "attune-workflow-");
        if (prefetch < 1) {
            throw new IllegalArgumentException("attune.workflows.prefetch must be at least 1");
        }
        this.duties = duties;
        this.prefetch = prefetch;
    }

    @Override
    protected void open() throws IOException {
        consume(channel(prefetch), settings().workQueue(AmqpSettings.WORKFLOW_RUNNER));
    }

    @Override
    protected void handle(Message message) {
        duties.start(MessageCodec.execution(message));
    }
}
