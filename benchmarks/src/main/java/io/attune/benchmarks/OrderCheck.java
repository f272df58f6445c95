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
 * Executions are ordered by a time (scheduled_at or started_at), ties by id.
 */
record OrderCheck(List<Request> requests, Map<Long, ExecutionRecord> records) {

    static OrderCheck of(List<Request> requests, List<ExecutionRecord> records) {
        return new OrderCheck(requests, records.stream()
                .collect(Collectors.toMap(ExecutionRecord::id, Function.identity())));
    }

    /**
     * The executions that come, by {@code time}, before one whose request came before theirs, each with the latest
     * such one: none exactly when the order by {@code time} agrees with the request order.
     */
    List<Overtaking> violations(Function<ExecutionRecord, Instant> time) {
        Comparator<ExecutionRecord> order = Comparator.comparing(time).thenComparingLong(ExecutionRecord::id);
        List<Request> timed = timed(time);
        List<Request> byAnswer = timed.stream().sorted(Comparator.comparingLong(Request::answered)).toList();
        List<Request> bySending = timed.stream().sorted(Comparator.comparingLong(Request::sent)).toList();
        List<Overtaking> violations = new ArrayList<>();
        ExecutionRecord latest = null;
        int answered = 0;
        for (Request request : bySending) {
            while (answered < byAnswer.size() && byAnswer.get(answered).answered() < request.sent()) {
                ExecutionRecord before = records.get(byAnswer.get(answered++).id());
                if (latest == null || order.compare(before, latest) > 0) {
                    latest = before;
                }
            }
            ExecutionRecord record = records.get(request.id());
            if (latest != null && order.compare(record, latest) < 0) {
                violations.add(new Overtaking(record, latest));
            }
        }
        return violations;
    }

    /** The admission order (scheduled_at) against the request order: what strict FIFO admission promises. */
    String describeAdmission() {
        List<Overtaking> violations = violations(ExecutionRecord::scheduled);
        return summary(ExecutionRecord::scheduled, violations)
                + examples(violations, ExecutionRecord::scheduled);
    }

    /**
     * The start order (started_at) against the request order, telling apart overtakings where the overtaken one had
     * been admitted first: both held a slot at once and their workers started them in the other order.
     */
    String describeStart() {
        List<Overtaking> violations = violations(ExecutionRecord::started);
        long admittedInOrder = violations.stream().filter(v -> v.earlier().scheduled() != null
                && v.later().scheduled() != null && !v.later().scheduled().isBefore(v.earlier().scheduled())).count();
        String why = violations.isEmpty() ? "" : "; " + admittedInOrder + " of them admitted in order (both holding a"
                + " slot, started in the other order)";
        return summary(ExecutionRecord::started, violations) + why + examples(violations, ExecutionRecord::started);
    }

    private String summary(Function<ExecutionRecord, Instant> time, List<Overtaking> violations) {
        long timed = timed(time).size();
        String untimed = timed == requests.size() ? "" : "; " + (requests.size() - timed) + " without the time";
        return violations.isEmpty()
                ? "= request order for all " + timed + untimed
                : "VIOLATED: " + violations.size() + " of " + timed + " came before one requested earlier" + untimed;
    }

    private static String examples(List<Overtaking> violations, Function<ExecutionRecord, Instant> time) {
        return violations.isEmpty() ? ""
                : ", e.g. " + violations.stream().limit(3).map(v -> v.describe(time)).toList();
    }

    private List<Request> timed(Function<ExecutionRecord, Instant> time) {
        return requests.stream().filter(r -> records.containsKey(r.id()) && time.apply(records.get(r.id())) != null)
                .toList();
    }

    /** {@code later} was requested after {@code earlier} but comes first. */
    record Overtaking(ExecutionRecord later, ExecutionRecord earlier) {
        String describe(Function<ExecutionRecord, Instant> time) {
            return "#" + later.id() + " at " + time.apply(later) + " (admitted " + later.scheduled() + ") before #"
                    + earlier.id() + " at " + time.apply(earlier) + " (admitted " + earlier.scheduled() + ")";
        }
    }
}
