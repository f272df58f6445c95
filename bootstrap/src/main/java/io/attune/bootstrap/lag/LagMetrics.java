package io.attune.bootstrap.lag;

import io.attune.application.port.in.IntakeLag;
import io.attune.application.port.in.IntakeLag.Lag;
import io.attune.application.port.in.StatusFeed;
import io.attune.domain.execution.ExecutionStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The lag and the per-stage rates in {@code /prometheus}: the backlogs and their oldest ages from the last sample
 * (gauges), the broker's queue depths ({@code attune_queue_messages{queue,kind}}), counters of events, enforcements
 * and executions stored (cluster-wide, from the database's sequences), of executions started and ended (from the
 * status changes every api instance hears) and of intake requests refused by this instance. Rates are
 * {@code rate(...[1m])} of the counters.
 */
@Context
public class LagMetrics {

    private final IntakeLag lag;
    private final MultiGauge queues;
    private final AutoCloseable subscription;

    LagMetrics(IntakeLag lag, MeterRegistry registry, StatusFeed feed) {
        this.lag = lag;
        gauge(registry, "attune.intake.events.waiting", "events the rules stage has not handled yet",
                l -> l.events().count());
        gauge(registry, "attune.intake.events.oldest.age.seconds", "age of the oldest event awaiting the rules",
                l -> seconds(l.events().oldestAge()));
        gauge(registry, "attune.outbox.waiting", "messages not yet confirmed by the broker", l -> l.outbox().count());
        gauge(registry, "attune.outbox.oldest.age.seconds", "age of the oldest unconfirmed outbox message",
                l -> seconds(l.outbox().oldestAge()));
        gauge(registry, "attune.intake.executions.waiting", "dispatched executions no worker has taken yet",
                Lag::executionsWaiting);
        gauge(registry, "attune.intake.max.backlog", "the backlog bound past which intake answers 429 (0: none)",
                Lag::maxBacklog);
        Gauge.builder("attune.intake.refusing", lag, l -> l.current().refusingEvents().isPresent() ? 1 : 0)
                .description("1 while intake refuses work with 429").tags("intake", "events").register(registry);
        Gauge.builder("attune.intake.refusing", lag, l -> l.current().refusingExecutions().isPresent() ? 1 : 0)
                .description("1 while intake refuses work with 429").tags("intake", "executions").register(registry);
        counter(registry, "attune.events.stored", "events stored (all instances)", Lag::eventsTotal);
        counter(registry, "attune.enforcements.stored", "enforcements stored (all instances)", Lag::enforcementsTotal);
        counter(registry, "attune.executions.created", "executions created (all instances)", Lag::executionsTotal);
        FunctionCounter.builder("attune.intake.refused", lag, l -> l.current().refusedEvents())
                .description("requests refused with 429 by this instance").tags("intake", "events").register(registry);
        FunctionCounter.builder("attune.intake.refused", lag, l -> l.current().refusedExecutions())
                .description("requests refused with 429 by this instance").tags("intake", "executions")
                .register(registry);
        this.queues = MultiGauge.builder("attune.queue.messages")
                .description("messages ready in a broker queue (not yet handed to a consumer)").register(registry);
        Counter started = Counter.builder("attune.executions.started")
                .description("executions that started running (all instances, as status changes)").register(registry);
        this.subscription = feed.subscribe(change -> {
            Optional<ExecutionStatus> status = ExecutionStatus.fromCode(change.status());
            if (status.isEmpty()) {
                return;
            }
            if (status.get() == ExecutionStatus.RUNNING) {
                started.increment();
            } else if (status.get().isTerminal()) {
                Counter.builder("attune.executions.ended").description("executions that ended, by status")
                        .tags("status", change.status()).register(registry).increment();
            }
        });
    }

    /** Called after each sample is taken (by the duty): the queue gauges follow the queues the broker knows. */
    void refreshQueues() {
        queues.register(lag.current().queues().stream()
                .map(q -> MultiGauge.Row.of(Tags.of("queue", q.name(), "kind", q.kind()), q.messages()))
                .toList(), true);
    }

    private void gauge(MeterRegistry registry, String name, String description, ToDoubleFunction<Lag> value) {
        Gauge.builder(name, lag, l -> value.applyAsDouble(l.current())).description(description).register(registry);
    }

    private void counter(MeterRegistry registry, String name, String description, ToDoubleFunction<Lag> value) {
        FunctionCounter.builder(name, lag, l -> value.applyAsDouble(l.current())).description(description)
                .register(registry);
    }

    private static double seconds(Optional<Duration> age) {
        return age.map(a -> a.toMillis() / 1000.0).orElse(0.0);
    }

    @PreDestroy
    void close() throws Exception {
        subscription.close();
    }
}
