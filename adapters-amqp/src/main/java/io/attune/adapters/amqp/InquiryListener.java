package io.attune.adapters.amqp;

import io.attune.application.port.in.InquiryDuties;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.rabbitmq.connect.ChannelPool;
import jakarta.inject.Singleton;

/**
 * An executor's intake of inquiries (core.ask): the work queue of the {@code inquirer} runner (up to
 * {@code attune.inquiries.prefetch} at once); {@link InquiryDuties#start} makes each dispatched execution wait for its
 * answer.
 */
@Singleton
@Requires(condition = Roles.Executor.class)
@Requires(beans = InquiryDuties.class)
public class InquiryListener extends ExecutorIntake {

    public InquiryListener(ChannelPool pool, RabbitMessagePublisher publisher, RabbitTopology topology,
                           AmqpSettings settings, LocalHandover handover, InquiryDuties duties,
                           @Value("${attune.inquiries.prefetch:16}") int prefetch) {
        super(pool, publisher, topology, settings, handover, AmqpSettings.INQUIRER_RUNNER, "attune.inquiries.prefetch", prefetch,
                duties::start);
    }
}
