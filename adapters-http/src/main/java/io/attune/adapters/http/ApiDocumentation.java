package io.attune.adapters.http;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;

/** The OpenAPI description of REST API v1, generated at build time into META-INF/swagger. */
@OpenAPIDefinition(info = @Info(
        title = "Attune API",
        version = "v1",
        description = "Packs, actions, triggers, sensors, rules, policies and keys of Attune. Errors are RFC 9457"
                + " application/problem+json documents with a stable type and per-field errors.",
        license = @License(name = "Apache-2.0")))
public final class ApiDocumentation {

    private ApiDocumentation() {
    }
}
