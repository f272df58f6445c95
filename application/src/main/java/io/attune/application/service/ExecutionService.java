package io.attune.application.service;

import io.attune.application.port.in.ExecutionCommands;
import io.attune.application.port.in.ExecutionQueries;
import io.attune.application.port.in.ExecutionQueries.RuntimeView;
import io.attune.application.port.in.FieldError;
import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.application.port.in.RetryDuties;
import io.attune.application.port.in.Slice;
import io.attune.application.port.in.UseCaseException;
import io.attune.application.port.out.ActionRepository;
import io.attune.application.port.out.AdmissionLedger;
import io.attune.application.port.out.ExecutionRepository;
import io.attune.application.port.out.PolicyRepository;
import io.attune.application.port.out.SchemaValidator;
import io.attune.application.port.out.SecretCipher;
import io.attune.application.port.out.TransactionRunner;
import io.attune.application.port.out.WorkerRepository;
import io.attune.domain.action.Action;
import io.attune.domain.action.RunnerType;
import io.attune.domain.admission.AdmissionDecision;
import io.attune.domain.admission.ConcurrencyGate;
import io.attune.domain.admission.Gate;
import io.attune.domain.admission.Gates;
import io.attune.domain.common.Ref;
import io.attune.domain.execution.Execution;
import io.attune.domain.execution.ExecutionStatus;
import io.attune.domain.policy.Policy;
import io.attune.domain.workflow.WorkflowSource;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Requests, cancels and shows executions. A request is validated, stored and admitted under the action's policies
 * in one transaction, so the order in which requests commit is the order of every policy queue.
 */
public final class ExecutionService implements ExecutionCommands, ExecutionQueries, RetryDuties {

    private final ActionRepository actions;
    private final PolicyRepository policies;
    private final ExecutionRepository executions;
    private final AdmissionLedger ledger;
    private final WorkerRepository workers;
    private final SchemaValidator schemas;
    private final Secrets secrets;
    private final Dispatch dispatch;
    private final ExecutionEnding ending;
    private final TransactionRunner tx;
    private final Clock clock;
    private final IdempotencyService idempotency;
    private final Optional<WorkflowSupport> workflows;

    /**
     * What requests and views need of workflows: the definitions a workflow's input is checked against, and the
     * service that runs workflows (a supplier: it is built after this service, which it requests children through).
     */
    public record WorkflowSupport(WorkflowCatalog catalog, Supplier<WorkflowService> service) {
        public WorkflowSupport {
            java.util.Objects.requireNonNull(catalog, "catalog");
            java.util.Objects.requireNonNull(service, "service");
        }
    }

    /** An instance that runs no workflows: a workflow action is refused. */
    public ExecutionService(ActionRepository actions, PolicyRepository policies, ExecutionRepository executions,
                            AdmissionLedger ledger, WorkerRepository workers, SchemaValidator schemas,
                            SecretCipher cipher, Dispatch dispatch, ExecutionEnding ending, TransactionRunner tx, Clock clock,
                            IdempotencyService idempotency) {
        this(actions, policies, executions, ledger, workers, schemas, cipher, dispatch, ending, tx, clock, idempotency,
                null);
    }

    public ExecutionService(ActionRepository actions, PolicyRepository policies, ExecutionRepository executions,
                            AdmissionLedger ledger, WorkerRepository workers, SchemaValidator schemas,
                            SecretCipher cipher, Dispatch dispatch, ExecutionEnding ending, TransactionRunner tx, Clock clock,
                            IdempotencyService idempotency, WorkflowSupport workflows) {
        this.workflows = Optional.ofNullable(workflows);
        this.actions = actions;
        this.policies = policies;
        this.executions = executions;
        this.ledger = ledger;
        this.workers = workers;
        this.schemas = schemas;
        this.secrets = new Secrets(cipher);
        this.dispatch = dispatch;
        this.ending = ending;
        this.tx = tx;
        this.clock = clock;
        this.idempotency = idempotency;
    }

