package io.attune.bootstrap.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.attune.bootstrap.support.Api;
import io.attune.bootstrap.support.TestApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The workflow, inquiry and rule pages in headless Chromium against the started application: a workflow's graph
 * whose nodes change colour as its tasks run, answering an inquiry from its generated form (the workflow goes on),
 * disabling a rule, and a {@code <script>} in a rule's criteria and in a tested payload shown as text. Each test
 * leaves a screenshot in target/console-screenshots.
 */
@Tag("browser")
class ConsolePagesBrowserTest {

    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8).replace('-', '_');
    private static final String HOSTILE = "<script>window.attunePwned=1</script><img src=x onerror=\"window.attunePwned=2\">";
    private static String url;
    private static Api admin;
    private Browser browser;
    private String name;

    @BeforeAll
    static void application() {
        Browser.assumePresent();
        url = TestApplication.shared().url();
        admin = new Api(url);
    }

    @BeforeEach
    void open(TestInfo test) {
        name = test.getTestMethod().orElseThrow().getName();
        browser = Browser.open(url);
        browser.signIn("admin", TestApplication.ADMIN_PASSWORD);
    }

    @AfterEach
    void close() {
        if (browser != null) {
            browser.screenshot(name);
            browser.close();
        }
    }

    private Object nodeStatus(String task) {
        return browser.script("var n = document.getElementById(arguments[0]); return n && n.dataset.status;", "task-" + task);
    }

    private Object nodeFill(String task) {
        return browser.script("var n = document.querySelector('#' + arguments[0] + ' rect');"
                + " return n && getComputedStyle(n).fill;", "task-" + task);
    }

    @Test
    void aWorkflowsGraphNodesChangeColourAsItsTasksRun() throws IOException {
        long workflow = ConsoleFixtures.approvalWaiting(admin, "7.0." + SUFFIX);
        browser.go("/workflows/executions/" + workflow);
        browser.waitFor("the graph", d -> browser.has("#workflow-graph svg.task-graph"));
        browser.script("window.attuneMarker = 'same page';");
        browser.waitFor("ask running", d -> "running".equals(nodeStatus("ask")));
        assertThat(nodeStatus("deploy")).isEqualTo("not-started");
        Object waiting = nodeFill("ask");
        Object notStarted = nodeFill("deploy");
        assertThat(browser.find("#task-ask a").getDomAttribute("href")).matches(".*/executions/\\d+");

        long inquiry = ConsoleFixtures.inquiryOfWorkflow(admin, workflow);
        Api.Response answered = admin.post("/api/v1/inquiries/" + inquiry + "/respond",
                Api.json(Map.of("response", Map.of("approved", true))));
        assertThat(answered.status()).as(answered.body()).isEqualTo(200);

        browser.waitFor("deploy succeeded", d -> "succeeded".equals(nodeStatus("deploy")));
        browser.waitFor("the workflow succeeded", d -> "succeeded".equals(browser.script(
                "return document.getElementById('workflow-graph').dataset.status;")));
        assertThat(nodeStatus("ask")).isEqualTo("succeeded");
        assertThat(nodeStatus("skip")).isEqualTo("not-started");
        assertThat(nodeFill("ask")).isNotEqualTo(waiting);
        assertThat(nodeFill("deploy")).isNotEqualTo(notStarted).isEqualTo(nodeFill("ask"));
        assertThat(browser.script("return window.attuneMarker;")).as("no reload").isEqualTo("same page");
        assertThat(browser.driver().findElements(org.openqa.selenium.By.cssSelector("#timeline .bar"))).hasSize(2);
        Path shot = browser.screenshot("workflow-graph");
        Path docs = Path.of("..", "docs");
        // the README's screenshot is refreshed on request only, so a test run leaves the work tree as it was
        if ("true".equals(System.getenv("ATTUNE_UPDATE_DOC_SCREENSHOTS")) && Files.isDirectory(docs)) {
            Files.copy(shot, docs.resolve("console-workflow.png"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    void answersAnInquiryFromItsGeneratedFormAndTheWorkflowGoesOn() {
        long workflow = ConsoleFixtures.approvalWaiting(admin, "8.0." + SUFFIX);
        long inquiry = ConsoleFixtures.inquiryOfWorkflow(admin, workflow);
        browser.go("/inquiries");
        browser.waitFor("the pending inquiry", d -> browser.has("#inquiry-" + inquiry));
        browser.find("#inquiry-" + inquiry + " a").click();

        browser.waitFor("the inquiry's page", d -> browser.path().equals("/inquiries/" + inquiry));
        assertThat(browser.find("label[for=param-approved]").getText()).contains("approved").contains("required");
        browser.find("#param-approved").click();
        browser.find("#respond").click();

        browser.waitFor("responded", d -> browser.has("#responded-by"));
        assertThat(browser.find("#inquiry-status").getText()).contains("responded");
        assertThat(browser.find("#response").getText()).contains("\"approved\" : true");
        browser.find("#inquiry-workflow").click();
        browser.waitFor("the workflow succeeded", d -> browser.has("#workflow-graph") && "succeeded".equals(
                browser.script("return document.getElementById('workflow-graph').dataset.status;")));
        assertThat(nodeStatus("deploy")).isEqualTo("succeeded");
        assertThat(admin.get("/api/v1/executions/" + workflow).json().path("result").path("outcome").asText())
                .isEqualTo("deployed");
    }

    @Test
    void disablesARuleFromItsPage() {
        String ref = ConsoleFixtures.rule(admin, "console_off_" + SUFFIX, Map.of(), "off");
        browser.go("/rules/" + ref);
        assertThat(browser.find("#rule-state").getAttribute("data-enabled")).isEqualTo("true");

        browser.find("#disable-" + ref.replace(".", "\\.")).click();

        browser.waitFor("disabled", d -> "false".equals(browser.find("#rule-state").getAttribute("data-enabled")));
        assertThat(browser.has("#enable-" + ref.replace(".", "\\."))).isTrue();
        assertThat(admin.get("/api/v1/rules/" + ref).json().path("enabled").asBoolean()).isFalse();
    }

    @Test
    void aScriptInARulesCriteriaAndInATestedPayloadIsShownAsText() {
        String ref = ConsoleFixtures.rule(admin, "console_xss_" + SUFFIX,
                Map.of("trigger.body.note", Map.of("type", "eq", "pattern", HOSTILE)), HOSTILE);
        browser.go("/rules/" + ref);
        assertThat(browser.find("#criteria").getText()).contains("<script>window.attunePwned=1</script>");
        assertThat(browser.find("#action-parameters").getText()).contains("<script>window.attunePwned=1</script>");

        browser.find("#payload").clear();
        browser.find("#payload").sendKeys("{\"body\": {\"note\": \"" + HOSTILE.replace("\"", "\\\"") + "\"}}");
        browser.find("#test").click();

        browser.waitFor("the outcome", d -> browser.has("#test-outcome"));
        assertThat(browser.find("#test-outcome").getAttribute("data-matched")).isEqualTo("true");
        assertThat(browser.find("#rendered-parameters").getText()).contains("<script>window.attunePwned=1</script>");
        assertThat(browser.find("#payload").getAttribute("value")).contains("<script>");
        assertThat(browser.script("return window.attunePwned === undefined;")).isEqualTo(true);
        assertThat(browser.has("main script")).isFalse();
        assertThat(browser.has("main img")).isFalse();
    }
}
