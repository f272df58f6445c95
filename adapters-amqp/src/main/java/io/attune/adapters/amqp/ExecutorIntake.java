package io.attune.adapters.amqp;

import io.attune.application.port.out.Message;
import io.micronaut.rabbitmq.connect.ChannelPool;
import java.io.IOException;
import java.util.function.LongPredicate;

/**
 * An executor's intake of the executions of a runner that executors, not workers, start (workflows, inquiries):
 * consumes that runner's work queue, up to {@code prefetch} at once, and hands each dispatched execution's id to
 * {@code start}. The delivery is acknowledged once the start committed; a redelivery finds the execution started and
 * does nothing. Those dispatched in this process are handed over in memory ({@link LocalHandover}), up to the
 * prefetch at once.
 */
abstract class ExecutorIntake extends QueueConsumer {

    private final String runner;
    private final int prefetch;
    private final LongPredicate start;

    ExecutorIntake(ChannelPool pool, RabbitMessagePublisher publisher, RabbitTopology topology, AmqpSettings settings,
                   LocalHandover handover, String runner, String prefetchSetting, int prefetch, LongPredicate start) {
        super(pool, publisher, topology, settings, handover, "attune-" + runner + "-");
        if (prefetch < 1) {
            throw new IllegalArgumentException(prefetchSetting + " must be at least 1");
        }
        this.runner = runner;
        this.prefetch = prefetch;
        this.start = start;
    }

    @Override
    protected void open() throws IOException {
        consume(channel(prefetch), settings().workQueue(runner));
        handOver(Message.Routes.dispatch(runner), prefetch, () -> true);
    }

    @Override
    protected void handle(Message message) {
        start.test(MessageCodec.execution(message));
    }
}
