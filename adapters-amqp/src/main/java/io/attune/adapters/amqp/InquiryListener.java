package io.attune.adapters.amqp;

import io.attune.application.port.in.InquiryDuties;
import io.attune.application.port.out.Message;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.rabbitmq.connect.ChannelPool;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * An executor's intake of inquiries (core.ask): consumes the work queue of the {@code inquirer} runner (up to
 * {@code attune.inquiries.prefetch} at once) and has {@link InquiryDuties#start} make each dispatched execution wait
 * for its answer. The delivery is acknowledged once the start committed; a redelivery finds the execution pending and
 * does nothing.
 */
@Singleton
@Requires(condition = Roles.Executor.class)
@Requires(beans = InquiryDuties.class)
public class InquiryListener extends QueueConsumer {

    private final InquiryDuties duties;
    private final int prefetch;

    public InquiryListener(ChannelPool pool, RabbitMessagePublisher publisher, RabbitTopology topology,
                           AmqpSettings settings, InquiryDuties duties,
                           @Value("${attune.inquiries.prefetch:16}") int prefetch) {
        super(pool, publisher, topology, settings, "attune-inquiry-");
        if (prefetch < 1) {
            throw new IllegalArgumentException("attune.inquiries.prefetch must be at least 1");
        }
        this.duties = duties;
        this.prefetch = prefetch;
    }

    @Override
    protected void open() throws IOException {
        consume(channel(prefetch), settings().workQueue(AmqpSettings.INQUIRER_RUNNER));
    }

    @Override
    protected void handle(Message message) {
        duties.start(MessageCodec.execution(message));
    }
}
