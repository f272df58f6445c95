package io.attune.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.attune.application.fake.InMemoryAuditLog;
import io.attune.application.fake.InMemoryStore;
import io.attune.application.fake.InMemoryTransactionRunner;
import io.attune.application.port.in.AuditTrail.AuditFilter;
import io.attune.application.port.in.PageRequest;
import io.attune.domain.audit.AuditEntry;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The audit trail writes in the background, in order, and a listing sees everything recorded before it. */
class AuditServiceTest {

    private final InMemoryAuditLog log = new InMemoryAuditLog();

    @Test
    @Timeout(10)
    void recordedEntriesAreWrittenInOrderWithoutTheCallerWaiting() throws Exception {
        try (AuditService audit = new AuditService(log, new InMemoryTransactionRunner(new InMemoryStore()))) {
            for (int i = 0; i < 1000; i++) {
                audit.record(new AuditEntry(0, Instant.EPOCH.plusSeconds(i), "admin", "execution.run", "/e/" + i,
                        AuditEntry.Outcome.SUCCEEDED, Map.of()));
            }
            while (log.all().size() < 1000) {
                Thread.sleep(10); // the writer thread gets there by itself
            }
            assertThat(log.all()).extracting(AuditEntry::target).startsWith("/e/0", "/e/1", "/e/2").endsWith("/e/999");
        }
    }

    @Test
    void aListingSeesWhatWasRecordedJustBefore() {
        try (AuditService audit = new AuditService(log, new InMemoryTransactionRunner(new InMemoryStore()))) {
            audit.record(new AuditEntry(0, Instant.EPOCH, "ops", "key.write", "/api/v1/keys/x",
                    AuditEntry.Outcome.DENIED, Map.of("status", 403)));

            assertThat(audit.list(AuditFilter.any(), new PageRequest(10, 0)).items())
                    .singleElement().satisfies(e -> assertThat(e.actor()).isEqualTo("ops"));
        }
    }
}