    @Override
    public ExecutionView request(RequestExecution command) {
        // one transaction for lookup, validation and admission: a refusal rolls back and stores nothing
        Stored result = dispatch.inTransaction(pending -> requestWithin(command, pending));
        return view(result.execution(), result.action());
    }

    /**
     * Several requests in one transaction, in order (their admission order): a request the use case refuses is
     * refused alone ({@link GroupCommit.Outcome.Refused}), having written nothing; a database failure fails the whole
     * batch. The messages of the batch are published together after the commit.
     */
    public List<GroupCommit.Outcome<ExecutionView>> requestAll(List<RequestExecution> commands) {
        List<Object> stored = dispatch.inTransaction(pending -> {
            List<Object> results = new java.util.ArrayList<>();
            for (RequestExecution command : commands) {
                try {
                    results.add(requestWithin(command, pending));
                } catch (UseCaseException refused) {
                    results.add(refused);
                }
            }
            return results;
        });
        return stored.stream().<GroupCommit.Outcome<ExecutionView>>map(r -> r instanceof Stored s
                ? new GroupCommit.Outcome.Done<>(view(s.execution(), s.action()))
                : new GroupCommit.Outcome.Refused<>((UseCaseException) r)).toList();
    }

    /**
     * Validates, stores and admits an execution inside the caller's transaction, appending its messages to
     * {@code pending} (the caller publishes them after its commit). Every refusal (UseCaseException) is thrown before
     * anything is written, so a caller may catch it and go on in the same transaction.
     */
    Stored requestWithin(RequestExecution command, Dispatch.Pending pending) {
        return requestWithin(command, Optional.empty(), Optional.empty(), pending);
    }

    /** The same, for a workflow task's child ({@code task} set, with a parent in the command). */
    Stored requestWithin(RequestExecution command, Optional<Execution.TaskOf> task, Dispatch.Pending pending) {
        return requestWithin(command, task, Optional.empty(), pending);
    }

    /**
     * The same; for a workflow action, {@code workflowSource} is the workflow its input is checked against when it is not
     * the action's current one (a rerun).
     */
    Stored requestWithin(RequestExecution command, Optional<Execution.TaskOf> task,
                         Optional<WorkflowSource> workflowSource, Dispatch.Pending pending) {
        Ref ref = parseAction(command.action());
        command.timeoutSeconds().ifPresent(t -> {
            if (t < 1) {
                throw UseCaseException.Invalid.of("timeout", "timeout must be a positive number of seconds, got " + t);
            }
        });
        Action action = actions.find(ref).orElseThrow(() -> new UseCaseException.NotFound("action", ref.toString()));
        boolean workflow = action.runner() == RunnerType.WORKFLOW;
        if (workflow && workflows.isEmpty()) {
            throw UseCaseException.Invalid.of("action", "action '" + ref + "' is a workflow, and this instance runs none");
        }
        if (!action.enabled()) {
            throw UseCaseException.Invalid.of("action", "action '" + ref + "' is disabled");
        }
        Map<String, Object> parameters = action.parameters().withDefaults(command.parameters());
        List<FieldError> errors = Secrets.scrub(action.parameters(), parameters, workflow
                ? workflowInputProblems(ref, action, workflowSource, parameters)
                : schemas.validate(action.parameters().toJsonSchema(), parameters, "parameters"));
        if (!errors.isEmpty()) {
            throw new UseCaseException.Invalid("invalid parameters for '" + ref + "': " + errors.get(0), errors);
        }
        // policy keys see only the digests of secret parameters
        List<Gate> gates = Gates.forExecution(policies.applicableTo(ref), ref,
                secrets.digested(action.parameters(), parameters));
        refuseOverflowFromApi(command, task, gates);
        idempotency.claimWithin(command.idempotency()); // the last refusal: a retry of a stored request
        // secret parameters are stored sealed
        Map<String, Object> stored = secrets.seal(action.parameters(), parameters);
        Instant now = clock.instant();
        Execution requested = Execution.requested(ref, stored, command.timeoutSeconds(), command.parent(),
                command.enforcement(), task, now);
        if (gates.isEmpty()) {
            // no policy applies: admitted at once, stored already scheduled (one write instead of two)
            Execution scheduled = executions.insert(requested.moveTo(ExecutionStatus.SCHEDULED, now));
            idempotency.bindWithin(command.idempotency(), "execution:" + scheduled.id());
            dispatch.announce(scheduled, action, now, pending);
            return new Stored(scheduled, action);
        }
        Execution execution = executions.insert(requested);
        idempotency.bindWithin(command.idempotency(), "execution:" + execution.id());
        Execution next = admitStored(execution, gates, action, now, pending);
        return new Stored(next, action);
    }

