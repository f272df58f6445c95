package io.attune.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.attune.application.port.out.Backlog;
import io.attune.application.port.out.Message;
import io.attune.application.port.out.Outbox;
import io.attune.application.port.out.Outbox.OutboxMessage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every Outbox must do: keep each message whole, hand out due messages oldest first and only once at a time
 * (what {@code due} returns is claimed: another relay does not get it until it is failed or the claim lapses, which
 * takes far longer than a test), forget deleted ones, and make failed ones due again at their retry time. Retry times
 * are compared with the real clock; creation times ({@code occurredAt}) only with {@code due}'s argument.
 */
public abstract class OutboxContract extends StorageContract {

    private static final Instant T0 = Instant.parse("2031-01-02T03:04:05.678901Z");
    private static final Instant LATER = Instant.parse("2100-01-01T00:00:00Z");

    protected abstract Outbox outbox();

    private static Message message(String id, Instant at) {
        return new Message(id, "execution.status", "execution.status", at, "corr-" + id,
                Map.of("execution", 7, "status", "running", "nested", Map.of("list", List.of(1, "two"))));
    }

    private OutboxMessage append(Message message) {
        return write(() -> outbox().append(message));
    }

    private List<OutboxMessage> due(Instant createdBefore, int limit) {
        return write(() -> outbox().due(createdBefore, limit));
    }

    private static List<String> messageIds(List<OutboxMessage> messages) {
        return messages.stream().map(m -> m.message().id()).toList();
    }

    @Test
    void dueReturnsAppendedMessagesWholeOldestFirstWithTheirOutboxIds() {
        OutboxMessage first = append(message("m1", T0));
        OutboxMessage second = append(new Message("m2", "execution.dispatch", "execution.dispatch.shell", T0.plusSeconds(1),
                null, Map.of()));
        OutboxMessage third = append(message("m3", T0.plusSeconds(2)));

        List<OutboxMessage> due = due(LATER, 10);

        assertThat(due).containsExactly(first, second, third);
        assertThat(first.id()).isNotEqualTo(second.id());
    }

    @Test
    void dueReturnsOnlyMessagesCreatedBeforeTheGivenInstantUpToTheLimit() {
        append(message("m1", T0));
        append(message("m2", T0.plusSeconds(1)));
        append(message("m3", T0.plusSeconds(2)));
        append(message("m4", T0.plusSeconds(3)));

        assertThat(messageIds(due(T0.plusSeconds(2), 1))).containsExactly("m1");
        assertThat(messageIds(due(T0.plusSeconds(2), 10))).containsExactly("m2");
    }

    @Test
    void whatDueReturnedIsClaimedSoASecondCallDoesNotReturnItAgain() {
        append(message("m1", T0));
        append(message("m2", T0.plusSeconds(1)));

        assertThat(messageIds(due(LATER, 10))).containsExactly("m1", "m2");
        assertThat(due(LATER, 10)).isEmpty();

        append(message("m3", T0.plusSeconds(2)));
        assertThat(messageIds(due(LATER, 10))).containsExactly("m3");
    }

    @Test
    void deletedMessagesAreNeverDueAgain() {
        OutboxMessage first = append(message("m1", T0));
        OutboxMessage second = append(message("m2", T0.plusSeconds(1)));
        write(() -> outbox().delete(List.of(first.id())));
        write(() -> outbox().delete(List.of()));

        assertThat(due(LATER, 10)).containsExactly(second);
        write(() -> outbox().failed(List.of(first.id(), second.id()), "broker down", Instant.now().minusSeconds(1)));
        assertThat(due(LATER, 10)).containsExactly(second);
    }

    @Test
    void aFailedMessageIsDueAgainOnceItsRetryTimeHasCome() {
        OutboxMessage retryNow = append(message("m1", T0));
        OutboxMessage retryLater = append(message("m2", T0.plusSeconds(1)));
        assertThat(due(LATER, 10)).hasSize(2);

        write(() -> outbox().failed(List.of(retryNow.id()), "not confirmed", Instant.now().minusSeconds(1)));
        write(() -> outbox().failed(List.of(retryLater.id()), "not confirmed", Instant.now().plusSeconds(3600)));

        assertThat(due(LATER, 10)).containsExactly(retryNow);
    }

    @Test
    void dueComparesCreationTimesWithItsArgumentOnly() {
        append(message("old", Instant.parse("2001-01-01T00:00:00Z")));
        append(message("future", LATER.minusSeconds(1)));

        assertThat(messageIds(due(LATER, 10))).containsExactly("old", "future");
    }

    @Test
    void theBacklogCountsUnconfirmedMessagesUpToItsCapWithTheOldestAppendTime() {
        assertThat(read(() -> outbox().backlog(10))).isEqualTo(Backlog.EMPTY);
        OutboxMessage first = append(message("m1", T0.plusSeconds(5)));
        append(message("m2", T0));
        append(message("m3", T0.plusSeconds(9)));
        due(LATER, 1);

        assertThat(read(() -> outbox().backlog(10))).as("claimed messages still wait").isEqualTo(new Backlog(3,
                java.util.Optional.of(T0)));
        assertThat(read(() -> outbox().backlog(2)).count()).isEqualTo(2);
        write(() -> outbox().delete(List.of(first.id())));
        assertThat(read(() -> outbox().backlog(10)).count()).isEqualTo(2);
    }
}
