package io.attune.adapters.http;

import static io.attune.adapters.http.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.attune.adapters.http.fake.FakeCatalog;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@MicronautTest
class UnexpectedErrorTest {

    @Inject
    EmbeddedServer server;

    @Test
    void anUnexpectedFailureIsA500WithAGenericDetailAndNothingInternal() {
        Http.Reply reply = new Http(server.getURL()).get("/api/v1/actions/" + FakeCatalog.EXPLODING_ACTION);

        JsonNode problem = assertProblem(reply, 500, "internal-error");
        assertThat(problem.path("detail").asText()).contains("logged");
        assertThat(reply.body()).doesNotContain(FakeCatalog.INTERNAL_DETAIL, "IllegalState", "FakeCatalog");
    }

    @Test
    void aHeadRequestForAMissingResourceHasAStatusAndNoBody() {
        Http.Reply reply = new Http(server.getURL()).send("HEAD", "/api/v1/nothing", null, (byte[]) null);

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.body()).isEmpty();
    }
}
