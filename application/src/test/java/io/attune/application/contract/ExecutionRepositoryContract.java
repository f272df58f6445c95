package io.attune.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.attune.application.port.in.ExecutionQueries.ExecutionFilter;
import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.application.port.out.ExecutionRepository;
import io.attune.domain.common.Ref;
import io.attune.domain.execution.Execution;
import io.attune.domain.execution.ExecutionStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * What every ExecutionRepository must do: keep every field, list newest first with filters and a total, change
 * status only by compare-and-set, renew and expire workers' leases. Times in the samples are whole microseconds
 * (what PostgreSQL keeps). Enforcement ids stay empty: no port here creates the enforcement they would name.
 */
public abstract class ExecutionRepositoryContract extends StorageContract {

    private static final Instant T0 = Instant.parse("2031-05-06T07:08:09.123456Z");

    protected abstract ExecutionRepository executions();

    /** A requested execution of {@code action} created at {@code at}. */
    public static Execution requested(String action, Instant at) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("name", "ada");
        parameters.put("times", 3);
        parameters.put("tags", List.of("a", "b"));
        parameters.put("nested", Map.of("ratio", 0.5, "on", true));
        return Execution.requested(Ref.parse(action), parameters, Optional.of(30), OptionalLong.empty(),
                OptionalLong.empty(), at);
    }

    private Execution insert(Execution execution) {
        return write(() -> executions().insert(execution));
    }

    private Execution insert(String action, Instant at) {
        return insert(requested(action, at));
    }

    private Execution insertChild(String action, Instant at, long parent) {
        Execution e = requested(action, at);
        return insert(new Execution(0, e.action(), e.status(), e.parameters(), e.timeoutSeconds(), null, null, null, null,
                e.createdAt(), null, null, null, null, null, OptionalLong.of(parent), null,
                Optional.of(new Execution.TaskOf("greet", 3, java.util.OptionalInt.of(2), 1))));
    }

    private Execution insertTaskChild(long parent, Execution.TaskOf task, Instant at) {
        Execution e = requested("demo.other", at);
        return insert(new Execution(0, e.action(), e.status(), e.parameters(), e.timeoutSeconds(), null, null, null, null,
                e.createdAt(), null, null, null, null, null, OptionalLong.of(parent), null, Optional.of(task)));
    }

    @Test
    void aRetryKeepsItsLinkAndIsDueOnceItsDelayIsOverWhileRequested() {
        Execution first = insert("demo.greet", T0);
        Execution failed = first.moveTo(ExecutionStatus.SCHEDULED, T0).endedWithout(ExecutionStatus.FAILED, T0, "boom");
        write(() -> executions().update(failed, ExecutionStatus.REQUESTED));

        Execution retry = insert(failed.retried(T0.plusSeconds(1), T0.plusSeconds(11)));
        Execution later = insert(retry.moveTo(ExecutionStatus.SCHEDULED, T0).endedWithout(ExecutionStatus.FAILED, T0, "x")
                .retried(T0.plusSeconds(2), T0.plusSeconds(12)));

        assertThat(read(() -> executions().find(retry.id()))).contains(retry);
        assertThat(read(() -> executions().find(later.id())).orElseThrow().retry())
                .contains(new Execution.RetryOf(retry.id(), 3, T0.plusSeconds(12)));
        assertThat(read(() -> executions().retriedBy(first.id()))).isEqualTo(OptionalLong.of(retry.id()));
        assertThat(read(() -> executions().retriedBy(later.id()))).isEmpty();
        assertThat(read(() -> executions().retriedBy(List.of(first.id(), retry.id(), later.id(), later.id() + 1000))))
                .as("a page's at once").containsOnly(Map.entry(first.id(), retry.id()), Map.entry(retry.id(), later.id()));
        assertThat(read(() -> executions().retriedBy(List.of()))).isEmpty();
        assertThat(write(() -> executions().dueRetries(T0.plusSeconds(10), 10))).isEmpty();
        assertThat(write(() -> executions().dueRetries(T0.plusSeconds(12), 10))).containsExactly(retry.id(), later.id());

        write(() -> executions().update(retry.moveTo(ExecutionStatus.CANCELED, T0.plusSeconds(3)),
                ExecutionStatus.REQUESTED));
        assertThat(write(() -> executions().dueRetries(T0.plusSeconds(12), 10))).as("only while requested")
                .containsExactly(later.id());
    }

    @Test
    void taskChildrenAreTheItemsOfOneRunAndAttemptInItemOrder() {
        Execution parent = insert("demo.flow", T0);
        Execution item1 = insertTaskChild(parent.id(), new Execution.TaskOf("each", 2, java.util.OptionalInt.of(1), 0), T0);
        Execution item0 = insertTaskChild(parent.id(), new Execution.TaskOf("each", 2, java.util.OptionalInt.of(0), 0), T0);
        insertTaskChild(parent.id(), new Execution.TaskOf("each", 2, java.util.OptionalInt.of(0), 1), T0);
        insertTaskChild(parent.id(), new Execution.TaskOf("other", 3, java.util.OptionalInt.of(0), 0), T0);

        assertThat(read(() -> executions().taskChildren(parent.id(), 2, 0))).extracting(Execution::id)
                .containsExactly(item0.id(), item1.id());
    }

    private Execution running(Execution requested, String worker, Instant lease) {
        Execution scheduled = requested.moveTo(ExecutionStatus.SCHEDULED, requested.createdAt().plusSeconds(1));
        assertThat(write(() -> executions().update(scheduled, ExecutionStatus.REQUESTED))).isTrue();
        Execution started = scheduled.startedBy(worker, requested.createdAt().plusSeconds(2), lease);
        assertThat(write(() -> executions().update(started, ExecutionStatus.SCHEDULED))).isTrue();
        return started;
    }

    private Optional<Execution> find(long id) {
        return read(() -> executions().find(id));
    }

    /** The ids the filter lists; a slice of the same filter must hold the same ones. */
    private List<Long> ids(ExecutionFilter filter) {
        List<Long> listed = read(() -> executions().list(filter, PageRequest.defaults())).items().stream()
                .map(Execution::id).toList();
        assertThat(read(() -> executions().slice(filter, PageRequest.DEFAULT_LIMIT, 0))).extracting(Execution::id)
                .as("slice of the same filter").containsExactlyElementsOf(listed);
        return listed;
    }

    @Test
    void insertGivesEachExecutionAnIdAndFindReturnsEveryField() {
        Execution parent = insert("demo.greet", T0);
        Execution child = insertChild("demo.other", T0.plusMillis(1), parent.id());

        assertThat(parent.id()).isPositive();
        assertThat(child.id()).isNotEqualTo(parent.id());
        assertThat(find(parent.id())).contains(parent);
        assertThat(find(child.id())).contains(child);
        assertThat(child.parent()).hasValue(parent.id());
        assertThat(find(child.id()).orElseThrow().task()).contains(new Execution.TaskOf("greet", 3, java.util.OptionalInt.of(2), 1));
        assertThat(find(parent.id() + child.id() + 1000)).isEmpty();
    }

    @Test
    void aTaskWithoutItemReadsBackWithoutItemAndChildrenAreListedByParent() {
        Execution parent = insert("demo.flow", T0);
        Execution other = insert("demo.flow", T0);
        Execution first = insertTaskChild(parent.id(), new Execution.TaskOf("a", 0, java.util.OptionalInt.empty(), 0),
                T0.plusMillis(1));
        Execution second = insertTaskChild(parent.id(), new Execution.TaskOf("b", 1, java.util.OptionalInt.empty(), 0),
                T0.plusMillis(2));
        insertTaskChild(other.id(), new Execution.TaskOf("a", 0, java.util.OptionalInt.empty(), 0), T0.plusMillis(3));

        assertThat(find(first.id()).orElseThrow().task().orElseThrow().item()).isEmpty();
        assertThat(read(() -> executions().children(parent.id()))).extracting(Execution::id)
                .containsExactly(first.id(), second.id());
        assertThat(read(() -> executions().children(first.id()))).isEmpty();
        assertThat(ids(filter(Optional.empty(), Optional.empty(), Optional.empty(), OptionalLong.of(parent.id()),
                Optional.empty(), Optional.empty()))).containsExactly(second.id(), first.id());
    }

    @Test
    void insertKeepsAnExecutionInAnyStatusWithItsOutputResultAndFailure() {
        Execution finished = requested("demo.greet", T0).moveTo(ExecutionStatus.SCHEDULED, T0.plusSeconds(1))
                .startedBy("worker-1", T0.plusSeconds(2), T0.plusSeconds(60))
                .finished(ExecutionStatus.FAILED, T0.plusSeconds(3), Optional.of(2),
                        new Execution.Output("out\n", "err\n", 10, 20), Optional.of(Map.of("partial", List.of(1, 2))),
                        Optional.of("exited with code 2"));

        Execution stored = insert(finished);

        assertThat(find(stored.id())).contains(finished.withId(stored.id()));
    }

    @Test
    void updateWritesTheNextStateWhileTheStatusIsTheExpectedOne() {
        Execution requested = insert("demo.greet", T0);
        Execution started = running(requested, "worker-1", T0.plusSeconds(60));
        assertThat(find(requested.id())).contains(started);

        Execution done = started.finished(ExecutionStatus.SUCCEEDED, T0.plusSeconds(5), Optional.of(0),
                new Execution.Output("hello", "", 3, 0), Optional.of(List.of("x", 1, true)), Optional.empty());
        assertThat(write(() -> executions().update(done, ExecutionStatus.RUNNING))).isTrue();

        assertThat(find(requested.id())).contains(done);
        assertThat(find(requested.id()).orElseThrow().leaseExpiresAt()).isEmpty();
    }

    @Test
    void updateWritesNothingAndReturnsFalseWhenTheStatusMovedOnOrTheExecutionIsUnknown() {
        Execution requested = insert("demo.greet", T0);
        Execution scheduled = requested.moveTo(ExecutionStatus.SCHEDULED, T0.plusSeconds(1));
        assertThat(write(() -> executions().update(scheduled, ExecutionStatus.REQUESTED))).isTrue();

        Execution canceledMeanwhile = requested.endedWithout(ExecutionStatus.CANCELED, T0.plusSeconds(2), "late");
        assertThat(write(() -> executions().update(canceledMeanwhile, ExecutionStatus.REQUESTED))).isFalse();
        assertThat(find(requested.id())).contains(scheduled);

        Execution unknown = scheduled.withId(requested.id() + 1000);
        assertThat(write(() -> executions().update(unknown, ExecutionStatus.SCHEDULED))).isFalse();
        assertThat(find(unknown.id())).isEmpty();
    }

    @Test
    void listReturnsNewestFirstOnePageAtATimeWithTheTotal() {
        List<Long> inserted = java.util.stream.IntStream.range(0, 5)
                .mapToObj(i -> insert("demo.greet", T0.plusSeconds(i)).id()).toList();

        Page<Execution> first = read(() -> executions().list(ExecutionFilter.any(), new PageRequest(2, 0)));
        Page<Execution> last = read(() -> executions().list(ExecutionFilter.any(), new PageRequest(2, 4)));
        Page<Execution> beyond = read(() -> executions().list(ExecutionFilter.any(), new PageRequest(2, 10)));

        assertThat(first.items()).extracting(Execution::id).containsExactly(inserted.get(4), inserted.get(3));
        assertThat(first.total()).isEqualTo(5);
        assertThat(last.items()).extracting(Execution::id).containsExactly(inserted.get(0));
        assertThat(last.total()).isEqualTo(5);
        assertThat(beyond.items()).isEmpty();
        assertThat(beyond.total()).isEqualTo(5);
    }

    @Test
    void aSliceIsOnePageNewestFirstWithoutCountingTheRest() {
        List<Long> inserted = java.util.stream.IntStream.range(0, 5)
                .mapToObj(i -> insert("demo.greet", T0.plusSeconds(i)).id()).toList();

        assertThat(read(() -> executions().slice(ExecutionFilter.any(), 3, 0))).extracting(Execution::id)
                .containsExactly(inserted.get(4), inserted.get(3), inserted.get(2));
        assertThat(read(() -> executions().slice(ExecutionFilter.any(), 3, 3))).extracting(Execution::id)
                .containsExactly(inserted.get(1), inserted.get(0));
        assertThat(read(() -> executions().slice(ExecutionFilter.any(), 3, 5))).isEmpty();
    }

    @Test
    void listFiltersByStatusActionPackParentAndCreationTime() {
        Execution greet = insert("demo.greet", T0);
        Execution other = insert("demo.other", T0.plusSeconds(10));
        Execution underscore = insert("my_pack.run", T0.plusSeconds(20));
        Execution lookalike = insert("myxpack.run", T0.plusSeconds(30));
        Execution child = insertChild("demo.greet", T0.plusSeconds(40), greet.id());
        running(other, "worker-1", T0.plusSeconds(100));

        assertThat(ids(filter(Optional.of(ExecutionStatus.RUNNING), null, null, null, null, null)))
                .containsExactly(other.id());
        assertThat(ids(filter(null, Optional.of(Ref.parse("demo.greet")), null, null, null, null)))
                .containsExactly(child.id(), greet.id());
        assertThat(ids(filter(null, null, Optional.of("demo"), null, null, null)))
                .containsExactly(child.id(), other.id(), greet.id());
        assertThat(ids(filter(null, null, Optional.of("my_pack"), null, null, null))).containsExactly(underscore.id());
        assertThat(ids(filter(null, null, Optional.of("dem"), null, null, null))).isEmpty();
        assertThat(ids(filter(null, null, null, OptionalLong.of(greet.id()), null, null))).containsExactly(child.id());
        assertThat(ids(filter(null, null, null, null, Optional.of(T0.plusSeconds(20)), Optional.of(T0.plusSeconds(40)))))
                .as("since is inclusive, until exclusive").containsExactly(lookalike.id(), underscore.id());
        assertThat(ids(filter(Optional.of(ExecutionStatus.REQUESTED), null, Optional.of("demo"), null,
                Optional.of(T0.plusSeconds(1)), null))).containsExactly(child.id());
    }

    @Test
    void renewLeasesRenewsOnlyTheUnfinishedExecutionsOfThatWorker() {
        Execution mine = running(insert("demo.greet", T0), "worker-1", T0.plusSeconds(60));
        Execution alsoMine = running(insert("demo.greet", T0), "worker-1", T0.plusSeconds(60));
        Execution theirs = running(insert("demo.greet", T0), "worker-2", T0.plusSeconds(60));
        Execution finished = running(insert("demo.greet", T0), "worker-1", T0.plusSeconds(60));
        Execution done = finished.finished(ExecutionStatus.SUCCEEDED, T0.plusSeconds(3), Optional.of(0),
                Execution.Output.none(), Optional.empty(), Optional.empty());
        assertThat(write(() -> executions().update(done, ExecutionStatus.RUNNING))).isTrue();
        Instant until = T0.plusSeconds(120);

        int renewed = write(() -> executions().renewLeases("worker-1",
                List.of(mine.id(), alsoMine.id(), theirs.id(), finished.id(), mine.id() + 1000), until));

        assertThat(renewed).isEqualTo(2);
        assertThat(find(mine.id()).orElseThrow().leaseExpiresAt()).contains(until);
        assertThat(find(alsoMine.id()).orElseThrow().leaseExpiresAt()).contains(until);
        assertThat(find(theirs.id()).orElseThrow().leaseExpiresAt()).contains(T0.plusSeconds(60));
        assertThat(find(finished.id()).orElseThrow().leaseExpiresAt()).isEmpty();
        assertThat(write(() -> executions().renewLeases("worker-1", List.of(), until))).isZero();
    }

    @Test
    void expiredLeasesListsUnfinishedExecutionsWhoseLeaseEndedOldestLeaseFirst() {
        Instant now = T0.plusSeconds(100);
        Execution expiredLast = running(insert("demo.greet", T0), "w", now.minusSeconds(10));
        Execution expiredFirst = running(insert("demo.greet", T0), "w", now.minusSeconds(30));
        Execution expiredBetween = running(insert("demo.greet", T0), "w", now.minusSeconds(20));
        running(insert("demo.greet", T0), "w", now.plusSeconds(10));
        running(insert("demo.greet", T0), "w", now);
        Execution canceling = expiredBetween.moveTo(ExecutionStatus.CANCELING, T0.plusSeconds(5));
        assertThat(write(() -> executions().update(canceling, ExecutionStatus.RUNNING))).isTrue();
        insert("demo.greet", T0);

        assertThat(read(() -> executions().expiredLeases(now, 10)))
                .containsExactly(expiredFirst.id(), expiredBetween.id(), expiredLast.id());
        assertThat(read(() -> executions().expiredLeases(now, 2))).containsExactly(expiredFirst.id(), expiredBetween.id());
        assertThat(read(() -> executions().expiredLeases(now.minusSeconds(30), 10))).isEmpty();
    }

    private static ExecutionFilter filter(Optional<ExecutionStatus> status, Optional<Ref> action, Optional<String> pack,
                                          OptionalLong parent, Optional<Instant> since, Optional<Instant> until) {
        return new ExecutionFilter(status, action, pack, parent, since, until);
    }
}
