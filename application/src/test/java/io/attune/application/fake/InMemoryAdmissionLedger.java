package io.attune.application.fake;

import io.attune.application.port.in.ExecutionQueries.QueueStats;
import io.attune.application.port.out.AdmissionLedger;
import io.attune.domain.admission.AdmissionBook;
import io.attune.domain.admission.AdmissionDecision;
import io.attune.domain.admission.Gate;
import io.attune.domain.common.Ref;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;

/** The admission ledger in memory: the domain's reference {@link AdmissionBook}. */
public final class InMemoryAdmissionLedger implements AdmissionLedger {

    private final AdmissionBook book = new AdmissionBook();

    @Override
    public AdmissionDecision admit(long execution, List<Gate> gates, Instant now) {
        return book.request(execution, gates, now);
    }

    @Override
    public synchronized List<Long> release(long execution, Instant now) {
        if (book.isAdmitted(execution)) {
            return book.release(execution, now);
        }
        if (book.isQueued(execution)) {
            return book.withdraw(execution, now);
        }
        return List.of();
    }

    @Override
    public List<Long> tick(Instant now) {
        return book.tick(now);
    }

    @Override
    public synchronized OptionalInt position(long execution) {
        if (!book.isQueued(execution)) {
            return OptionalInt.empty();
        }
        return book.gatesOf(execution).stream()
                .mapToInt(g -> book.state(g.key()).queue().indexOf(execution) + 1)
                .max();
    }

    @Override
    public List<QueueStats> stats(Ref action, Instant now) {
        return List.of();
    }
}
