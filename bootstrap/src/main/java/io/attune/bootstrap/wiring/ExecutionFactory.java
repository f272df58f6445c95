package io.attune.bootstrap.wiring;

import io.attune.application.port.in.ExecutionOutputs;
import io.attune.application.port.out.ActionRepository;
import io.attune.application.port.out.ActionRunner;
import io.attune.application.port.out.AdmissionLedger;
import io.attune.application.port.out.ExecutionOutputRepository;
import io.attune.application.port.out.ExecutionRepository;
import io.attune.application.port.out.Handover;
import io.attune.application.port.out.IdempotencyKeys;
import io.attune.application.port.out.MessagePublisher;
import io.attune.application.port.out.Outbox;
import io.attune.application.port.out.PackRepository;
import io.attune.application.port.out.PolicyRepository;
import io.attune.application.port.out.SchemaValidator;
import io.attune.application.port.out.SecretCipher;
import io.attune.application.port.out.TransactionRunner;
import io.attune.application.port.out.WorkerRepository;
import io.attune.application.service.Dispatch;
import io.attune.application.service.EndListener;
import io.attune.application.service.RetryScheduling;
import io.attune.application.service.ExecutionEnding;
import io.attune.application.service.ExecutionService;
import io.attune.application.service.IdempotencyService;
import io.attune.application.service.ExecutionOutputService;
import io.attune.application.service.ExecutorDutiesService;
import io.attune.application.service.GroupedExecutionRequests;
import io.attune.application.service.StatusFeedService;
import io.attune.application.service.WorkerService;
import io.attune.domain.action.WorkerLabels;
import io.attune.application.service.WorkflowCatalog;
import io.attune.application.service.WorkflowService;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/** Builds the execution pipeline's services: requests and admission, the worker, the executor's duties. */
@Factory
public class ExecutionFactory {

    @Singleton
    Dispatch dispatch(ExecutionRepository executions, ActionRepository actions, Outbox outbox, MessagePublisher publisher,
                      TransactionRunner tx, Handover handover) {
        return new Dispatch(executions, actions, outbox, publisher, tx, handover);
    }

    /** The one way an execution ends; every EndListener bean (a child's workflow) is told of each end in its transaction. */
    @Singleton
    ExecutionEnding executionEnding(ExecutionRepository executions, AdmissionLedger ledger, Dispatch dispatch,
                                    TransactionRunner tx, Clock clock, List<EndListener> listeners) {
        return new ExecutionEnding(executions, ledger, dispatch, tx, clock, listeners);
    }

    @Singleton
    ExecutionService executionService(ActionRepository actions, PolicyRepository policies, ExecutionRepository executions,
                                      AdmissionLedger ledger, WorkerRepository workers, SchemaValidator schemas,
                                      SecretCipher cipher, Dispatch dispatch, ExecutionEnding ending,
                                      TransactionRunner tx, Clock clock, IdempotencyService idempotency,
                                      BeanProvider<WorkflowCatalog> catalog, BeanProvider<WorkflowService> workflows) {
        // workflows run where their definitions can be read; the service is built after this one, which it needs
        ExecutionService.WorkflowSupport support = catalog.isPresent() && workflows.isPresent()
                ? new ExecutionService.WorkflowSupport(catalog.get(), workflows::get) : null;
        return new ExecutionService(actions, policies, executions, ledger, workers, schemas, cipher, dispatch, ending,
                tx, clock, idempotency, support);
    }

    /** An execution that ends as its action's retry says is retried: the retry is made in the ending's transaction. */
    @Singleton
    EndListener retries(ActionRepository actions, PolicyRepository policies, ExecutionRepository executions,
                        Dispatch dispatch, Clock clock) {
        return new RetryScheduling(actions, policies, executions, dispatch, clock);
    }

    /** Idempotency-Keys of POST /executions, /events and webhooks, kept for attune.idempotency.retention. */
    @Singleton
    IdempotencyService idempotency(IdempotencyKeys keys, TransactionRunner tx, Clock clock,
                                   @Value("${attune.idempotency.retention:24h}") Duration retention) {
        return new IdempotencyService(keys, tx, clock, retention);
    }

