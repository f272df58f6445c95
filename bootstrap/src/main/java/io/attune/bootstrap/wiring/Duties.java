package io.attune.bootstrap.wiring;

import io.attune.adapters.amqp.DispatchListener;
import io.attune.application.port.in.ExecutorDuties;
import io.attune.application.port.in.RetryDuties;
import io.attune.application.port.in.InquiryDuties;
import io.attune.application.port.in.WorkflowDuties;
import io.attune.application.service.Dispatch;
import io.attune.application.service.WorkerService;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The periodic work of the roles this instance plays: the worker registers, heartbeats (renewing its leases) and, on
 * shutdown, drains (lets what it runs finish for a while, then kills the rest and ends it) before the listeners stop; the executor relays the outbox, marks silent
 * workers lost, abandons the executions of lost workers whose lease lapsed, admits rate-delayed ones, fires due
 * workflow timers and times out inquiries past their ttl; every role deletes the outbox rows of the messages it had confirmed, in batches.
 */
@Singleton
public class Duties {

    private static final Logger LOG = LoggerFactory.getLogger(Duties.class);
    private static final Duration EXECUTOR_STOP_WAIT = Duration.ofSeconds(10);

    private final Roles roles;
    private final ExecutorDuties executor;
    private final BeanProvider<RetryDuties> retries;
    private final WorkerService worker;
    private final Dispatch dispatch;
    private final Duration stopTimeout;
    private final Duration drain;
    private final BeanProvider<ExecutorService> scheduler;
    private final BeanProvider<ExecutorService> requests;
    private final BeanProvider<DispatchListener> intake;
    private final BeanProvider<WorkflowDuties> workflows;
    private final BeanProvider<InquiryDuties> inquiries;

    public Duties(Roles roles, ExecutorDuties executor, WorkerService worker, Dispatch dispatch,
                  @Value("${attune.worker.stop-timeout:30s}") Duration stopTimeout,
                  @Value("${attune.worker.drain:30s}") Duration drain,
                  @Named(TaskExecutors.SCHEDULED) BeanProvider<ExecutorService> scheduler,
                  @Named(TaskExecutors.BLOCKING) BeanProvider<ExecutorService> requests,
                  BeanProvider<DispatchListener> intake, BeanProvider<WorkflowDuties> workflows,
                  BeanProvider<InquiryDuties> inquiries, BeanProvider<RetryDuties> retries) {
        if (drain.isNegative()) {
            throw new IllegalArgumentException("ATTUNE_WORKER_DRAIN (attune.worker.drain) must not be negative, got "
                    + drain);
        }
        this.drain = drain;
        this.scheduler = scheduler;
        this.requests = requests;
        this.retries = retries;
        this.intake = intake;
        this.workflows = workflows;
        this.inquiries = inquiries;
        this.roles = roles;
        this.executor = executor;
        this.worker = worker;
        this.dispatch = dispatch;
        this.stopTimeout = stopTimeout;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        if (roles.has("worker")) {
            worker.register();
            LOG.info("worker {} registered for runtimes {}", worker.name(), worker.runnerTypes());
        }
    }

    /**
     * Runs before any bean is destroyed, in this order: the worker drains (status {@code draining}, its work queues
     * cancelled so that held deliveries go back, what runs given {@code attune.worker.drain} to finish while heartbeats
     * go on renewing its leases, the rest killed and ended abandoned); then the scheduled duties stop, and the one
     * running (a relay's publish, a sweep's transaction) is waited for, so that none fires while the beans it needs are
     * being destroyed; then the API's requests in flight (the HTTP server no longer accepts any by then) are waited
     * for, so that none meets a closed database. The listeners, the publisher and the database close after this.
     */
    @EventListener
    void onShutdown(ShutdownEvent event) {
        if (roles.has("worker")) {
            try {
                worker.beginStop();
                intake.ifPresent(DispatchListener::stopTaking);
                LOG.info("worker {} draining: takes no more work, lets what runs finish for up to {}", worker.name(),
                        drain);
                if (worker.stop(drain, stopTimeout)) {
                    LOG.info("worker {} stopped", worker.name());
                }
            } catch (RuntimeException e) {
                LOG.warn("worker {} could not write its stop: {}", worker.name(), e.getMessage());
            }
        }
        finish(scheduler, "scheduled duty");
        finish(requests, "API request");
    }

