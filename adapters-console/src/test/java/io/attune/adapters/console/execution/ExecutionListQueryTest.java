package io.attune.adapters.console.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.attune.application.port.in.ExecutionQueries.ExecutionFilter;
import io.attune.domain.common.Ref;
import io.attune.domain.execution.ExecutionStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ExecutionListQueryTest {

    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

    @Test
    void theFormsFiltersBecomeTheUseCasesFilter() {
        ExecutionListQuery query = ExecutionListQuery.of("failed", "core.local", "core", "42", "1h", null, " ");
        ExecutionFilter filter = query.filter(NOW);

        assertThat(query.errors()).isEmpty();
        assertThat(filter.status()).hasValue(ExecutionStatus.FAILED);
        assertThat(filter.action()).hasValue(Ref.parse("core.local"));
        assertThat(filter.pack()).hasValue("core");
        assertThat(filter.parent()).hasValue(42);
        assertThat(filter.since()).hasValue(NOW.minus(Duration.ofHours(1)));
        assertThat(query.queryString()).isEqualTo("status=failed&action=core.local&pack=core&parent=42&window=1h");
    }

    @Test
    void whatCannotBeReadIsReportedByFieldAndNotApplied() {
        ExecutionListQuery query = ExecutionListQuery.of("done", "<script>", "Bad Pack", "x", "1y", "yesterday", null);
        ExecutionFilter filter = query.filter(NOW);

        assertThat(query.errors()).containsOnlyKeys("status", "action", "pack", "parent", "window", "since");
        assertThat(filter).isEqualTo(ExecutionFilter.any());
    }
}
