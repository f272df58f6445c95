package io.attune.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

@MicronautTest
class OpenApiTest {

    @Inject
    EmbeddedServer server;

    @Test
    void theSpecificationAndSwaggerUiAreGeneratedAtBuildTime() throws IOException {
        String spec = resource("META-INF/swagger/attune-api-v1.yml");

        assertThat(spec).contains("title: Attune API", "version: v1", "/api/v1/packs/upload:", "/api/v1/rules/{ref}:",
                "/api/v1/keys/{name}:", "application/problem+json");
        assertThat(spec).doesNotContain("unknown:");
        assertThat(resource("META-INF/swagger/views/swagger-ui/index.html")).contains("attune-api-v1.yml");
    }

    @Test
    void theSpecificationAndSwaggerUiAreServedUnderTheirStaticMappings() {
        Http http = new Http(server.getURL());

        Http.Reply spec = http.get("/swagger/attune-api-v1.yml");
        Http.Reply ui = http.get("/swagger-ui/index.html");

        assertThat(spec.status()).isEqualTo(200);
        assertThat(spec.body()).contains("title: Attune API");
        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.body()).contains("swagger-ui");
        assertThat(http.get("/swagger-ui/res/swagger-ui.css").status()).isEqualTo(200);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = OpenApiTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