    /** What the API asks for executions through: requests that arrive together are written by group commit. */
    @Singleton
    @Primary
    @Bean(preDestroy = "close")
    GroupedExecutionRequests executionCommands(ExecutionService executions,
                                               @Value("${attune.executions.committers:2}") int committers,
                                               @Value("${attune.executions.max-batch:64}") int maxBatch) {
        return new GroupedExecutionRequests(executions, committers, maxBatch);
    }

    /**
     * The executor's duties. A worker that missed {@code attune.worker.lost-after-heartbeats} of its own heartbeats is
     * lost and the executions whose lease it let lapse are abandoned; lost and stopped workers are forgotten
     * {@code attune.worker.forget-after} after their last heartbeat.
     */
    @Singleton
    ExecutorDutiesService executorDuties(ExecutionRepository executions, ActionRepository actions, AdmissionLedger ledger,
                                         Outbox outbox, MessagePublisher publisher, Dispatch dispatch,
                                         ExecutionEnding ending, TransactionRunner tx, Clock clock, WorkerRepository workers,
                                         @Value("${attune.worker.lost-after-heartbeats:3}") int lostAfterHeartbeats,
                                         @Value("${attune.worker.forget-after:1d}") Duration forgetAfter) {
        return new ExecutorDutiesService(executions, actions, ledger, outbox, publisher, dispatch, ending, tx, clock,
                Duration.ofSeconds(2), workers, new ExecutorDutiesService.WorkerWatch(lostAfterHeartbeats, forgetAfter));
    }

    @Singleton
    ExecutionOutputs executionOutputs(ExecutionOutputRepository outputs, TransactionRunner tx) {
        return new ExecutionOutputService(outputs, tx);
    }

    @Singleton
    StatusFeedService statusFeed() {
        return new StatusFeedService();
    }

    @Singleton
    @Bean(preDestroy = "close")
    WorkerService worker(List<ActionRunner> runners, ExecutionRepository executions, ActionRepository actions,
                         PackRepository packs, WorkerRepository workers, SecretCipher cipher,
                         Dispatch dispatch, ExecutionEnding ending, TransactionRunner tx, Clock clock,
                         ExecutionOutputRepository outputs,
                         @Nullable @Property(name = "attune.worker.name") String name,
                         @Value("${attune.worker.capacity:16}") int capacity,
                         @Value("${attune.worker.heartbeat:10s}") Duration heartbeat,
                         @Value("${attune.worker.lease:30s}") Duration lease,
                         @Value("${attune.worker.default-timeout:10m}") Duration defaultTimeout,
                         @Value("${attune.worker.output-cap-bytes:1048576}") int outputCap,
                         @Value("${attune.worker.inline-committers:2}") int inlineCommitters,
                         @Value("${attune.worker.end-committers:1}") int endCommitters,
                         @Value("${attune.worker.labels:}") String labels) {
        String host = host();
        // host, process and a short random part: two applications in one JVM (tests) never share a name
        String workerName = name == null || name.isBlank()
                ? host + "-" + ManagementFactory.getRuntimeMXBean().getPid() + "-"
                        + java.util.UUID.randomUUID().toString().substring(0, 4)
                : name;
        WorkerService worker = new WorkerService(new WorkerService.Settings(workerName, host, capacity, heartbeat, lease,
                defaultTimeout, outputCap, Map.of(), workerLabels(labels)), runners, executions, actions, packs,
                workers, cipher, dispatch, ending, tx, clock, Executors.newVirtualThreadPerTaskExecutor(), outputs);
        worker.groupInlineTakes(inlineCommitters, 64);
        // one committer: batches of ends never wait for each other's policy keys in a cycle
        worker.groupRunEnds(endCommitters, 64);
        return worker;
    }

    /** ATTUNE_WORKER_LABELS: {@code key=value} pairs (or bare keys); a malformed one stops startup naming the setting. */
    static Map<String, String> workerLabels(String text) {
        try {
            return WorkerLabels.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ATTUNE_WORKER_LABELS (attune.worker.labels) is malformed: "
                    + e.getMessage() + "; write key=value pairs separated by commas, e.g. region=eu,gpu=true");
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
