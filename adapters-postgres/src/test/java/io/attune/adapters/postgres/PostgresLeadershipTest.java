package io.attune.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.jdbc.DataSourceResolver;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two instances competing for the same duties on one real PostgreSQL. */
class PostgresLeadershipTest {

    private final DataSource dataSource = TestDatabase.bean(DataSource.class);
    private final DataSourceResolver resolver = TestDatabase.bean(DataSourceResolver.class);
    private final PostgresLeadership first = new PostgresLeadership(dataSource, resolver);
    private final PostgresLeadership second = new PostgresLeadership(dataSource, resolver);

    @AfterEach
    void close() {
        first.close();
        second.close();
    }

    @Test
    void oneInstanceLeadsADutyAndKeepsItAcrossCalls() {
        assertThat(first.lead("timers-test")).isTrue();
        assertThat(second.lead("timers-test")).isFalse();
        assertThat(first.lead("timers-test")).isTrue();
        assertThat(second.lead("timers-test")).isFalse();
    }

    @Test
    void dutiesAreLedIndependently() {
        assertThat(first.lead("timers-test")).isTrue();
        assertThat(second.lead("sensors-test")).isTrue();
        assertThat(first.lead("sensors-test")).isFalse();
    }

    @Test
    void aResignedLeadIsTakenByTheOther() {
        assertThat(first.lead("timers-test")).isTrue();
        first.resign("timers-test");
        assertThat(second.lead("timers-test")).isTrue();
        assertThat(first.lead("timers-test")).isFalse();
    }

    @Test
    void whenTheLeadersSessionEndsTheOtherTakesOverAndTheOldLeaderKnowsItLost() {
        assertThat(first.lead("timers-test")).isTrue();
        first.close(); // what a dead instance's session does: its locks go with it

        assertThat(second.lead("timers-test")).isTrue();
        assertThat(first.lead("timers-test")).isFalse();
    }
}
