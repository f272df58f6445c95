package io.attune.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import io.micronaut.jdbc.DataSourceResolver;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The workflow state column is stored out of line without compression (V23_1): its rewrite per event stays cheap. */
class PostgresWorkflowStateStorageTest {

    private final DataSource dataSource = TestDatabase.bean(DataSourceResolver.class)
            .resolve(TestDatabase.bean(DataSource.class));

    @Test
    void theWorkflowStateIsStoredOutOfLineUncompressed() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet row = s.executeQuery("SELECT attstorage FROM pg_attribute"
                     + " WHERE attrelid = 'workflow_states'::regclass AND attname = 'state'")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString(1)).as("e = EXTERNAL, x = EXTENDED (compressed)").isEqualTo("e");
        }
    }
}
