package io.attune.bootstrap.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.attune.bootstrap.support.Api;
import io.attune.bootstrap.support.TestApplication;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The web console in a real browser (headless Chromium) against the started application on PostgreSQL and
 * RabbitMQ: signing in, running an action from its generated form and watching it end without a reload, reading a
 * failure's stderr, what a viewer sees, and escaping. Each test leaves a screenshot in target/console-screenshots.
 */
@Tag("browser")
class ConsoleBrowserTest {

    static final String PASSWORD = "console-user-password";
    static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    static final String VIEWER = "viewer-c" + SUFFIX;
    private static String url;
    private static Api admin;
    private Browser browser;
    private String name;

    @BeforeAll
    static void users() {
        Browser.assumePresent();
        url = TestApplication.shared().url();
        admin = new Api(url);
        Api.Response created = admin.post("/api/v1/users",
                Api.json(Map.of("username", VIEWER, "password", PASSWORD, "role", "viewer")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    @BeforeEach
    void open(TestInfo test) {
        name = test.getTestMethod().orElseThrow().getName();
        browser = Browser.open(url);
    }

    @AfterEach
    void close() {
        if (browser != null) {
            browser.screenshot(name);
            browser.close();
        }
    }

    @Test
    void anUnauthenticatedVisitorIsSentToTheLoginPageAndSignsIn() {
        browser.go("/");
        assertThat(browser.path()).isEqualTo("/login");

        browser.signIn("admin", TestApplication.ADMIN_PASSWORD);

        browser.waitFor("the dashboard", d -> browser.path().equals("/") && browser.has("header nav"));
        assertThat(browser.find("header .who").getText()).contains("admin");
        assertThat(browser.find("main h1").getText()).isEqualTo("Dashboard");
    }

    /** The status the execution page shows (read in one step: htmx may swap the panel at any time). */
    private Object panelStatus() {
        return browser.script("var p = document.getElementById('execution-panel'); return p && p.dataset.status;");
    }

    @Test
    void aWrongPasswordShowsAnError() {
        browser.signIn("admin", "not-the-password");

        assertThat(browser.path()).isEqualTo("/login");
        assertThat(browser.find("#login-error").getText()).contains("Wrong username or password");
        assertThat(browser.has("header nav")).isFalse();
    }

    @Test
    void runsEchoHiFromItsGeneratedFormAndWatchesItSucceedWithoutAReload() {
        browser.signIn("admin", TestApplication.ADMIN_PASSWORD);
        browser.go("/actions/core.local");
        browser.find("#param-cmd").sendKeys("echo hi");
        browser.script("window.attuneMarker = 'same page';");
        browser.find("#run").click();

        browser.waitFor("the execution page", d -> browser.path().matches("/executions/\\d+"));
        browser.script("window.attuneMarker = 'same page';");
        browser.waitFor("succeeded", d -> "succeeded".equals(panelStatus()));

        assertThat(browser.script("return window.attuneMarker;")).as("no reload").isEqualTo("same page");
        assertThat(browser.find("#stdout").getText()).isEqualTo("hi");
        assertThat(browser.find("#parameters").getText()).contains("\"cmd\" : \"echo hi\"");
    }

    @Test
    void theExecutionsListShowsANewExecutionLiveAndItsEnd() {
        browser.signIn("admin", TestApplication.ADMIN_PASSWORD);
        browser.go("/executions?action=core.local");
        browser.waitFor("the stream", d -> browser.has("#execution-table"));
        browser.script("window.attuneMarker = 'same page';");
        browser.waitFor("the connected stream", d -> "open".equals(browser.script(
                "return document.documentElement.dataset.live;")));
        long id = admin.post("/api/v1/executions", Api.json(Map.of("action", "core.local",
                "parameters", Map.of("cmd", "sleep 1; echo listed")))).json().path("id").asLong();

        browser.waitFor("the new row", d -> browser.has("#execution-" + id));
        browser.waitFor("its end", d -> "succeeded".equals(browser.script(
                "var row = document.getElementById(arguments[0]); return row && row.dataset.status;", "execution-" + id)));

        assertThat(browser.script("return window.attuneMarker;")).as("no reload").isEqualTo("same page");
        assertThat(browser.find("#execution-" + id + " time").getAttribute("datetime")).endsWith("Z");
        browser.screenshot("executions-list");
    }

    @Test
    void theOutputOfARunningActionAppearsLineByLineWithoutAReload() {
        long id = admin.post("/api/v1/executions", Api.json(Map.of("action", "core.local", "parameters",
                Map.of("cmd", "echo 'step <1>'; echo 'note 1' >&2; sleep 3; echo 'step 2'")))).json().path("id").asLong();
        browser.signIn(VIEWER, PASSWORD);
        browser.go("/executions/" + id);

        browser.waitFor("the first line", d -> browser.find("#stdout").getText().contains("step <1>"));
        assertThat(panelStatus()).isEqualTo("running");
        assertThat(browser.find("#stdout").getText()).doesNotContain("step 2");
        browser.waitFor("stderr", d -> browser.find("#stderr").getText().contains("note 1"));
        browser.waitFor("succeeded", d -> "succeeded".equals(panelStatus()));
        browser.waitFor("the whole output", d -> browser.find("#stdout").getText().equals("step <1>\nstep 2"));
        assertThat(browser.find("#stderr").getText()).isEqualTo("note 1");
    }

    @Test
    void aFailingActionShowsItsStderr() {
        browser.signIn("admin", TestApplication.ADMIN_PASSWORD);
        browser.go("/actions/core.local");
        browser.find("#param-cmd").sendKeys("echo 'disk full on /var' >&2; exit 3");
        browser.find("#run").click();

        browser.waitFor("failed", d -> "failed".equals(panelStatus()));
        assertThat(browser.find("#stderr").getText()).contains("disk full on /var");
        assertThat(browser.find("#exit-code").getText()).isEqualTo("3");
        assertThat(browser.has("#rerun")).isTrue();
    }

    @Test
    void theServersFieldErrorsAreShownNextToTheirFields() {
        browser.signIn("admin", TestApplication.ADMIN_PASSWORD);
        browser.go("/actions/core.local");
        browser.find("#run").click();   // cmd is required

        browser.waitFor("the field error", d -> browser.has("#param-cmd-error"));
        assertThat(browser.find("#param-cmd-error").getText()).isNotBlank();
        assertThat(browser.path()).isEqualTo("/actions/core.local/run");
    }

    @Test
    void aViewerSeesNoRunNorCancelButton() {
        long id = admin.post("/api/v1/executions", Api.json(Map.of("action", "core.local",
                "parameters", Map.of("cmd", "sleep 30")))).json().path("id").asLong();
        try {
            browser.signIn(VIEWER, PASSWORD);
            browser.waitFor("the dashboard", d -> browser.has("header nav"));
            browser.go("/actions/core.local");
            assertThat(browser.has("#run")).isFalse();
            assertThat(browser.find("#read-only").getText()).contains("viewer");
            browser.go("/executions/" + id);
            assertThat(browser.has("#execution-panel")).isTrue();
            assertThat(browser.has("#cancel")).isFalse();
            assertThat(browser.has("#rerun")).isFalse();
        } finally {
            admin.post("/api/v1/executions/" + id + "/cancel", "");
        }
    }

    @Test
    void htmlInParametersAndOutputIsShownAsText() {
        String hostile = "<script>window.attunePwned=1</script><img src=x onerror=\"window.attunePwned=2\">";
        browser.signIn("admin", TestApplication.ADMIN_PASSWORD);
        browser.go("/actions/core.local");
        browser.find("#param-cmd").sendKeys("printf '%s' '" + hostile + "'");
        browser.find("#run").click();

        browser.waitFor("succeeded", d -> "succeeded".equals(panelStatus()));
        assertThat(browser.find("#stdout").getText()).isEqualTo(hostile);
        assertThat(browser.find("#parameters").getText()).contains("<script>window.attunePwned=1</script>");
        assertThat(browser.script("return window.attunePwned === undefined;")).isEqualTo(true);
        assertThat(browser.has("main script")).isFalse();
        assertThat(browser.has("main img")).isFalse();
    }
}
