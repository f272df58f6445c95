package io.attune.adapters.amqp;

import io.attune.application.port.in.RuleEnforcement;
import io.attune.application.port.out.Message;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.rabbitmq.connect.ChannelPool;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules consumer of an executor: consumes the shared queue of recorded events ({@code event.created}), up to
 * {@code attune.rules.prefetch} at once, and has them enforced. The events in hand are enforced together, in one
 * transaction per batch ({@link RuleEnforcement#enforceAll}), by {@code attune.rules.batchers} threads; a delivery
 * is acknowledged once its batch committed. If a batch fails, each of its events is enforced alone, so one event
 * that cannot be enforced is retried (then dead-lettered) without the others. Enforcement is idempotent per (rule,
 * event): a redelivery, or the same event handled by two executors, makes nothing twice.
 */
@Singleton
@Requires(condition = Roles.Executor.class)
public class RulesListener extends QueueConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(RulesListener.class);

    private final RuleEnforcement rules;
    private final int prefetch;
    private final BlockingQueue<InHand> inHand = new LinkedBlockingQueue<>();
    private final List<Thread> batchers = new ArrayList<>();
    private volatile boolean closed;

    public RulesListener(ChannelPool pool, RabbitMessagePublisher publisher, RabbitTopology topology,
                         AmqpSettings settings, RuleEnforcement rules, @Value("${attune.rules.prefetch:64}") int prefetch,
                         @Value("${attune.rules.batchers:2}") int batchers) {
        super(pool, publisher, topology, settings, "attune-rules-");
        if (prefetch < 1 || batchers < 1) {
            throw new IllegalArgumentException("attune.rules.prefetch and attune.rules.batchers must be at least 1");
        }
        this.rules = rules;
        this.prefetch = prefetch;
        for (int i = 0; i < batchers; i++) {
            Thread batcher = Thread.ofPlatform().daemon().name("attune-rules-batch-" + i).unstarted(this::batchLoop);
            this.batchers.add(batcher);
        }
    }

    @Override
    protected void open() throws IOException {
        batchers.stream().filter(t -> t.getState() == Thread.State.NEW).forEach(Thread::start);
        consume(channel(prefetch), settings().rulesQueue());
    }

    @Override
    protected void handle(Message message) {
        long event = MessageCodec.event(message);
        InHand mine = new InHand(event, new CompletableFuture<>());
        inHand.add(mine);
        if (closed && inHand.remove(mine)) {
            throw new IllegalStateException("the rules consumer is stopping");
        }
        boolean batched;
        try {
            batched = mine.enforced().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while event " + event + " was enforced", e);
        } catch (ExecutionException e) {
            batched = false;
        }
        if (!batched) {
            rules.enforce(event); // its batch failed: alone, so a failure is this event's own (and retried)
        }
    }

    /** Takes what is in hand, up to the prefetch, and enforces it in one transaction. */
    private void batchLoop() {
        List<InHand> batch = new ArrayList<>();
        while (!closed) {
            try {
                InHand first = inHand.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                inHand.drainTo(batch, prefetch - 1);
                boolean ok;
                try {
                    rules.enforceAll(batch.stream().map(InHand::event).toList());
                    ok = true;
                } catch (RuntimeException e) {
                    LOG.warn("enforcing a batch of {} events failed; enforcing them one by one: {}", batch.size(), e.toString());
                    ok = false;
                }
                for (InHand h : batch) {
                    h.enforced().complete(ok);
                }
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @PreDestroy
    void closeBatchers() {
        closed = true;
        for (InHand h : batch()) {
            h.enforced().complete(false);
        }
    }

    private List<InHand> batch() {
        List<InHand> left = new ArrayList<>();
        inHand.drainTo(left);
        return left;
    }

    /** An event whose delivery waits for its batch: completed with whether the batch committed. */
    private record InHand(long event, CompletableFuture<Boolean> enforced) {
    }
}
