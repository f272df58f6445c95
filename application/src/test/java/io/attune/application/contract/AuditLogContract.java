package io.attune.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.attune.application.port.in.AuditTrail.AuditFilter;
import io.attune.application.port.in.PageRequest;
import io.attune.application.port.out.AuditLog;
import io.attune.domain.audit.AuditEntry;
import io.attune.domain.audit.AuditEntry.Outcome;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What every AuditLog must do: keep entries as given, list them newest first with filters. */
public abstract class AuditLogContract extends StorageContract {

    private static final Instant T0 = Instant.parse("2031-02-03T04:05:06.789Z");

    protected abstract AuditLog audit();

    private static AuditEntry entry(int second, String actor, String action, Outcome outcome) {
        return new AuditEntry(0, T0.plusSeconds(second), actor, action, "/api/v1/x", outcome,
                Map.of("status", 200 + second, "address", "10.0.0.1"));
    }

    @Test
    void entriesAreKeptAsGivenAndListedNewestFirst() {
        write(() -> audit().append(List.of(entry(0, "admin", "execution.run", Outcome.SUCCEEDED),
                entry(1, "ops", "rule.update", Outcome.FAILED))));
        write(() -> audit().append(List.of(entry(2, "anonymous", "auth.login", Outcome.DENIED))));

        List<AuditEntry> all = read(() -> audit().list(AuditFilter.any(), new PageRequest(10, 0))).items();

        assertThat(all).extracting(AuditEntry::action).containsExactly("auth.login", "rule.update", "execution.run");
        assertThat(all.get(0).id()).isGreaterThan(all.get(1).id());
        AuditEntry oldest = all.get(2);
        assertThat(oldest).isEqualTo(entry(0, "admin", "execution.run", Outcome.SUCCEEDED).withId(oldest.id()));
    }

    @Test
    void listsFilterByActorActionOutcomeAndTime() {
        write(() -> audit().append(List.of(entry(0, "admin", "execution.run", Outcome.SUCCEEDED),
                entry(1, "ops", "execution.run", Outcome.DENIED), entry(2, "admin", "key.write", Outcome.SUCCEEDED))));
        PageRequest page = new PageRequest(10, 0);

        assertThat(read(() -> audit().list(new AuditFilter(Optional.of("admin"), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty()), page)).items()).extracting(AuditEntry::action)
                .containsExactly("key.write", "execution.run");
        assertThat(read(() -> audit().list(new AuditFilter(Optional.empty(), Optional.of("execution.run"),
                Optional.of(Outcome.DENIED), Optional.empty(), Optional.empty()), page)).items())
                .extracting(AuditEntry::actor).containsExactly("ops");
        assertThat(read(() -> audit().list(new AuditFilter(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(T0.plusSeconds(1)), Optional.of(T0.plusSeconds(2))), page)).items())
                .extracting(AuditEntry::actor).containsExactly("ops");
        assertThat(read(() -> audit().list(AuditFilter.any(), new PageRequest(1, 1))).total()).isEqualTo(3);
    }
}
