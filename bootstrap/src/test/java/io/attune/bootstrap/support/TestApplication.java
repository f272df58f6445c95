package io.attune.bootstrap.support;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A started Attune (HTTP server and every bean) against {@link TestServices}, shared by the end-to-end tests of one
 * JVM: starting it once keeps the suite fast. Tests use their own refs so they do not see each other's data.
 */
public final class TestApplication {

    /** The AMQP namespace of this test JVM's applications (a test may give one its own). */
    public static final String NAMESPACE = "attune-e2e-" + ProcessHandle.current().pid();

    /** The encryption key of this test JVM's applications: they share one database, so they share its secrets. */
    public static final String ENCRYPTION_KEY = java.util.Base64.getEncoder().encodeToString(
            new java.security.SecureRandom().generateSeed(32));

    /** The password of the user {@code admin} that every test application creates on its first start. */
    public static final String ADMIN_PASSWORD = "e2e-admin-password";

    /** The token signing secret of this test JVM's applications: a token of one is good at the others. */
    public static final String JWT_SECRET = "e2e-jwt-secret-" + java.util.UUID.randomUUID();

    private static TestApplication shared;

    private final EmbeddedServer server;
    private final HttpClient client;
    private final Path dataDir;

    private TestApplication(EmbeddedServer server, Path dataDir) {
        this.server = server;
        this.dataDir = dataDir;
        this.client = server.getApplicationContext().createBean(HttpClient.class, server.getURL());
    }

    public static synchronized TestApplication shared() {
        if (shared == null) {
            shared = start(Map.of());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                shared.stop();
                TestServices.get().deleteNamespace(NAMESPACE);
            }));
        }
        return shared;
    }

    /** A separate application with extra properties; the caller stops it. */
    public static TestApplication start(Map<String, Object> extra) {
        try {
            Path dataDir = Files.createTempDirectory("attune-e2e-data");
            Map<String, Object> properties = new LinkedHashMap<>(TestServices.get().properties());
            properties.put("micronaut.server.port", -1);
            properties.put("attune.data-dir", dataDir.toString());
            // an exchange and queues of this test run's own: no other Attune on the same broker hears its messages
            properties.put("attune.amqp.namespace", NAMESPACE);
            properties.put("attune.encryption-key", ENCRYPTION_KEY);
            properties.put("attune.auth.admin-password", ADMIN_PASSWORD);
            properties.put("attune.auth.jwt-secret", JWT_SECRET);
            properties.put("attune.auth.access-token-lifetime", "1h");
            // the suite writes its packs and marker files into JUnit's owner-only temporary directories, which an
            // unprivileged action user cannot read; the adversarial suite runs actions as the default user instead
            properties.put("attune.action-user", "root");
            properties.putAll(extra);
            EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties);
            return new TestApplication(server, dataDir);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public HttpClient client() {
        return client;
    }

    public String url() {
        return server.getURL().toString();
    }

    public Path dataDir() {
        return dataDir;
    }

    public ApplicationContext context() {
        return server.getApplicationContext();
    }

    public void stop() {
        client.close();
        server.stop();
    }
}
