package io.attune.application.service;

import io.attune.application.port.in.FieldError;
import io.attune.application.port.in.Retention;
import io.attune.application.port.in.UseCaseException;
import io.attune.application.port.out.Leadership;
import io.attune.application.port.out.RetentionStore;
import io.attune.application.port.out.TransactionRunner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Deletes history older than its age on the instance that leads retention, one small batch per transaction so no
 * sweep holds locks for long: executions first (children before parents), then the enforcements and events nothing
 * refers to any more, the audit trail and the outbox leftovers.
 */
public final class RetentionService implements Retention {

    /** The name of the duty only one instance performs at a time. */
    public static final String DUTY = "retention";
    /** A sweep stops after this many batches of one kind, leaving the rest to the next sweep. */
    private static final int MAX_BATCHES = 10_000;
    private static final Pattern AGE = Pattern.compile("(\\d+)\\s*(s|m|h|d)");

    private final Leadership leadership;
    private final RetentionStore store;
    private final TransactionRunner tx;
    private final Clock clock;
    private final Ages ages;
    private final int batchSize;
    private final AtomicReference<Sweep> last = new AtomicReference<>();

    public RetentionService(Leadership leadership, RetentionStore store, TransactionRunner tx, Clock clock, Ages ages,
                            int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("the retention batch size must be at least 1, not " + batchSize);
        }
        this.leadership = leadership;
        this.store = store;
        this.tx = tx;
        this.clock = clock;
        this.ages = ages;
        this.batchSize = batchSize;
    }

    @Override
    public Ages ages() {
        return tx.readOnly(store::storedAges).map(RetentionStore.StoredAges::ages).orElse(ages);
    }

    @Override
    public Optional<Change> lastChange() {
        return tx.readOnly(store::storedAges).map(s -> new Change(s.at(), s.by()));
    }

    @Override
    public Ages update(Map<String, String> given, String actor) {
        Map<String, Optional<Duration>> next = new LinkedHashMap<>();
        Ages current = ages();
        next.put("events", current.events());
        next.put("executions", current.executions());
        next.put("audit", current.audit());
        List<FieldError> errors = new ArrayList<>();
        given.forEach((field, value) -> {
            if (!next.containsKey(field)) {
                errors.add(FieldError.of(field, "unknown: the ages are events, executions and audit"));
                return;
            }
            try {
                next.put(field, age(field, value));
            } catch (IllegalArgumentException e) {
                errors.add(FieldError.of(field, e.getMessage()));
            }
        });
        if (!errors.isEmpty()) {
            throw new UseCaseException.Invalid("the retention ages were not changed: " + errors.get(0).message(),
                    errors);
        }
        Ages updated = new Ages(next.get("events"), next.get("executions"), next.get("audit"));
        tx.run(() -> store.storeAges(new RetentionStore.StoredAges(updated, clock.instant(), actor)));
        return updated;
    }

    @Override
    public Optional<Sweep> lastSweep() {
        return Optional.ofNullable(last.get());
    }

    @Override
    public Optional<Sweep> sweep() {
        if (!leadership.lead(DUTY)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Ages ages = ages();
        long executions = ages.executions().map(age -> deleteAll(now.minus(age), store::deleteExecutionsFinishedBefore))
                .orElse(0L);
        long enforcements = ages.events().map(age -> deleteAll(now.minus(age), store::deleteEnforcementsCreatedBefore))
                .orElse(0L);
        long events = ages.events().map(age -> deleteAll(now.minus(age), store::deleteEventsCreatedBefore)).orElse(0L);
        long audit = ages.audit().map(age -> deleteAll(now.minus(age), store::deleteAuditEntriesBefore)).orElse(0L);
        long outbox = ages.executions().map(age -> deleteAll(now.minus(age), store::deleteOutboxMessagesBefore))
                .orElse(0L);
        long deadLetters = ages.executions().map(age -> deleteAll(now.minus(age), store::deleteDeadLettersBefore))
                .orElse(0L);
        Sweep sweep = new Sweep(now, events, enforcements, executions, audit, outbox, deadLetters);
        last.set(sweep);
        return Optional.of(sweep);
    }

    /** Deletes batch after batch until one comes back empty (a full batch may have freed parents for the next). */
    private long deleteAll(Instant cutoff, Batch batch) {
        long total = 0;
        for (int i = 0; i < MAX_BATCHES; i++) {
            int deleted = tx.inTransaction(() -> batch.delete(cutoff, batchSize));
            total += deleted;
            if (deleted == 0) {
                break;
            }
        }
        return total;
    }

    /** One of the store's deletes. */
    @FunctionalInterface
    private interface Batch {
        int delete(Instant cutoff, int limit);
    }

    /**
     * Reads an age as configured ({@code name} names the setting in errors): {@code 0} or {@code off} keeps that kind
     * for ever; otherwise a duration (30d, 12h, 90m, 3600s or ISO-8601) of at least one hour.
     */
    public static Optional<Duration> age(String name, String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        // "false": an unquoted off in a YAML file reaches here as a boolean
        if (v.equals("0") || v.equals("off") || v.equals("false")) {
            return Optional.empty();
        }
        Duration age = parse(v);
        if (age == null) {
            throw new IllegalArgumentException(name + ": '" + value + "' is not an age: expected e.g. 30d, 12h, 90m, an"
                    + " ISO-8601 duration, or 0/off to keep that kind for ever");
        }
        if (age.isZero()) {
            return Optional.empty();
        }
        if (age.compareTo(Ages.MINIMUM) < 0) {
            throw new IllegalArgumentException(name + ": '" + value + "' is too short: an age must be at least one hour"
                    + " (or 0/off to keep that kind for ever)");
        }
        return Optional.of(age);
    }

    private static Duration parse(String v) {
        try {
            if (v.startsWith("p")) {
                return Duration.parse(v.toUpperCase(Locale.ROOT));
            }
            Matcher m = AGE.matcher(v);
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            }
            return null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
