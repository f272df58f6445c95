package io.attune.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attune.application.contract.IdentityChangesContract;
import io.attune.application.port.out.IdentityChanges;
import io.attune.application.port.out.IdentityRepository;
import io.attune.application.port.out.TransactionRunner;
import io.attune.domain.identity.Role;
import io.attune.domain.identity.User;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The IdentityChangesContract run by the PostgreSQL adapter on a real PostgreSQL, and what only PostgreSQL shows: a
 * change made by another client (plain SQL) is heard, a rolled-back one is not, and a listening session that is
 * killed is noticed, said, and replaced.
 */
class PostgresIdentityChangesContractTest extends IdentityChangesContract {

    private static final Instant T0 = Instant.parse("2031-02-03T04:05:06.789Z");

    @Override
    protected TransactionRunner transactions() {
        return TestDatabase.bean(TransactionRunner.class);
    }

    @Override
    protected void resetStorage() {
        TestDatabase.reset();
    }

    @Override
    protected IdentityChanges changes() {
        return TestDatabase.bean(IdentityChanges.class);
    }

    @Override
    protected IdentityRepository identities() {
        return TestDatabase.bean(IdentityRepository.class);
    }

    @Test
    void aChangeByAnotherClientIsHeardAndARolledBackOneIsNot() {
        AtomicInteger heard = new AtomicInteger();
        changes().subscribe(heard::incrementAndGet);
        settle();

        int before = heard.get();
        assertThatThrownBy(() -> write(() -> {
            identities().insertUser(new User("ops", "$2a$10$h", Role.OPERATOR, T0));
            throw new IllegalStateException("rolled back");
        })).hasMessage("rolled back");
        settle();
        assertThat(heard.get()).as("a rolled-back change is not heard").isEqualTo(before);

        elsewhere("INSERT INTO users (username, password_hash, role, created_at) VALUES ('psql', 'x', 'viewer', now())");
        assertThat(within(Duration.ofSeconds(10), () -> heard.get() > before)).as("a change in psql is heard").isTrue();
    }

    @Test
    void aKilledListeningSessionIsNoticedAndReplaced() {
        AtomicInteger heard = new AtomicInteger();
        changes().subscribe(heard::incrementAndGet);
        settle();

        int before = heard.get();
        elsewhere("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '"
                + PostgresIdentityChanges.SESSION_NAME + "' AND datname = current_database()");
        assertThat(within(Duration.ofSeconds(10), () -> heard.get() > before)).as("the loss is said").isTrue();
        assertThat(within(Duration.ofSeconds(10), () -> changes().live())).as("it listens again").isTrue();

        settle();
        int relistened = heard.get();
        write(() -> identities().insertUser(new User("ops", "$2a$10$h", Role.OPERATOR, T0)));
        assertThat(within(Duration.ofSeconds(10), () -> heard.get() > relistened)).as("then hears again").isTrue();
    }

    /** Runs {@code sql} on a connection of its own, committed before this returns: another client's change. */
    private static void elsewhere(String sql) {
        String url = TestDatabase.context().getRequiredProperty("datasources.default.url", String.class);
        String user = TestDatabase.context().getRequiredProperty("datasources.default.username", String.class);
        String password = TestDatabase.context().getProperty("datasources.default.password", String.class).orElse("");
        try (Connection connection = DriverManager.getConnection(url, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
