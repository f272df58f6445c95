package io.attune.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Checks a reply is an RFC 9457 problem of the expected status and type, with nothing internal in it. */
final class ProblemAssert {

    private ProblemAssert() {
    }

    static JsonNode assertProblem(Http.Reply reply, int status, String code) {
        assertThat(reply.status()).as("status of %s", reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).as("content type of %s", reply.body()).startsWith("application/problem+json");
        JsonNode problem = reply.json();
        assertThat(problem.path("type").asText()).isEqualTo("https://attune.dev/problems/" + code);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("detail").asText()).isNotBlank();
        assertThat(problem.path("errors").isArray()).as("errors is an array in %s", reply.body()).isTrue();
        assertThat(reply.body()).doesNotContain("Exception", "com.fasterxml", "\tat ", "io.micronaut");
        return problem;
    }

    /** The field names of the problem's errors, in order. */
    static List<String> fields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(e -> fields.add(e.path("field").asText()));
        return fields;
    }
}
