package io.attune.adapters.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import io.attune.application.port.out.Message;
import io.attune.application.port.out.Outbox.OutboxMessage;
import io.micronaut.context.ApplicationContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Measures (does not judge) how fast the publisher gets persistent messages confirmed into a durable queue: one
 * large batch, then the hot path's shape (batches of two, as a state change with its status message) from one
 * thread and from eight. The rates go to the test log.
 */
class PublishThroughputTest {

    private static final int MESSAGES = 5_000;
    private static TestBroker broker;
    private static ApplicationContext context;
    private static RabbitMessagePublisher publisher;

    @BeforeAll
    static void start() throws Exception {
        broker = new TestBroker();
        context = broker.start(Map.of("attune.roles", "executor"));
        publisher = context.getBean(RabbitMessagePublisher.class);
        publisher.publish(batch(200)); // warm up
    }

    @AfterAll
    static void stop() throws Exception {
        context.close();
        broker.close();
    }

    @Test
    void publishesFiveThousandConfirmedMessages() throws Exception {
        List<OutboxMessage> all = batch(MESSAGES);
        long begin = System.nanoTime();
        List<Long> confirmed = publisher.publish(all);
        report("one batch of " + MESSAGES, begin);
        assertThat(confirmed).hasSize(MESSAGES);

        assertThat(inBatchesOfTwo(1)).isEqualTo(MESSAGES);
        assertThat(inBatchesOfTwo(8)).isEqualTo(MESSAGES);
    }

    private static int inBatchesOfTwo(int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<List<OutboxMessage>> batches = IntStream.range(0, MESSAGES / 2).mapToObj(i -> batch(2)).toList();
        long begin = System.nanoTime();
        List<Future<Integer>> results = new ArrayList<>();
        for (List<OutboxMessage> b : batches) {
            results.add(pool.submit(() -> publisher.publish(b).size()));
        }
        int confirmed = 0;
        for (Future<Integer> result : results) {
            confirmed += result.get();
        }
        report(MESSAGES / 2 + " batches of 2 from " + threads + " thread(s)", begin);
        pool.shutdown();
        return confirmed;
    }

    private static List<OutboxMessage> batch(int size) {
        return IntStream.range(0, size).mapToObj(i -> TestBroker.outbox("execution.status", Message.Routes.STATUS,
                Map.of("execution", i, "action", "core.noop", "status", "succeeded"))).toList();
    }

    private static void report(String what, long begin) {
        double seconds = (System.nanoTime() - begin) / 1e9;
        System.out.printf("publish throughput, %s: %d messages confirmed in %.0f ms = %.0f msgs/s%n",
                what, MESSAGES, seconds * 1000, MESSAGES / seconds);
    }
}
