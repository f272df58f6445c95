package io.attune.application.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attune.application.port.in.InquiryQueries.InquiryFilter;
import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.application.port.out.ExecutionRepository;
import io.attune.application.port.out.InquiryRepository;
import io.attune.domain.common.Ref;
import io.attune.domain.execution.Execution;
import io.attune.domain.inquiry.Inquiry;
import io.attune.domain.inquiry.InquiryStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * What every InquiryRepository must do: keep an inquiry whole, one per execution, list newest first by status and
 * route, write a change only from the status it expects, and hand out due timeouts earliest first.
 */
public abstract class InquiryRepositoryContract extends StorageContract {

    private static final Instant T0 = Instant.parse("2031-02-03T04:05:06.789Z");
    private static final Map<String, Object> SCHEMA = Map.of("type", "object", "properties",
            Map.of("continue", Map.of("type", "boolean"), "note", Map.of("type", "string", "secret", true)),
            "required", List.of("continue"));

    protected abstract InquiryRepository inquiries();

    /** The executions the inquiries belong to (PostgreSQL refers to them). */
    protected abstract ExecutionRepository executions();

    private long execution() {
        return write(() -> executions().insert(Execution.requested(Ref.parse("core.ask"), Map.of(), Optional.empty(),
                OptionalLong.empty(), OptionalLong.empty(), T0))).id();
    }

    private Inquiry ask(String route, double ttl, Instant at) {
        long execution = execution();
        return write(() -> inquiries().insert(Inquiry.ask(execution, SCHEMA, route, List.of("alice"),
                List.of("admin"), ttl, OptionalLong.empty(), at)));
    }

    @Test
    void anInquiryReadsBackWholeWithOrWithoutALockAndByItsExecution() {
        long parent = execution();
        long execution = execution();
        Inquiry stored = write(() -> inquiries().insert(Inquiry.ask(execution, SCHEMA, "ops", List.of("alice", "bob"),
                List.of("operator"), 0.5, OptionalLong.of(parent), T0)));

        assertThat(stored.id()).isPositive();
        Inquiry expected = Inquiry.ask(execution, SCHEMA, "ops", List.of("alice", "bob"), List.of("operator"), 0.5,
                OptionalLong.of(parent), T0).withId(stored.id());
        assertThat(stored).isEqualTo(expected);
        assertThat(read(() -> inquiries().find(stored.id()))).contains(expected);
        assertThat(write(() -> inquiries().findForUpdate(stored.id()))).contains(expected);
        assertThat(write(() -> inquiries().findByExecutionForUpdate(execution))).contains(expected);
        assertThat(read(() -> inquiries().find(stored.id() + 1000))).isEmpty();
        assertThat(write(() -> inquiries().findByExecutionForUpdate(parent))).isEmpty();
    }

    @Test
    void aSecondInquiryOfTheSameExecutionIsRefused() {
        Inquiry first = ask("", 1, T0);

        assertThatThrownBy(() -> write(() -> inquiries().insert(Inquiry.ask(first.execution(), SCHEMA, "", List.of(),
                List.of(), 0, OptionalLong.empty(), T0)))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aChangeIsWrittenOnlyFromTheStatusItExpectsAndKeepsTheAnswer() {
        Inquiry asked = ask("", 1, T0);
        Inquiry answered = asked.responded(Map.of("continue", true, "note", "sealed:x"), "alice", T0.plusSeconds(9));

        assertThat(write(() -> inquiries().update(answered, InquiryStatus.PENDING))).isTrue();
        assertThat(read(() -> inquiries().find(asked.id()))).contains(answered);
        assertThat(write(() -> inquiries().update(asked.timedOut(), InquiryStatus.PENDING)))
                .as("a timeout that lost the race writes nothing").isFalse();
        assertThat(read(() -> inquiries().find(asked.id()))).contains(answered);
    }

    @Test
    void listsNewestFirstByStatusAndRouteWithTheTotal() {
        Inquiry a = ask("ops", 0, T0);
        Inquiry b = ask("dev", 0, T0.plusSeconds(1));
        Inquiry c = ask("ops", 0, T0.plusSeconds(2));
        write(() -> inquiries().update(c.canceled(), InquiryStatus.PENDING));

        assertThat(read(() -> inquiries().list(InquiryFilter.all(), PageRequest.defaults())).items())
                .extracting(Inquiry::id).containsExactly(c.id(), b.id(), a.id());
        assertThat(read(() -> inquiries().list(new InquiryFilter(Optional.empty(), Optional.of("ops")),
                PageRequest.defaults())).items()).extracting(Inquiry::id).containsExactly(c.id(), a.id());
        assertThat(read(() -> inquiries().list(new InquiryFilter(Optional.of(InquiryStatus.PENDING), Optional.empty()),
                PageRequest.defaults())).items()).extracting(Inquiry::id).containsExactly(b.id(), a.id());
        Page<Inquiry> second = read(() -> inquiries().list(InquiryFilter.all(), new PageRequest(1, 1)));
        assertThat(second.items()).extracting(Inquiry::id).containsExactly(b.id());
        assertThat(second.total()).isEqualTo(3);
    }

    @Test
    void dueTimeoutsArePendingOnesPastTheirExpiryEarliestFirst() {
        Inquiry late = ask("", 2, T0);      // expires T0 + 2 min
        Inquiry early = ask("", 1, T0);     // expires T0 + 1 min
        ask("", 0, T0);                     // never
        Inquiry answered = ask("", 1, T0);
        write(() -> inquiries().update(answered.responded(Map.of("continue", false), "bob", T0), InquiryStatus.PENDING));

        assertThat(write(() -> inquiries().dueTimeouts(T0.plusSeconds(59), 10))).isEmpty();
        assertThat(write(() -> inquiries().dueTimeouts(T0.plusSeconds(60), 10))).extracting(Inquiry::id)
                .containsExactly(early.id());
        assertThat(write(() -> inquiries().dueTimeouts(T0.plusSeconds(3600), 10))).extracting(Inquiry::id)
                .containsExactly(early.id(), late.id());
        assertThat(write(() -> inquiries().dueTimeouts(T0.plusSeconds(3600), 1))).extracting(Inquiry::id)
                .containsExactly(early.id());
    }
}
