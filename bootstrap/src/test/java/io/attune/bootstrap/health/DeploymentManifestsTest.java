package io.attune.bootstrap.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The deployment files under {@code deploy/} that docs/deployment.md points to parse, and say what the guide says: a
 * Deployment per role with its {@code ATTUNE_ROLES}, the shared Secret (database, broker and the two shared secrets)
 * and the liveness and readiness probes on {@code /health/liveness} and {@code /health/readiness}; a systemd unit per
 * role reading the shared environment file.
 */
class DeploymentManifestsTest {

    private static final Path DEPLOY = Path.of("..", "deploy");

    @ParameterizedTest
    @ValueSource(strings = {"api", "executor", "worker", "sensor"})
    @SuppressWarnings("unchecked")
    void eachRoleHasADeploymentWithItsRolesTheSharedSecretAndBothProbes(String role) throws IOException {
        List<Map<String, Object>> documents = load(DEPLOY.resolve("k8s/" + role + ".yaml"));
        Map<String, Object> deployment = documents.stream().filter(d -> "Deployment".equals(d.get("kind")))
                .findFirst().orElseThrow();
        assertThat(((Map<String, Object>) deployment.get("metadata")).get("name")).isEqualTo("attune-" + role);
        Map<String, Object> container = ((List<Map<String, Object>>) at(deployment, "spec", "template", "spec",
                "containers")).get(0);
        assertThat((List<Map<String, Object>>) container.get("env"))
                .anySatisfy(e -> assertThat(e).containsEntry("name", "ATTUNE_ROLES").containsEntry("value", role));
        assertThat((List<Map<String, Object>>) container.get("envFrom"))
                .anySatisfy(e -> assertThat(at(e, "secretRef", "name")).isEqualTo("attune-common"));
        assertThat(at(container, "livenessProbe", "httpGet", "path")).isEqualTo("/health/liveness");
        assertThat(at(container, "readinessProbe", "httpGet", "path")).isEqualTo("/health/readiness");
    }

    @Test
    void theSharedSecretHoldsTheDatabaseTheBrokerAndBothSharedSecrets() throws IOException {
        Map<String, Object> secret = load(DEPLOY.resolve("k8s/secret.yaml")).get(0);
        assertThat(secret.get("kind")).isEqualTo("Secret");
        assertThat((Map<String, Object>) secret.get("stringData")).containsKeys("ATTUNE_DATABASE_URL",
                "ATTUNE_AMQP_URL", "ATTUNE_ENCRYPTION_KEY", "ATTUNE_JWT_SECRET");
        assertThat(load(DEPLOY.resolve("k8s/packs-volume.yaml")).get(0)).containsEntry("kind", "PersistentVolumeClaim");
    }

    @ParameterizedTest
    @ValueSource(strings = {"api", "executor", "worker", "sensor"})
    void eachRoleHasASystemdUnitReadingTheSharedEnvironment(String role) throws IOException {
        String unit = Files.readString(DEPLOY.resolve("systemd/attune-" + role + ".service"));
        assertThat(unit).contains("[Unit]", "[Service]", "[Install]", "EnvironmentFile=/etc/attune/common.env",
                "Environment=ATTUNE_ROLES=" + role + "\n", "ExecStart=/usr/bin/java -jar /opt/attune/attune.jar");
        assertThat(Files.readString(DEPLOY.resolve("systemd/attune.env.example")))
                .contains("ATTUNE_ENCRYPTION_KEY=", "ATTUNE_JWT_SECRET=", "ATTUNE_DATABASE_URL=", "ATTUNE_AMQP_URL=");
    }

    private static List<Map<String, Object>> load(Path file) throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file)) {
            for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(reader)) {
                @SuppressWarnings("unchecked")
                Map<String, Object> map = (Map<String, Object>) document;
                documents.add(map);
            }
        }
        assertThat(documents).as(file.toString()).isNotEmpty();
        return documents;
    }

    @SuppressWarnings("unchecked")
    private static Object at(Map<String, Object> map, String... path) {
        Object node = map;
        for (String key : path) {
            node = ((Map<String, Object>) node).get(key);
        }
        return node;
    }
}