    /** How long a client refused by a full policy queue is told to wait before it asks again. */
    static final java.time.Duration OVERFLOW_RETRY_AFTER = java.time.Duration.ofSeconds(10);

    /**
     * A person's (or a client's) request, one that no rule, workflow or retry made, is refused unstored (429) when a
     * queue it would wait in is full and that policy says {@code overflow: reject}; any other request that finds a queue
     * full is stored and ends canceled. Asked only when such a policy applies: the check locks the keys' rows, which
     * the admission then holds already.
     */
    private void refuseOverflowFromApi(RequestExecution command, Optional<Execution.TaskOf> task, List<Gate> gates) {
        boolean fromApi = command.parent().isEmpty() && command.enforcement().isEmpty() && task.isEmpty();
        boolean rejects = gates.stream().anyMatch(gate -> gate instanceof ConcurrencyGate c
                && c.overflow() == Policy.Overflow.REJECT);
        if (fromApi && rejects) {
            ledger.overflowing(gates).filter(o -> o.overflow() == Policy.Overflow.REJECT)
                    .ifPresent(o -> {
                        throw new UseCaseException.TooManyAttempts(o.reason() + "; nothing was stored, try again later",
                                OVERFLOW_RETRY_AFTER);
                    });
        }
    }

    /**
     * Admits a stored, requested execution under its gates and writes the outcome (scheduled, delayed, or ended by
     * policy), announcing it; throws IllegalStateException (rolling the caller back) when another writer moved it.
     */
    private Execution admitStored(Execution execution, List<Gate> gates, Action action, Instant now,
                                  Dispatch.Pending pending) {
        AdmissionDecision decision = gates.isEmpty() ? new AdmissionDecision.Admitted()
                : ledger.admit(execution.id(), gates, now);
        // read the clock again under the key locks: admission times then follow admission order
        Instant decided = clock.instant();
        Execution next = switch (decision) {
            case AdmissionDecision.Admitted a -> execution.moveTo(ExecutionStatus.SCHEDULED, decided);
            case AdmissionDecision.Queued q -> execution.moveTo(ExecutionStatus.DELAYED, decided);
            case AdmissionDecision.Canceled c -> execution.endedWithout(ExecutionStatus.CANCELED, decided, c.reason());
            case AdmissionDecision.Rejected r -> execution.endedWithout(ExecutionStatus.FAILED, decided, r.reason());
            case AdmissionDecision.Overflowed o -> execution.endedWithout(ExecutionStatus.CANCELED, decided, o.reason());
        };
        if (!executions.update(next, ExecutionStatus.REQUESTED)) {
            throw new IllegalStateException("execution " + execution.id() + " changed while it was admitted");
        }
        dispatch.announce(next, action, decided, pending);
        return next;
    }

    /**
     * {@inheritDoc} Each retry in a transaction of its own: the row is taken with SKIP LOCKED (so a cancel of it waits
     * for the admission and then cancels what it became), its parameters opened to compute its policy keys as the
     * first request did, and it is admitted like a new request, but never refused with 429: nobody waits for an answer.
     */
    @Override
    public int admitDueRetries() {
        int admitted = 0;
        while (admitted < RETRIES_PER_ROUND) {
            boolean one = dispatch.inTransaction(pending -> {
                List<Long> due = executions.dueRetries(clock.instant(), 1);
                due.forEach(id -> admitRetry(id, pending));
                return !due.isEmpty();
            });
            if (!one) {
                break;
            }
            admitted++;
        }
        return admitted;
    }

