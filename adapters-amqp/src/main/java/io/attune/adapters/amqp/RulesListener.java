package io.attune.adapters.amqp;

import io.attune.application.port.in.RuleEnforcement;
import io.attune.application.port.out.Message;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.rabbitmq.connect.ChannelPool;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * The rules consumer of an executor: consumes the shared queue of recorded events ({@code event.created}) and asks
 * {@link RuleEnforcement#enforce} to match each against the rules, up to {@code attune.rules.prefetch} events at
 * once. Enforcement is idempotent per (rule, event), so a redelivery, or the same event handled by two executors,
 * makes nothing twice; a failure is retried, then dead-lettered.
 */
@Singleton
@Requires(condition = Roles.Executor.class)
public class RulesListener extends QueueConsumer {

    private final RuleEnforcement rules;
    private final int prefetch;

    public RulesListener(ChannelPool pool, RabbitMessagePublisher publisher, RabbitTopology topology,
                         AmqpSettings settings, RuleEnforcement rules, @Value("${attune.rules.prefetch:16}") int prefetch) {
        super(pool, publisher, topology, settings, "attune-rules-");
        if (prefetch < 1) {
            throw new IllegalArgumentException("attune.rules.prefetch must be at least 1");
        }
        this.rules = rules;
        this.prefetch = prefetch;
    }

    @Override
    protected void open() throws IOException {
        consume(channel(prefetch), settings().rulesQueue());
    }

    @Override
    protected void handle(Message message) {
        rules.enforce(MessageCodec.event(message));
    }
}
