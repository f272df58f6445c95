package io.attune.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.attune.application.fake.InMemoryAuditLog;
import io.attune.application.fake.InMemoryStore;
import io.attune.application.fake.InMemoryTransactionRunner;
import io.attune.application.port.in.AuditTrail.AuditFilter;
import io.attune.application.port.in.PageRequest;
import io.attune.domain.audit.AuditEntry;
import io.attune.application.port.out.TransactionRunner;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
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
    @Timeout(10)
    void entriesRecordedWhileTheWriterGathersAreWrittenInOneTransaction() throws Exception {
        AtomicInteger transactions = new AtomicInteger();
        InMemoryTransactionRunner counted = new InMemoryTransactionRunner(new InMemoryStore());
        try (AuditService audit = new AuditService(log, new TransactionRunner() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                transactions.incrementAndGet();
                return counted.inTransaction(work);
            }

            @Override
            public <T> T readOnly(Supplier<T> work) {
                return counted.readOnly(work);
            }
        })) {
            long start = System.nanoTime();
            for (int i = 0; i < 20; i++) { // one request every 2 ms: each would have had its own transaction before
                audit.record(new AuditEntry(0, Instant.EPOCH.plusSeconds(i), "admin", "execution.run", "/e/" + i,
                        AuditEntry.Outcome.SUCCEEDED, Map.of()));
                Thread.sleep(2);
            }
            long recording = System.nanoTime() - start;
            while (log.all().size() < 20) {
                Thread.sleep(10);
            }
            assertThat(transactions.get()).as("transactions for 20 entries recorded over %d ms", recording / 1_000_000)
                    .isLessThanOrEqualTo(1 + (int) (recording / AuditService.LINGER.toNanos()));
            assertThat(log.all()).extracting(AuditEntry::target).startsWith("/e/0", "/e/1").endsWith("/e/19");
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