    static final int RETRIES_PER_ROUND = 100;

    private void admitRetry(long id, Dispatch.Pending pending) {
        Execution retry = executions.find(id).orElseThrow();
        Optional<Action> found = actions.find(retry.action()).filter(Action::enabled);
        if (found.isEmpty()) {
            // removed or disabled while the retry waited: it ends without a run, as every execution ends
            EndOutcome outcome = ending.endWithin(id, e -> e.status() == ExecutionStatus.REQUESTED
                    ? Optional.of(at -> e.endedWithout(ExecutionStatus.CANCELED, at, "not retried: action '"
                            + e.action() + "' is no longer installed and enabled"))
                    : Optional.empty(), pending);
            if (outcome instanceof EndOutcome.LostRace) {
                throw new IllegalStateException("retry " + id + " changed while it was ended");
            }
            return;
        }
        Action action = found.get();
        Map<String, Object> parameters = secrets.open(action.parameters(), retry.parameters());
        List<Gate> gates = Gates.forExecution(policies.applicableTo(retry.action()), retry.action(),
                secrets.digested(action.parameters(), parameters));
        admitStored(retry, gates, action, clock.instant(), pending);
    }

    /**
     * A workflow's parameters are its input: the names its action declares are checked against their schemas, and
     * every name against the workflow's declared input (undeclared names refused, required ones present).
     */
    private List<FieldError> workflowInputProblems(Ref ref, Action action, Optional<WorkflowSource> workflowSource,
                                                   Map<String, Object> parameters) {
        Map<String, Object> schema = new java.util.LinkedHashMap<>(action.parameters().toJsonSchema());
        schema.put("additionalProperties", true); // the workflow's input decides which other names are allowed
        List<FieldError> problems = new java.util.ArrayList<>(schemas.validate(schema, parameters, "parameters"));
        problems.addAll(workflows.orElseThrow().catalog().checkInput(ref, workflowSource, parameters));
        return problems;
    }

    /** What a request stored, with the action it was checked against. */
    record Stored(Execution execution, Action action) {
    }

    @Override
    public ExecutionView cancel(long id) {
        // a cancel that is accepted takes effect: losing the compare-and-set to a worker, a finish or a sweep only
        // means the status moved on, so read it again and cancel from there; 409 only once the execution has ended
        for (int attempt = 1; ; attempt++) {
            Optional<Execution> canceled = cancelOnce(id);
            if (canceled.isPresent()) {
                Execution done = canceled.get();
                return view(done, tx.readOnly(() -> actions.find(done.action())).orElse(null));
            }
            if (attempt == MAX_CANCEL_ATTEMPTS) {
                // each lost race is a real step of the status machine, which has few: this many is a writer gone wrong
                throw new UseCaseException.Conflict("execution " + id + " kept changing during " + attempt
                        + " attempts to cancel it");
            }
            Thread.onSpinWait();
        }
    }

    static final int MAX_CANCEL_ATTEMPTS = 100;

    /** The canceled (or canceling) execution; empty when another writer changed its status first. */
    private Optional<Execution> cancelOnce(long id) {
        Execution current = tx.readOnly(() -> executions.find(id))
                .orElseThrow(() -> new UseCaseException.NotFound("execution", Long.toString(id)));
        return switch (current.status()) {
            case SUCCEEDED, FAILED, TIMEOUT, CANCELED, ABANDONED -> throw new UseCaseException.Conflict(
                    "execution " + id + " already finished (" + current.status().code() + ")");
            case CANCELING -> Optional.of(current);
            // not started: it ends here, as every execution ends
            case REQUESTED, DELAYED, SCHEDULED -> ended(ending.end(id, e -> e.status() == current.status()
                    ? Optional.of(at -> e.endedWithout(ExecutionStatus.CANCELED, at, "canceled on request"))
                    : Optional.empty()));
            // waiting for a person (core.ask): no worker to stop, it ends here and its inquiry with it
            case PENDING -> dispatch.runnerOf(current) == RunnerType.INQUIRER
                    ? ended(ending.end(id, e -> e.status() == ExecutionStatus.PENDING
                            ? Optional.of(at -> e.endedWithout(ExecutionStatus.CANCELED, at, "canceled on request"))
                            : Optional.empty()))
                    : stopStarted(current);
            case RUNNING, PAUSING, PAUSED -> stopStarted(current);
        };
    }

