package io.attune.benchmarks;

import io.attune.benchmarks.LoadDriver.Request;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Admission and start order of the executions against the order they were requested in.
 *
 * <p>Request A comes before request B when A was answered (its id assigned) before B was sent; requests in flight at
 * the same time have no order, so any number of client threads gives a sound check, and one thread a total order.
 *
 * <p>Three readings. <em>Start order</em>: by started_at, ties by id, as specified for scenario c-shell. <em>Admission
 * order</em>: by scheduled_at, ties by id. Both compare stamps that the server takes when a transaction begins,
 * before it waits for the admission key's row lock, so two admissions decided in one order can carry stamps in the
 * other. <em>Definite</em>: B started before the transaction that admitted A even began (B.started_at &lt;
 * A.scheduled_at), which no such stamp can explain: a FIFO violation for certain.
 */
record OrderCheck(List<Request> requests, Map<Long, ExecutionRecord> records) {

    static OrderCheck of(List<Request> requests, List<ExecutionRecord> records) {
        return new OrderCheck(requests, records.stream()
                .collect(Collectors.toMap(ExecutionRecord::id, Function.identity())));
    }

    /** Executions that started, by started_at (ties by id), before one requested earlier. */
    List<Overtaking> startViolations() {
        return overtakings(ExecutionRecord::started, ExecutionRecord::started, true);
    }

    /** Executions admitted, by scheduled_at (ties by id), before one requested earlier. */
    List<Overtaking> admissionViolations() {
        return overtakings(ExecutionRecord::scheduled, ExecutionRecord::scheduled, true);
    }

    /** Executions that started before the admission of one requested earlier began: certain FIFO violations. */
    List<Overtaking> definiteViolations() {
        return overtakings(ExecutionRecord::scheduled, ExecutionRecord::started, false);
    }

    /** How many of the requests have a start time to check. */
    int timedStarts() {
        return timed(ExecutionRecord::started).size();
    }

    String describeStart() {
        List<Overtaking> violations = startViolations();
        long admittedFirst = violations.stream().filter(v -> v.earlier().scheduled() != null
                && v.later().scheduled() != null && v.earlier().scheduled().isBefore(v.later().scheduled())).count();
        String detail = violations.isEmpty() ? ""
                : "; in " + admittedFirst + " of them the overtaken one carries the earlier admission stamp";
        return summary(ExecutionRecord::started, violations) + detail + examples(violations);
    }

    String describeAdmission() {
        List<Overtaking> violations = admissionViolations();
        long stale = violations.stream().filter(v -> v.later().scheduled().isBefore(v.later().created())).count();
        String detail = violations.isEmpty() ? ""
                : "; in " + stale + " of them the overtaking one's scheduled_at precedes its own created_at"
                        + " (a stamp taken before the row lock)";
        return summary(ExecutionRecord::scheduled, violations) + detail + examples(violations);
    }

    String describeDefinite() {
        List<Overtaking> violations = definiteViolations();
        return violations.isEmpty()
                ? "none (no execution started before the admission of one requested earlier began)"
                : "VIOLATED: " + violations.size() + " started before the admission of one requested earlier began"
                        + examples(violations);
    }

    /**
     * Sweeps the requests in sending order, keeping the earlier-answered execution that comes last by
     * {@code earlierTime}; a request overtakes it when its {@code laterTime} comes first (on equal times, when
     * {@code tiesById}, the lower id comes first).
     */
    private List<Overtaking> overtakings(Function<ExecutionRecord, Instant> earlierTime,
                                         Function<ExecutionRecord, Instant> laterTime, boolean tiesById) {
        Comparator<ExecutionRecord> last = Comparator.comparing(earlierTime).thenComparingLong(ExecutionRecord::id);
        List<Request> byAnswer = timed(earlierTime).stream().sorted(Comparator.comparingLong(Request::answered))
                .toList();
        List<Request> bySending = timed(laterTime).stream().sorted(Comparator.comparingLong(Request::sent)).toList();
        List<Overtaking> violations = new ArrayList<>();
        ExecutionRecord latest = null;
        int answered = 0;
        for (Request request : bySending) {
            while (answered < byAnswer.size() && byAnswer.get(answered).answered() < request.sent()) {
                ExecutionRecord before = records.get(byAnswer.get(answered++).id());
                if (latest == null || last.compare(before, latest) > 0) {
                    latest = before;
                }
            }
            if (latest == null) {
                continue;
            }
            ExecutionRecord record = records.get(request.id());
            int order = laterTime.apply(record).compareTo(earlierTime.apply(latest));
            if (order < 0 || (order == 0 && tiesById && record.id() < latest.id())) {
                violations.add(new Overtaking(record, latest));
            }
        }
        return violations;
    }

    private String summary(Function<ExecutionRecord, Instant> time, List<Overtaking> violations) {
        long timed = timed(time).size();
        String untimed = timed == requests.size() ? "" : "; " + (requests.size() - timed) + " without the time";
        return violations.isEmpty()
                ? "= request order for all " + timed + untimed
                : "VIOLATED: " + violations.size() + " of " + timed + " came before one requested earlier" + untimed;
    }

    private static String examples(List<Overtaking> violations) {
        return violations.isEmpty() ? ""
                : ", e.g. " + violations.stream().limit(2).map(Overtaking::describe).toList();
    }

    private List<Request> timed(Function<ExecutionRecord, Instant> time) {
        return requests.stream().filter(r -> records.containsKey(r.id()) && time.apply(records.get(r.id())) != null)
                .toList();
    }

    /** {@code later} was requested after {@code earlier} was answered but comes first. */
    record Overtaking(ExecutionRecord later, ExecutionRecord earlier) {
        String describe() {
            return "#" + later.id() + " " + times(later) + " before #" + earlier.id() + " " + times(earlier);
        }

        private static String times(ExecutionRecord record) {
            return "(created " + record.created() + ", scheduled " + record.scheduled() + ", started "
                    + record.started() + ")";
        }
    }
}
