package io.attune.adapters.postgres;

import static io.attune.application.contract.CatalogSamples.action;
import static io.attune.application.contract.CatalogSamples.content;
import static io.attune.application.contract.CatalogSamples.trigger;
import static org.assertj.core.api.Assertions.assertThat;

import io.attune.application.contract.CatalogVersionContract;
import io.attune.application.port.out.CatalogVersion;
import io.attune.application.port.out.PackRepository;
import io.attune.application.port.out.RuleRepository;
import io.attune.application.port.out.TransactionRunner;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The CatalogVersionContract run by the PostgreSQL adapter's beans on a real PostgreSQL, and what only a shared
 * database shows: a change another instance commits (here: any other connection, by plain SQL).
 */
class PostgresCatalogVersionContractTest extends CatalogVersionContract {

    @Override
    protected TransactionRunner transactions() {
        return TestDatabase.bean(TransactionRunner.class);
    }

    @Override
    protected void resetStorage() {
        TestDatabase.reset();
    }

    @Override
    protected CatalogVersion version() {
        return TestDatabase.bean(CatalogVersion.class);
    }

    @Override
    protected PackRepository packs() {
        return TestDatabase.bean(PackRepository.class);
    }

    @Override
    protected RuleRepository rules() {
        return TestDatabase.bean(RuleRepository.class);
    }

    @Test
    void aChangeCommittedElsewhereIsSeenByTheNextTransactionNotByTheOneAlreadyRunning() {
        write(() -> packs().replace(content("demo").with(action("demo.greet"), trigger("demo.alert")).build()));
        OptionalLong before = read(() -> version().current());

        List<OptionalLong> during = read(() -> {
            OptionalLong first = version().current();
            elsewhere("UPDATE actions SET description = 'changed elsewhere' WHERE ref = 'demo.greet'");
            return List.of(first, version().current());
        });
        OptionalLong after = read(() -> version().current());
        elsewhere("UPDATE triggers SET description = 'changed elsewhere' WHERE ref = 'demo.alert'");

        assertThat(during).containsOnly(before);
        assertThat(after).isPresent().isNotEqualTo(before);
        assertThat(read(() -> version().current())).isPresent().isNotEqualTo(after).isNotEqualTo(before);
    }

    /** Runs {@code sql} on a connection of its own, committed before this returns: another instance's change. */
    private static void elsewhere(String sql) {
        CompletableFuture.runAsync(() -> {
            String url = TestDatabase.context().getRequiredProperty("datasources.default.url", String.class);
            String user = TestDatabase.context().getRequiredProperty("datasources.default.username", String.class);
            String password = TestDatabase.context().getProperty("datasources.default.password", String.class).orElse("");
            try (Connection connection = DriverManager.getConnection(url, user, password);
                 Statement statement = connection.createStatement()) {
                statement.executeUpdate(sql);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }).join();
    }
}