    /**
     * The ended execution; empty when the end was not written (another writer moved it first, or it vanished): the
     * caller reads it again.
     */
    private static Optional<Execution> ended(EndOutcome outcome) {
        return switch (outcome) {
            case EndOutcome.Ended ended -> Optional.of(ended.execution());
            case EndOutcome.LostRace lost -> Optional.empty();
            case EndOutcome.NotFound moved -> Optional.empty();
        };
    }

    private Optional<Execution> stopStarted(Execution current) {
        // a started workflow: its engine cancels its children, then ends it
        return workflows.isPresent() && dispatch.runnerOf(current) == RunnerType.WORKFLOW
                ? Optional.of(workflows.get().service().get().cancel(current.id()).execution())
                // started: its worker kills it and writes the end
                : requestStop(current);
    }

    /** Running → canceling, with the cancel request to the workers; empty when another writer changed it first. */
    private Optional<Execution> requestStop(Execution current) {
        Optional<Execution> stopping = dispatch.inTransaction(pending -> {
            Instant now = clock.instant();
            Execution next = current.moveTo(ExecutionStatus.CANCELING, now);
            if (!executions.update(next, current.status())) {
                return Optional.<Execution>empty(); // nothing written
            }
            dispatch.announce(next, dispatch::runnerOf, now, pending);
            dispatch.requestCancel(next, now, pending);
            return Optional.of(next);
        });
        return stopping;
    }

    @Override
    public ExecutionView rerun(long id, Optional<Map<String, Object>> parameters) {
        Execution original = tx.readOnly(() -> executions.find(id))
                .orElseThrow(() -> new UseCaseException.NotFound("execution", Long.toString(id)));
        Map<String, Object> again = parameters.orElseGet(() -> originalParameters(original));
        return request(new RequestExecution(original.action().toString(), again,
                original.timeoutSeconds(), original.parent(), java.util.OptionalLong.empty()));
    }

    /** The parameters an execution ran with, its secret ones decrypted (they are sealed again by the new request). */
    private Map<String, Object> originalParameters(Execution original) {
        Optional<Action> action = tx.readOnly(() -> actions.find(original.action()));
        if (action.isEmpty()) {
            return original.parameters(); // the request refuses the missing action
        }
        try {
            return secrets.open(action.get().parameters(), original.parameters());
        } catch (UseCaseException.Conflict e) {
            throw new UseCaseException.Conflict("execution " + original.id() + " cannot be rerun with its own parameters: "
                    + e.getMessage() + "; rerun it with parameters given in full");
        }
    }

    @Override
    public Page<ExecutionView> list(ExecutionFilter filter, PageRequest page) {
        return tx.readOnly(() -> {
            Supplier<List<WorkerView>> registered = registeredWorkers();
            Page<Execution> listed = executions.list(filter, page);
            Map<Long, Long> retries = retries(listed.items());
            return listed.map(e -> view(e, actions.find(e.action()).orElse(null), registered, retriedBy(retries, e)));
        });
    }

    @Override
    public Slice<ExecutionView> browse(ExecutionFilter filter, PageRequest page) {
        return tx.readOnly(() -> {
            Slice<Execution> slice = Slice.of(executions.slice(filter, page.limit() + 1, page.offset()), page);
            Map<Long, Long> retries = retries(slice.items());
            return slice.map(e -> view(e, actions.find(e.action()).orElse(null), null, retriedBy(retries, e)));
        });
    }

    @Override
    public ExecutionView get(long id) {
        return tx.readOnly(() -> executions.find(id)
                        .map(e -> view(e, actions.find(e.action()).orElse(null), registeredWorkers())))
                .orElseThrow(() -> new UseCaseException.NotFound("execution", Long.toString(id)));
    }

