package io.attune.bootstrap.infra;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InfrastructureSettingsTest {

    @Test
    void a_root_server_keeps_its_data_where_the_action_user_can_reach_the_packs() {
        Path home = Path.of(System.getProperty("user.home"), ".attune");
        InfrastructureSettings settings = InfrastructureSettings.fromEnvironment(Map.of(), true);

        // root's home is closed to the user actions run as; a ~/.attune that already holds data is kept
        assertThat(settings.dataDir()).isIn(Path.of("/var/lib/attune"), home.toAbsolutePath());
        if (!java.nio.file.Files.exists(home)) {
            assertThat(settings.dataDir()).isEqualTo(Path.of("/var/lib/attune"));
        }
        assertThat(InfrastructureSettings.fromEnvironment(Map.of("ATTUNE_DATA_DIR", "/srv/attune"), true).dataDir())
                .isEqualTo(Path.of("/srv/attune"));
    }

    @Test
    void nothing_configured_means_embedded_database_and_broker_under_the_home_directory() {
        InfrastructureSettings settings = InfrastructureSettings.fromEnvironment(Map.of(), false);

        assertThat(settings.embeddedDatabase()).isTrue();
        assertThat(settings.embeddedBroker()).isTrue();
        assertThat(settings.dataDir()).isEqualTo(Path.of(System.getProperty("user.home"), ".attune").toAbsolutePath());
        assertThat(settings.httpPort()).isEqualTo(8080);
        assertThat(settings.embeddedDatabasePort()).isEqualTo(5433);
        assertThat(settings.embeddedAmqpPort()).isEqualTo(5673);
    }

    @Test
    void blank_values_count_as_unset() {
        InfrastructureSettings settings = InfrastructureSettings.fromEnvironment(
                Map.of("ATTUNE_DATABASE_URL", " ", "ATTUNE_AMQP_URL", "", "ATTUNE_HTTP_PORT", ""));

        assertThat(settings.embeddedDatabase()).isTrue();
        assertThat(settings.embeddedBroker()).isTrue();
        assertThat(settings.httpPort()).isEqualTo(8080);
    }

    @Test
    void a_jdbc_url_is_used_as_it_is_with_the_separate_credentials() {
        InfrastructureSettings settings = InfrastructureSettings.fromEnvironment(Map.of(
                "ATTUNE_DATABASE_URL", "jdbc:postgresql://db:5432/attune",
                "ATTUNE_DATABASE_USER", "attune",
                "ATTUNE_DATABASE_PASSWORD", "s3cret",
                "ATTUNE_DATA_DIR", "~/data",
                "ATTUNE_HTTP_PORT", "9090"));

        assertThat(settings.database()).contains(new InfrastructureSettings.Database(
                "jdbc:postgresql://db:5432/attune", Optional.of("attune"), Optional.of("s3cret")));
        assertThat(settings.dataDir()).isEqualTo(Path.of(System.getProperty("user.home"), "data"));
        assertThat(settings.httpPort()).isEqualTo(9090);
    }

    @Test
    void a_libpq_url_becomes_a_jdbc_url_and_gives_up_its_credentials() {
        InfrastructureSettings.Database database = InfrastructureSettings.database(
                "postgresql://bob:p%40ss%3Aword@db.example:6543/attune?sslmode=require", Optional.empty(), Optional.empty());

        assertThat(database.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/attune?sslmode=require");
        assertThat(database.username()).contains("bob");
        assertThat(database.password()).contains("p@ss:word");
    }

    @Test
    void separate_credentials_win_over_those_in_the_url() {
        InfrastructureSettings.Database database = InfrastructureSettings.database(
                "postgres://bob:old@db/attune", Optional.of("alice"), Optional.of("new"));

        assertThat(database.jdbcUrl()).isEqualTo("jdbc:postgresql://db/attune");
        assertThat(database.username()).contains("alice");
        assertThat(database.password()).contains("new");
    }

    @Test
    void passwords_are_masked_in_what_is_logged() {
        assertThat(new InfrastructureSettings.Database("jdbc:postgresql://db/a?user=x&password=secret&ssl=true",
                Optional.empty(), Optional.empty()).safeUrl())
                .isEqualTo("jdbc:postgresql://db/a?user=x&password=****&ssl=true");
        assertThat(InfrastructureSettings.safeAmqpUrl("amqp://guest:guest@127.0.0.1:5672"))
                .isEqualTo("amqp://guest:****@127.0.0.1:5672");
    }

    @Test
    void a_bare_trailing_slash_in_the_amqp_url_means_the_default_virtual_host() {
        assertThat(InfrastructureSettings.normalizeAmqpUrl("amqp://guest:guest@127.0.0.1:5672/"))
                .isEqualTo("amqp://guest:guest@127.0.0.1:5672");
        assertThat(InfrastructureSettings.normalizeAmqpUrl("amqp://guest:guest@127.0.0.1:5672/%2F"))
                .isEqualTo("amqp://guest:guest@127.0.0.1:5672/%2F");
        assertThat(InfrastructureSettings.normalizeAmqpUrl("amqps://u:p@mq/prod"))
                .isEqualTo("amqps://u:p@mq/prod");
    }

    @Test
    void wrong_values_are_rejected_with_the_variable_named() {
        assertThatThrownBy(() -> InfrastructureSettings.fromEnvironment(Map.of("ATTUNE_HTTP_PORT", "http")))
                .hasMessageContaining("ATTUNE_HTTP_PORT");
        assertThatThrownBy(() -> InfrastructureSettings.fromEnvironment(Map.of("ATTUNE_DATABASE_URL", "mysql://db/x")))
                .hasMessageContaining("ATTUNE_DATABASE_URL");
        assertThatThrownBy(() -> InfrastructureSettings.fromEnvironment(Map.of("ATTUNE_AMQP_URL", "http://mq")))
                .hasMessageContaining("ATTUNE_AMQP_URL");
    }
}
