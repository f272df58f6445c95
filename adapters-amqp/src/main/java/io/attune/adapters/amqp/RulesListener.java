package io.attune.adapters.amqp;

import io.attune.application.port.in.RuleEnforcement;
import io.attune.application.port.out.Message;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.rabbitmq.connect.ChannelPool;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * The rules consumer of an executor: consumes the shared queue of recorded events ({@code event.created}), up to
 * {@code attune.rules.prefetch} at once, and has each enforced ({@link RuleEnforcement#enforce}); the events recorded
 * in this process are handed over in memory as well, up to the same number at once. The delivery is acknowledged
 * once the enforcement committed. The application groups the events that arrive together into one transaction
 * (group commit), and a failing one is enforced alone, so that it is retried (then dead-lettered) without the others.
 * Enforcement is idempotent per (rule, event): a redelivery, or the same event handled by two executors, makes nothing
 * twice.
 */
@Singleton
@Requires(condition = Roles.Executor.class)
public class RulesListener extends QueueConsumer {

    private final RuleEnforcement rules;
    private final int prefetch;

    public RulesListener(ChannelPool pool, RabbitMessagePublisher publisher, RabbitTopology topology,
                         AmqpSettings settings, LocalHandover handover, RuleEnforcement rules,
                         @Value("${attune.rules.prefetch:64}") int prefetch) {
        super(pool, publisher, topology, settings, handover, "attune-rules-");
        if (prefetch < 1) {
            throw new IllegalArgumentException("attune.rules.prefetch must be at least 1");
        }
        this.rules = rules;
        this.prefetch = prefetch;
    }

    @Override
    protected void open() throws IOException {
        consume(channel(prefetch), settings().rulesQueue());
        handOver(Message.Routes.EVENT_CREATED, prefetch, () -> true);
    }

    @Override
    protected void handle(Message message) {
        rules.enforce(MessageCodec.event(message));
    }
}