    /** Takes no more tasks on these threads and waits a while for those running. */
    private static void finish(BeanProvider<ExecutorService> threads, String what) {
        threads.ifPresent(executor -> {
            executor.shutdown();
            try {
                if (!executor.awaitTermination(EXECUTOR_STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warn("a {} was still running {} after the stop began", what, EXECUTOR_STOP_WAIT);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @Scheduled(fixedDelay = "${attune.worker.heartbeat:10s}", initialDelay = "${attune.worker.heartbeat:10s}")
    void heartbeat() {
        if (roles.has("worker")) {
            guard("heartbeat", worker::heartbeat);
        }
    }

    /** Stores what running actions printed since the last flush: nothing to do, and no statement, when none did. */
    @Scheduled(fixedDelay = "${attune.worker.output-flush:500ms}", initialDelay = "${attune.worker.output-flush:500ms}")
    void flushOutput() {
        if (roles.has("worker")) {
            guard("output flush", worker::flushOutput);
        }
    }

    @Scheduled(fixedDelay = "${attune.outbox.forget-interval:100ms}", initialDelay = "1s")
    void forgetConfirmed() {
        guard("outbox cleanup", dispatch::forgetConfirmed);
    }

    @Scheduled(fixedDelay = "${attune.executor.relay-interval:1s}", initialDelay = "2s")
    void relay() {
        if (roles.has("executor")) {
            guard("outbox relay", executor::relayOutbox);
        }
    }

    @Scheduled(fixedDelay = "${attune.executor.lease-sweep-interval:5s}", initialDelay = "5s")
    void sweepLeases() {
        if (roles.has("executor")) {
            guard("worker watch", executor::watchWorkers);
            guard("lease sweep", executor::abandonExpiredLeases);
        }
    }

    @Scheduled(fixedDelay = "${attune.executor.rate-tick-interval:1s}", initialDelay = "2s")
    void admitRateDelayed() {
        if (roles.has("executor")) {
            guard("rate admissions", executor::admitRateDelayed);
        }
    }

    /** Ends as timeout the executions that waited in a policy queue past its queue_timeout. */
    @Scheduled(fixedDelay = "${attune.executor.queue-timeout-interval:1s}", initialDelay = "2s")
    void timeOutQueued() {
        if (roles.has("executor")) {
            guard("queue timeouts", executor::timeOutQueued);
        }
    }

    /** Admits the retries whose delay is over; each executor takes its own with SKIP LOCKED. */
    @Scheduled(fixedDelay = "${attune.executor.retry-interval:500ms}", initialDelay = "1s")
    void admitDueRetries() {
        if (roles.has("executor")) {
            retries.ifPresent(duties -> guard("retries", duties::admitDueRetries));
        }
    }

    /** Fires the due timers of workflow tasks (delays, retry waits); each executor takes its own with SKIP LOCKED. */
    @Scheduled(fixedDelay = "${attune.executor.workflow-timer-interval:500ms}", initialDelay = "1s")
    void fireWorkflowTimers() {
        if (roles.has("executor")) {
            workflows.ifPresent(duties -> guard("workflow timers", duties::fireDueTimers));
        }
    }

    /**
     * Times out the pending inquiries past their ttl (their executions end {@code timeout}); each executor takes its own
     * with SKIP LOCKED. An inquiry times out within this interval of its expiry.
     */
    @Scheduled(fixedDelay = "${attune.inquiries.sweep-interval:5s}", initialDelay = "2s")
    void timeOutInquiries() {
        if (roles.has("executor")) {
            inquiries.ifPresent(duties -> guard("inquiry timeouts", duties::timeOutDue));
        }
    }

    private static void guard(String what, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.warn("{} failed: {}", what, e.getMessage());
        }
    }
}
