package io.attune.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.attune.bootstrap.support.Api;
import io.attune.bootstrap.support.TestApplication;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The OpenAPI document generated at build time and Swagger UI are served by a started Attune. */
class OpenApiEndToEndTest {

    private static Api api;

    @BeforeAll
    static void start() {
        api = new Api(TestApplication.shared().url());
    }

    @Test
    void theOpenApiDocumentIsServed() {
        Api.Response spec = api.get("/swagger/attune-api-v1.yml");

        assertThat(spec.status()).as("needs micronaut.router.static-resources.swagger in application.yml")
                .isEqualTo(200);
        assertThat(spec.body()).contains("title: Attune API", "version: v1", "/api/v1/rules/{ref}:");
        assertThat(spec.body().split("name: Idempotency-Key", -1)).as("runAction, recordEvent, receiveWebhook")
                .hasSize(4);
    }

    @Test
    void swaggerUiIsServedAndPointsAtTheDocument() {
        Api.Response ui = api.get("/swagger-ui/index.html");

        assertThat(ui.status()).as("needs micronaut.router.static-resources.swagger-ui in application.yml")
                .isEqualTo(200);
        assertThat(ui.body()).contains("attune-api-v1.yml");
    }
}
