package io.attune.bootstrap.api;

import static io.attune.bootstrap.api.ApiTesting.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.attune.bootstrap.support.Api;
import io.attune.bootstrap.support.TestApplication;
import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The framework's own errors of a started Attune come out as RFC 9457 problem documents too. */
class ProblemDetailsEndToEndTest {

    private static String url;
    private static Api api;

    @BeforeAll
    static void start() {
        url = TestApplication.shared().url();
        api = new Api(url);
    }

    @Test
    void anUnknownRouteIsA404Problem() {
        assertThat(assertProblem(api.get("/api/v1/no-such-thing"), 404, "not-found").path("instance").asText())
                .isEqualTo("/api/v1/no-such-thing");
    }

    @Test
    void aWrongMethodIsA405Problem() {
        assertProblem(api.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/packs"))
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json")),
                405, "method-not-allowed");
    }

    @Test
    void anUnsupportedMediaTypeIsA415Problem() {
        assertProblem(api.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/rules"))
                .header("Content-Type", "text/yaml").POST(HttpRequest.BodyPublishers.ofString("ref: x"))),
                415, "unsupported-media-type");
    }

    @Test
    void aMissingBodyIsA400Problem() {
        assertProblem(api.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/packs/install"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.noBody())),
                400, "malformed-body");
    }

    @Test
    void aBrowserAskingForHtmlStillGetsAProblemDocument() {
        assertProblem(api.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/actions/core.nothing"))
                .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8").GET()),
                404, "not-found");
    }

    @Test
    void aClientAcceptingOnlyHtmlIsA406Problem() {
        assertProblem(api.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/actions/core.echo"))
                .header("Accept", "text/html").GET()), 406, "not-acceptable");
    }
}
