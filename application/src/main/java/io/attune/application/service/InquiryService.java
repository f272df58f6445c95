package io.attune.application.service;

import io.attune.application.port.in.FieldError;
import io.attune.application.port.in.InquiryCommands;
import io.attune.application.port.in.InquiryDuties;
import io.attune.application.port.in.InquiryQueries;
import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.application.port.in.UseCaseException;
import io.attune.application.port.out.ExecutionRepository;
import io.attune.application.port.out.InquiryRepository;
import io.attune.application.port.out.SchemaValidator;
import io.attune.application.port.out.SecretCipher;
import io.attune.application.port.out.TransactionRunner;
import io.attune.domain.action.RunnerType;
import io.attune.domain.common.Ref;
import io.attune.domain.event.Event;
import io.attune.domain.execution.Execution;
import io.attune.domain.execution.ExecutionStatus;
import io.attune.domain.inquiry.Inquiry;
import io.attune.domain.inquiry.InquiryStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Inquiries (StackStorm's core.ask): an inquirer execution, dispatched to an executor, becomes {@code pending} with
 * its inquiry stored and a {@code core.inquiry} event recorded ({@link #start}); it ends when a person's answer is
 * accepted ({@link #respond}: succeeded, the answer its result), when its ttl runs out ({@link #timeOutDue}: timeout),
 * or otherwise (canceled on its own or with its workflow: {@link #onEnded} cancels the inquiry). Every end of the
 * execution goes through {@link ExecutionEnding}, in the transaction that ends the inquiry. Every writer takes the
 * execution (its ledger keys, then its row) before the inquiry's row lock, so racing writers wait rather than
 * deadlock; the compare-and-set of the pending execution, then of the pending inquiry, lets exactly one of an answer,
 * a timeout and a cancel be written.
 *
 * <p>Fields of the answer's schema marked {@code secret: true} are stored sealed, in the inquiry's response and in the
 * execution's result, and shown masked.
 */
public final class InquiryService implements InquiryDuties, InquiryCommands, InquiryQueries, EndListener {

    /** The trigger of the event recorded when an execution asks (StackStorm's {@code core.st2.generic.inquiry}). */
    public static final Ref TRIGGER = Ref.parse("core.inquiry");
    private static final int TIMEOUTS_PER_ROUND = 100;

    private final InquiryRepository inquiries;
    private final ExecutionRepository executions;
    private final SchemaValidator schemas;
    private final Secrets secrets;
    private final EventRecorder events;
    private final Dispatch dispatch;
    private final ExecutionEnding ending;
    private final List<WaitListener> waiters;
    private final TransactionRunner tx;
    private final Clock clock;

    public InquiryService(InquiryRepository inquiries, ExecutionRepository executions,
                          SchemaValidator schemas, SecretCipher cipher, EventRecorder events, Dispatch dispatch,
                          ExecutionEnding ending, List<WaitListener> waiters, TransactionRunner tx, Clock clock) {
        this.inquiries = inquiries;
        this.executions = executions;
        this.schemas = schemas;
        this.secrets = new Secrets(cipher);
        this.events = events;
        this.dispatch = dispatch;
        this.ending = ending;
        this.waiters = List.copyOf(waiters);
        this.tx = tx;
        this.clock = clock;
    }

    // ---- start ------------------------------------------------------------------------------------------------------

    @Override
    public boolean start(long id) {
        boolean started = dispatch.inTransaction(pending -> startWithin(id, pending));
        return started;
    }

    private boolean startWithin(long id, Dispatch.Pending pending) {
        Optional<Execution> found = executions.find(id).filter(e -> e.status() == ExecutionStatus.SCHEDULED);
        if (found.isEmpty()) {
            return false; // started already, canceled, or unknown: a redelivery does nothing
        }
        Instant now = clock.instant();
        Execution running = found.get().moveTo(ExecutionStatus.RUNNING, now);
        if (!executions.update(running, ExecutionStatus.SCHEDULED)) {
            return false;
        }
        Inquiry asked;
        try {
            asked = question(running, now);
        } catch (IllegalArgumentException unusable) {
            // the parameters passed their schema but make no inquiry (a ttl out of range): the ask fails
            EndOutcome failed = ending.endWithin(id, e -> e.status() == ExecutionStatus.RUNNING
                    ? Optional.of(at -> e.endedWithout(ExecutionStatus.FAILED, at, "cannot ask: " + unusable.getMessage()))
                    : Optional.empty(), pending);
            requireEnded(failed);
            return true;
        }
        Execution waiting = running.moveTo(ExecutionStatus.PENDING, now);
        if (!executions.update(waiting, ExecutionStatus.RUNNING)) {
            throw new IllegalStateException("execution " + id + " changed while it started asking");
        }
        Inquiry stored = inquiries.insert(asked);
        events.record(new Event(0, TRIGGER, eventPayload(stored), now, Optional.of("inquiry")), pending);
        dispatch.announce(waiting, e -> RunnerType.INQUIRER, now, pending);
        waiters.forEach(w -> w.onWaiting(waiting, pending));
        return true;
    }

    /** The inquiry core.ask's parameters make (defaults applied at the request). */
    private static Inquiry question(Execution asking, Instant now) {
        Map<String, Object> p = asking.parameters();
        Map<String, Object> schema = p.get("schema") instanceof Map<?, ?> m ? objectOf(m) : DEFAULT_SCHEMA;
        String route = p.get("route") instanceof String r ? r : "";
        double ttl = p.get("ttl") instanceof Number n ? n.doubleValue() : DEFAULT_TTL_MINUTES;
        return Inquiry.ask(asking.id(), schema, route, strings(p.get("users")), strings(p.get("roles")), ttl,
                asking.parent(), now);
    }

    /** StackStorm's default question: continue the workflow? */
    static final Map<String, Object> DEFAULT_SCHEMA = Map.of("type", "object",
            "properties", Map.of("continue", Map.of("type", "boolean",
                    "description", "Would you like to continue the workflow?")),
            "required", List.of("continue"));
    static final double DEFAULT_TTL_MINUTES = 1440;

    private static Map<String, Object> eventPayload(Inquiry inquiry) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("id", inquiry.id());
        payload.put("route", inquiry.route());
        payload.put("users", inquiry.users());
        payload.put("roles", inquiry.roles());
        payload.put("schema", inquiry.schema());
        payload.put("ttl", inquiry.ttl());
        payload.put("execution", inquiry.execution());
        payload.put("parent", inquiry.parent().isPresent() ? (Object) inquiry.parent().getAsLong() : null);
        return payload;
    }

    // ---- respond ----------------------------------------------------------------------------------------------------

    @Override
    public InquiryView respond(Respond command) {
        Inquiry answered = dispatch.inTransaction(pending -> {
            Inquiry inquiry = inquiries.find(command.id())
                    .orElseThrow(() -> new UseCaseException.NotFound("inquiry", Long.toString(command.id())));
            if (!inquiry.mayBeAnsweredBy(command.by().name(), command.by().role())) {
                throw new UseCaseException.Forbidden(command.by().name() + " may not answer inquiry " + inquiry.id()
                        + ": it is for " + audience(inquiry));
            }
            requirePending(inquiry);
            Set<String> secret = Secrets.secretFields(inquiry.schema());
            List<FieldError> errors = scrubbed(secret, command.response(),
                    schemas.validate(inquiry.schema(), command.response(), "response"));
            if (!errors.isEmpty()) {
                throw new UseCaseException.Invalid("the response does not match the inquiry's schema: "
                        + errors.get(0), errors);
            }
            Map<String, Object> stored = secrets.sealFields(secret, command.response(), "response");
            // the execution first, then the inquiry: the order of every writer (a cancel ends the execution, then its
            // listener locks the inquiry), so an answer racing a cancel or a timeout waits instead of deadlocking;
            // whoever moves the pending execution first wins, the other finds it ended
            switch (ending.endWithin(inquiry.execution(), e -> e.status() == ExecutionStatus.PENDING
                    ? Optional.of(at -> e.finished(ExecutionStatus.SUCCEEDED, at, Optional.empty(),
                            Execution.Output.none(), Optional.of(stored), Optional.empty()))
                    : Optional.empty(), pending)) {
                case EndOutcome.Ended ended -> {
                }
                case EndOutcome.NotFound notWaiting -> throw new UseCaseException.Conflict("inquiry " + inquiry.id()
                        + " takes no answer: its execution " + inquiry.execution() + " is "
                        + notWaiting.current().map(e -> e.status().code()).orElse("gone"));
                // the transaction rolls back (the slot release with it): a timeout or a cancel came first
                case EndOutcome.LostRace lost -> throw new UseCaseException.Conflict("inquiry " + inquiry.id()
                        + " ended while it was answered: read it again");
            }
            Inquiry locked = inquiries.findForUpdate(inquiry.id())
                    .orElseThrow(() -> new IllegalStateException("inquiry " + inquiry.id() + " is gone"));
            requirePending(locked);
            Inquiry done = locked.responded(stored, command.by().name(), clock.instant());
            if (!inquiries.update(done, InquiryStatus.PENDING)) {
                throw new IllegalStateException("inquiry " + inquiry.id() + " changed under its lock");
            }
            return done;
        });
        return view(answered);
    }

    private static void requirePending(Inquiry inquiry) {
        if (inquiry.status() != InquiryStatus.PENDING) {
            throw new UseCaseException.Conflict("inquiry " + inquiry.id() + " is " + inquiry.status().code()
                    + " already: it takes no answer");
        }
    }

    private static String audience(Inquiry inquiry) {
        List<String> who = new ArrayList<>();
        if (!inquiry.users().isEmpty()) {
            who.add("users " + String.join(", ", inquiry.users()));
        }
        if (!inquiry.roles().isEmpty()) {
            who.add("roles " + String.join(", ", inquiry.roles()));
        }
        return who.isEmpty() ? "operators and admins" : String.join(" and ", who);
    }

    /** Errors about a response with the values of its secret fields masked in their messages. */
    private static List<FieldError> scrubbed(Set<String> secret, Map<String, Object> response, List<FieldError> errors) {
        List<String> values = secret.stream().map(response::get).filter(v -> v != null && !String.valueOf(v).isEmpty())
                .map(String::valueOf).toList();
        if (values.isEmpty()) {
            return errors;
        }
        return errors.stream().map(e -> new FieldError(e.file(), e.field(), Secrets.masked(e.message(), values))).toList();
    }

    // ---- timeouts ---------------------------------------------------------------------------------------------------

    @Override
    public int timeOutDue() {
        int ended = 0;
        while (ended < TIMEOUTS_PER_ROUND) {
            // SKIP LOCKED spreads the due inquiries over the executors sweeping at once; each is then ended in a
            // transaction of its own that takes its execution first (the order of every writer, see respond)
            List<Inquiry> due = tx.inTransaction(() -> inquiries.dueTimeouts(clock.instant(), TIMEOUT_BATCH));
            for (Inquiry inquiry : due) {
                if (dispatch.inTransaction(pending -> timeOut(inquiry, pending))) {
                    ended++;
                }
            }
            if (due.size() < TIMEOUT_BATCH) {
                break;
            }
        }
        return ended;
    }

    private static final int TIMEOUT_BATCH = 20;

    /**
     * Times out a due inquiry with its execution: false when an answer or a cancel came first. An inquiry whose
     * execution no longer waits (ended otherwise) is canceled, so that it is not taken again.
     */
    private boolean timeOut(Inquiry due, Dispatch.Pending pending) {
        EndOutcome outcome = ending.endWithin(due.execution(), e -> (e.status() == ExecutionStatus.PENDING
                || e.status() == ExecutionStatus.CANCELING) && stillDue(due.id())
                ? Optional.of(at -> e.endedWithout(ExecutionStatus.TIMEOUT, at,
                        "the inquiry was not answered within its ttl of " + due.ttl() + " minutes"))
                : Optional.empty(), pending);
        if (outcome instanceof EndOutcome.LostRace) {
            // an answer or a cancel moved the execution first; its slot release is written: roll it all back
            throw new IllegalStateException("execution " + due.execution() + " changed while its inquiry timed out");
        }
        Optional<Inquiry> locked = inquiries.findForUpdate(due.id()).filter(i -> i.status() == InquiryStatus.PENDING);
        if (locked.isEmpty()) {
            return false; // answered or canceled meanwhile
        }
        Inquiry next = outcome instanceof EndOutcome.Ended ? locked.get().timedOut() : locked.get().canceled();
        if (!inquiries.update(next, InquiryStatus.PENDING)) {
            throw new IllegalStateException("inquiry " + due.id() + " changed under its lock");
        }
        return next.status() == InquiryStatus.TIMEOUT;
    }

    private boolean stillDue(long inquiry) {
        return inquiries.find(inquiry).filter(i -> i.isDue(clock.instant())).isPresent();
    }

    // ---- the execution ends otherwise -------------------------------------------------------------------------------

    /**
     * An inquirer execution that ended while its inquiry was pending (canceled on request or with its workflow, failed)
     * takes its inquiry with it: canceled, in the ending's transaction. An answer or a timeout ends the inquiry before
     * the execution, so it is no longer pending here.
     */
    @Override
    public void onEnded(Execution ended, Dispatch.Pending pending) {
        if (ended.startedAt().isEmpty() || ended.worker().isPresent()) {
            return; // never started, or run by a worker: asked nothing
        }
        if (ended.status() == ExecutionStatus.SUCCEEDED || ended.status() == ExecutionStatus.TIMEOUT) {
            return; // an answer or a timeout: it writes the inquiry itself, right after the execution's end
        }
        inquiries.findByExecutionForUpdate(ended.id()).filter(i -> i.status() == InquiryStatus.PENDING)
                .ifPresent(inquiry -> {
                    if (!inquiries.update(inquiry.canceled(), InquiryStatus.PENDING)) {
                        throw new IllegalStateException("inquiry " + inquiry.id() + " changed under its lock");
                    }
                });
    }

    // ---- queries ----------------------------------------------------------------------------------------------------

    @Override
    public Page<InquiryView> list(InquiryFilter filter, PageRequest page) {
        return tx.readOnly(() -> inquiries.list(filter, page)).map(InquiryService::view);
    }

    @Override
    public InquiryView get(long id) {
        return tx.readOnly(() -> inquiries.find(id)).map(InquiryService::view)
                .orElseThrow(() -> new UseCaseException.NotFound("inquiry", Long.toString(id)));
    }

    /** The inquiry as shown: the values of its response's secret fields masked. */
    private static InquiryView view(Inquiry inquiry) {
        Set<String> secret = Secrets.secretFields(inquiry.schema());
        if (secret.isEmpty() || inquiry.response().isEmpty()) {
            return new InquiryView(inquiry);
        }
        Map<String, Object> masked = Secrets.maskFields(secret, inquiry.response().get());
        return new InquiryView(new Inquiry(inquiry.id(), inquiry.execution(), inquiry.status(), inquiry.schema(),
                inquiry.route(), inquiry.users(), inquiry.roles(), inquiry.ttlMinutes(), inquiry.expiresAt(),
                Optional.of(masked), inquiry.respondedBy(), inquiry.createdAt(), inquiry.respondedAt(), inquiry.parent()));
    }

    private static void requireEnded(EndOutcome outcome) {
        if (outcome instanceof EndOutcome.LostRace lost) {
            // the ending wrote its slot release already: only a rollback of the whole transaction undoes it
            throw new IllegalStateException("execution " + lost.id() + " changed while it was ended; retrying");
        }
    }

    private static Map<String, Object> objectOf(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(String.valueOf(k), v));
        return copy;
    }

    private static List<String> strings(Object value) {
        if (!(value instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().map(String::valueOf).toList();
    }
}
