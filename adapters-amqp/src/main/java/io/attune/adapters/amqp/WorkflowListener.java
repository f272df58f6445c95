package io.attune.adapters.amqp;

import io.attune.application.port.in.WorkflowDuties;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.rabbitmq.connect.ChannelPool;
import jakarta.inject.Singleton;

/**
 * An executor's intake of workflows: the work queue of the {@code workflow} runner (up to
 * {@code attune.workflows.prefetch} at once); {@link WorkflowDuties#start} starts each dispatched workflow.
 */
@Singleton
@Requires(condition = Roles.Executor.class)
@Requires(beans = WorkflowDuties.class)
public class WorkflowListener extends ExecutorIntake {

    public WorkflowListener(ChannelPool pool, RabbitMessagePublisher publisher, RabbitTopology topology,
                            AmqpSettings settings, LocalHandover handover, WorkflowDuties duties,
                            @Value("${attune.workflows.prefetch:16}") int prefetch) {
        super(pool, publisher, topology, settings, handover, AmqpSettings.WORKFLOW_RUNNER, "attune.workflows.prefetch", prefetch,
                duties::start);
    }
}
