package io.attune.adapters.http;

import static io.attune.adapters.http.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.attune.adapters.http.fake.FakeCatalog;
import io.attune.adapters.http.problem.UnexpectedExceptionHandler;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A request that waits too long for a database connection is a busy server: 503 with Retry-After, never a 500. */
@MicronautTest
class DatabaseBusyTest {

    @Inject
    EmbeddedServer server;

    private final Logger handlerLog = (Logger) LoggerFactory.getLogger(UnexpectedExceptionHandler.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void captureLog() {
        logged.start();
        handlerLog.addAppender(logged);
    }

    @AfterEach
    void releaseLog() {
        handlerLog.detachAppender(logged);
    }

    @Test
    void aPoolTimeoutIsA503ProblemWithRetryAfterLoggedOnceAtWarnWithoutAStackTrace() {
        Http.Reply response = new Http(server.getURL()).get("/api/v1/actions/" + FakeCatalog.BUSY_ACTION);

        JsonNode problem = assertProblem(response, 503, "unavailable");
        assertThat(problem.path("detail").asText()).contains("database connection").contains("retry");
        assertThat(response.retryAfter()).as("Retry-After").isNotNull();
        assertThat(Integer.parseInt(response.retryAfter())).isBetween(1, 30);
        assertThat(response.body()).doesNotContain(FakeCatalog.POOL_TIMEOUT, "JDBC");
        assertThat(logged.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getFormattedMessage()).contains("503").contains(FakeCatalog.BUSY_ACTION)
                    .contains("request timed out");
            assertThat(event.getThrowableProxy()).as("no stack trace").isNull();
        });
    }

    @Test
    void anyOtherUnexpectedFailureIsStillA500LoggedWithItsStackTrace() {
        Http.Reply response = new Http(server.getURL()).get("/api/v1/actions/" + FakeCatalog.EXPLODING_ACTION);

        assertProblem(response, 500, "internal-error");
        assertThat(response.retryAfter()).isNull();
        assertThat(logged.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.ERROR);
            assertThat(event.getThrowableProxy()).isNotNull();
        });
    }
}
