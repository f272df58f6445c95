package io.attune.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attune.application.fake.InMemoryRetentionStore;
import io.attune.application.fake.InMemoryStore;
import io.attune.application.fake.InMemoryTransactionRunner;
import io.attune.application.fake.MutableClock;
import io.attune.application.port.in.Retention.Ages;
import io.attune.application.port.in.Retention.Change;
import io.attune.application.port.in.UseCaseException;
import io.attune.application.port.in.Retention.Sweep;
import io.attune.application.port.out.Leadership;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Retention sweeps on the in-memory store: only the leader sweeps, each kind by its own age, in batches. */
class RetentionServiceTest {

    private static final Instant NOW = Instant.parse("2031-05-01T12:00:00Z");
    private static final Duration DAYS_30 = Duration.ofDays(30);

    private final InMemoryRetentionStore store = new InMemoryRetentionStore();
    private final MutableClock clock = new MutableClock(NOW);
    private boolean leads = true;

    private RetentionService service(Ages ages, int batch) {
        Leadership leadership = new Leadership() {
            @Override
            public boolean lead(String duty) {
                return leads && duty.equals(RetentionService.DUTY);
            }

            @Override
            public void resign(String duty) {
            }
        };
        return new RetentionService(leadership, store, new InMemoryTransactionRunner(new InMemoryStore()), clock, ages,
                batch);
    }

    @Test
    void aSweepDeletesEachKindPastItsAgeInBatchesAndRemembersWhatItDeleted() {
        Instant old = NOW.minus(Duration.ofDays(31));
        Instant auditKept = NOW.minus(Duration.ofDays(60));
        for (int i = 0; i < 7; i++) {
            long parent = store.execution(null, null, old, old);
            store.execution(parent, null, old, old);
            store.event(old);
            store.outbox(old);
            store.audit(auditKept);
            store.audit(NOW.minus(Duration.ofDays(91)));
        }
        long running = store.execution(null, null, old, null);

        Sweep sweep = service(new Ages(Optional.of(DAYS_30), Optional.of(DAYS_30), Optional.of(Duration.ofDays(90))), 2)
                .sweep().orElseThrow();

        assertThat(sweep).isEqualTo(new Sweep(NOW, 7, 0, 14, 7, 7, 0));
        assertThat(store.executionExists(running)).isTrue();
        assertThat(store.auditCount()).isEqualTo(7);
        assertThat(store.outboxCount()).isZero();
    }

    @Test
    void aKindWithoutAnAgeIsKeptAndAnInstanceThatDoesNotLeadDeletesNothing() {
        Instant old = NOW.minus(Duration.ofDays(400));
        store.event(old);
        store.audit(old);
        RetentionService retention = service(new Ages(Optional.empty(), Optional.of(DAYS_30), Optional.empty()), 500);

        leads = false;
        assertThat(retention.sweep()).isEmpty();
        assertThat(retention.lastSweep()).isEmpty();

        leads = true;
        assertThat(retention.sweep().orElseThrow().total()).isZero();
        assertThat(retention.lastSweep()).isPresent();
        assertThat(store.auditCount()).isEqualTo(1);
    }

    @Test
    void agesAreReadAsDurationsOrOffAndAnAgeUnderAnHourIsRefused() {
        assertThat(RetentionService.age("x", "30d")).hasValue(Duration.ofDays(30));
        assertThat(RetentionService.age("x", "12h")).hasValue(Duration.ofHours(12));
        assertThat(RetentionService.age("x", "P2D")).hasValue(Duration.ofDays(2));
        assertThat(RetentionService.age("x", "off")).isEmpty();
        assertThat(RetentionService.age("x", "0")).isEmpty();
        assertThat(RetentionService.age("x", "false")).isEmpty();
        assertThatThrownBy(() -> RetentionService.age("attune.retention.events", "soon"))
                .hasMessageContaining("attune.retention.events");
        assertThatThrownBy(() -> RetentionService.age("ATTUNE_RETENTION_AUDIT", "30m"))
                .hasMessageContaining("ATTUNE_RETENTION_AUDIT").hasMessageContaining("at least one hour");
        assertThatThrownBy(() -> RetentionService.age("x", " ")).hasMessageContaining("not an age");
        assertThatThrownBy(() -> new Ages(Optional.of(Duration.ofMinutes(59)), Optional.empty(), Optional.empty()))
                .hasMessageContaining("at least one hour");
    }

    @Test
    void agesSetThroughTheUseCaseAreStoredOverTheConfigurationAndUsedByTheNextSweep() {
        Ages configured = new Ages(Optional.of(DAYS_30), Optional.of(DAYS_30), Optional.of(Duration.ofDays(90)));
        RetentionService service = service(configured, 10);
        long event = store.event(NOW.minus(Duration.ofDays(3)));
        assertThat(service.lastChange()).isEmpty();

        Ages set = service.update(Map.of("events", "2d", "audit", "off"), "alice");

        assertThat(set).isEqualTo(new Ages(Optional.of(Duration.ofDays(2)), Optional.of(DAYS_30), Optional.empty()));
        assertThat(service(configured, 10).ages()).as("another instance reads them from the store").isEqualTo(set);
        assertThat(service.lastChange()).contains(new Change(NOW, "alice"));
        assertThat(service.sweep().orElseThrow().events()).isEqualTo(1);
        assertThat(store.eventExists(event)).isFalse();
    }

    @Test
    void anAgeUnderAnHourAnUnreadableOneOrAnUnknownKindIsRefusedNamingEachFieldAndNothingIsStored() {
        RetentionService service = service(new Ages(Optional.of(DAYS_30), Optional.of(DAYS_30), Optional.empty()), 10);

        assertThatThrownBy(() -> service.update(Map.of("events", "59m", "executions", "soon", "logs", "1d"), "bob"))
                .isInstanceOfSatisfying(UseCaseException.Invalid.class, e -> assertThat(e.errors())
                        .extracting(error -> error.field()).containsExactlyInAnyOrder("events", "executions", "logs"));
        assertThat(service.lastChange()).isEmpty();
        assertThat(service.ages().events()).contains(DAYS_30);
    }
}
