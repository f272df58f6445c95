package io.attune.bootstrap.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import io.attune.bootstrap.support.Api;
import io.attune.bootstrap.support.TestApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A stranger failing logins on purpose cannot keep the real admin out: the server sees each client by its socket
 * address (no proxy header is trusted), so the test speaks from 127.0.0.2 and 127.0.0.3 as well as 127.0.0.1.
 */
@Tag("adversarial")
class LoginLockoutAdversarialTest {

    private static TestApplication app; // its own throttle: the shared application keeps serving logins
    private static String base;

    @BeforeAll
    static void start() {
        app = TestApplication.start(Map.of());
        base = "http://127.0.0.1:" + URI.create(app.url()).getPort();
    }

    @AfterAll
    static void stop() {
        app.stop();
    }

    private static HttpResponse<String> login(String from, String username, String password) {
        try (HttpClient client = HttpClient.newBuilder().localAddress(InetAddress.getByName(from))
                .connectTimeout(Duration.ofSeconds(5)).build()) {
            return client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/login"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Api.json(Map.of("username", username, "password", password))))
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void failuresForAdminFromOneAddressDoNotKeepAdminOutFromAnother() {
        for (int i = 0; i < 5; i++) {
            assertThat(login("127.0.0.1", "admin", "wrong-guess-" + i).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> held = login("127.0.0.1", "admin", TestApplication.ADMIN_PASSWORD);
        assertThat(held.statusCode()).as(held.body()).isEqualTo(429);
        assertThat(held.headers().firstValue("Retry-After")).isPresent();
        assertThat(held.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");

        HttpResponse<String> elsewhere = login("127.0.0.2", "admin", TestApplication.ADMIN_PASSWORD);
        assertThat(elsewhere.statusCode()).as(elsewhere.body()).isEqualTo(200);
        assertThat(elsewhere.body()).contains("access_token");
    }

    @Test
    void anAddressGuessingManyUsersIsHeldBackWhateverUserItTries() {
        for (int i = 0; i < 20; i++) {
            assertThat(login("127.0.0.3", "nobody-" + i, "wrong-guess").statusCode()).isEqualTo(401);
        }
        assertThat(login("127.0.0.3", "admin", TestApplication.ADMIN_PASSWORD).statusCode()).isEqualTo(429);
        assertThat(login("127.0.0.4", "admin", TestApplication.ADMIN_PASSWORD).statusCode()).isEqualTo(200);
    }
}