    /** The registered workers, read once and only when a scheduled execution needs them. */
    private Supplier<List<WorkerView>> registeredWorkers() {
        List<List<WorkerView>> read = new ArrayList<>(1);
        return () -> {
            if (read.isEmpty()) {
                read.add(workers.list());
            }
            return read.get(0);
        };
    }

    @Override
    public List<RuntimeView> runtimes() {
        return WorkerSupply.runtimes(tx.readOnly(workers::list));
    }

    @Override
    public List<QueueStats> queueStats(String action) {
        Ref ref = parseAction(action);
        return tx.readOnly(() -> {
            if (actions.find(ref).isEmpty()) {
                throw new UseCaseException.NotFound("action", action);
            }
            return ledger.stats(ref, clock.instant());
        });
    }

    @Override
    public List<WorkerView> workers() {
        return tx.readOnly(workers::list);
    }

    /**
     * The execution as a request answers it: the workers are not read on this path, nor the queue position of a
     * delayed execution, which counts every execution ahead of it (under a long queue, the cost of every request would
     * grow with the queue); {@code GET /executions/{id}} shows it.
     */
    private ExecutionView view(Execution e, Action action) {
        return view(e, action, null, retriedBy(e), false);
    }

    private ExecutionView view(Execution e, Action action, Supplier<List<WorkerView>> registered) {
        return view(e, action, registered, retriedBy(e));
    }

    /** A finished execution may have been retried: the chain is shown both ways. */
    private OptionalLong retriedBy(Execution e) {
        return e.status().isTerminal() ? tx.readOnly(() -> executions.retriedBy(e.id())) : OptionalLong.empty();
    }

    /** The retries of a page's finished executions, read in one go (a list must not ask once per row). */
    private Map<Long, Long> retries(List<Execution> page) {
        List<Long> finished = page.stream().filter(e -> e.status().isTerminal()).map(Execution::id).toList();
        return finished.isEmpty() ? Map.of() : executions.retriedBy(finished);
    }

    private static OptionalLong retriedBy(Map<Long, Long> retries, Execution e) {
        Long retry = retries.get(e.id());
        return retry == null ? OptionalLong.empty() : OptionalLong.of(retry);
    }

    private ExecutionView view(Execution e, Action action, Supplier<List<WorkerView>> registered,
                               OptionalLong retriedBy) {
        return view(e, action, registered, retriedBy, true);
    }

    private ExecutionView view(Execution e, Action action, Supplier<List<WorkerView>> registered,
                               OptionalLong retriedBy, boolean withPosition) {
        // core.ask's result is the answer: its secret fields are masked as secret parameters are
        Optional<Object> result = action != null && action.runner() == RunnerType.INQUIRER ? Secrets.maskedAnswer(e)
                : e.result();
        Execution shown = action == null ? e : new Execution(e.id(), e.action(), e.status(),
                action.parameters().mask(e.parameters()), e.timeoutSeconds(), result, e.exitCode(), e.output(),
                e.failure(), e.createdAt(), e.scheduledAt(), e.startedAt(), e.finishedAt(), e.worker(),
                e.leaseExpiresAt(), e.parent(), e.enforcement(), e.task(), e.retry());
        OptionalInt position = withPosition && e.status() == ExecutionStatus.DELAYED
                ? tx.readOnly(() -> ledger.position(e.id())) : OptionalInt.empty();
        Optional<List<Map<String, Object>>> errors = action != null && action.runner() == RunnerType.WORKFLOW
                && workflows.isPresent()
                ? Optional.of(tx.readOnly(() -> workflows.get().service().get().errors(e.id()))) : Optional.empty();
        Optional<String> waitingFor = registered != null && action != null && e.status() == ExecutionStatus.SCHEDULED
                ? WorkerSupply.waitingFor(action.runner(), action.workerLabels(), registered.get()) : Optional.empty();
        return new ExecutionView(shown, position, errors, retriedBy, waitingFor);
    }


    private static Ref parseAction(String action) {
        try {
            return Ref.parse(action);
        } catch (IllegalArgumentException e) {
            throw UseCaseException.Invalid.of("action", e.getMessage());
        }
    }
}
