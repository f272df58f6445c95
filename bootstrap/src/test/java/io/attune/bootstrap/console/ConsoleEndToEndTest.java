package io.attune.bootstrap.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.attune.bootstrap.support.Api;
import io.attune.bootstrap.support.TestApplication;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console's security over plain HTTP (no browser needed): the redirect to the login page, the cookies, CSRF
 * tokens, roles, escaping and the security headers, on the started application.
 */
class ConsoleEndToEndTest {

    private static final String PASSWORD = "console-e2e-password";
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    private static final String VIEWER = "viewer-h" + SUFFIX;
    private static final String OPERATOR = "operator-h" + SUFFIX;
    private static String url;
    private static Api admin;

    @BeforeAll
    static void users() {
        url = TestApplication.shared().url();
        admin = new Api(url);
        for (String[] user : new String[][] {{VIEWER, "viewer"}, {OPERATOR, "operator"}}) {
            Api.Response created = admin.post("/api/v1/users",
                    Api.json(Map.of("username", user[0], "password", PASSWORD, "role", user[1])));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
        }
    }

    @Test
    void aBrowserWithoutASessionIsSentToTheLoginPageWhileTheApiStillAnswers401() {
        ConsoleClient anonymous = new ConsoleClient(url);

        HttpResponse<String> home = anonymous.get("/");
        assertThat(home.statusCode()).isEqualTo(303);
        assertThat(home.headers().firstValue("Location")).hasValue("/login");
        HttpResponse<String> deep = anonymous.get("/executions?status=failed");
        assertThat(deep.headers().firstValue("Location")).hasValue("/login?next=%2Fexecutions%3Fstatus%3Dfailed");
        assertThat(admin.anonymous().get("/api/v1/executions").status()).isEqualTo(401);
        assertThat(anonymous.get("/login").statusCode()).isEqualTo(200);
    }

    @Test
    void theSessionLivesInHttpOnlyStrictCookiesThatTheApiDoesNotAccept() {
        ConsoleClient client = new ConsoleClient(url);
        HttpResponse<String> login = client.login(OPERATOR, PASSWORD);

        assertThat(login.statusCode()).isEqualTo(303);
        assertThat(login.headers().allValues("Set-Cookie")).hasSize(3).allSatisfy(cookie ->
                assertThat(cookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict")
                        .contains("Path=/"));
        assertThat(client.get("/").statusCode()).isEqualTo(200);
        // the API reads bearer tokens only: a cookie never authenticates it, so no forged form can use it
        HttpResponse<String> api = client.get("/api/v1/executions");
        assertThat(api.statusCode()).isEqualTo(401);
    }

    @Test
    void aWrongPasswordIsRefusedOnThePageAndTheLoginThrottleStillCounts() {
        ConsoleClient client = new ConsoleClient(url);
        String user = "nobody-" + UUID.randomUUID().toString().substring(0, 6);
        HttpResponse<String> wrong = null;
        for (int i = 0; i < 6; i++) {
            wrong = client.login(user, "wrong-" + i);
            if (wrong.statusCode() == 429) {
                break;
            }
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(wrong.body()).contains("Wrong username or password.");
        }
        assertThat(wrong.statusCode()).isEqualTo(429);
        assertThat(wrong.headers().firstValue("Retry-After")).isPresent();
        assertThat(wrong.body()).contains("Too many failed sign-ins");
        assertThat(client.cookies).doesNotContainKeys("attune_access", "attune_refresh", "attune_session");
    }

    @Test
    void aSignInWithoutTheLoginFormsOwnTokenIsRefusedAndMakesNoSession() {
        Map<String, String> credentials = Map.of("username", OPERATOR, "password", PASSWORD);
        ConsoleClient forger = new ConsoleClient(url);
        assertThat(forger.post("/login", credentials, null).statusCode()).as("no cookie, no token").isEqualTo(403);

        ConsoleClient client = new ConsoleClient(url);
        HttpResponse<String> form = client.get("/login");
        assertThat(form.headers().allValues("Set-Cookie")).singleElement().satisfies(cookie -> assertThat(cookie)
                .startsWith("attune_login=").containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict"));
        String token = ConsoleClient.csrfToken(form.body());
        String othersToken = ConsoleClient.csrfToken(new ConsoleClient(url).get("/login").body());
        assertThat(client.post("/login", credentials, null).statusCode()).as("the cookie alone").isEqualTo(403);
        assertThat(client.post("/login", with(credentials, othersToken), null).statusCode()).as("another form's")
                .isEqualTo(403);
        assertThat(client.post("/login", with(credentials, token), "http://evil.example").statusCode())
                .as("from another site").isEqualTo(403);
        forger.cookies.put("attune_session", "chosen");
        assertThat(forger.post("/login", with(credentials, token), null).statusCode()).as("the token alone")
                .isEqualTo(403);
        assertThat(client.cookies).doesNotContainKeys("attune_access", "attune_refresh", "attune_session");
        assertThat(forger.cookies).doesNotContainKeys("attune_access", "attune_refresh");

        HttpResponse<String> login = client.post("/login", with(credentials, token), null);
        assertThat(login.statusCode()).isEqualTo(303);
        assertThat(client.cookies).containsKeys("attune_access", "attune_refresh", "attune_session");
    }

    private static Map<String, String> with(Map<String, String> form, String token) {
        Map<String, String> all = new java.util.HashMap<>(form);
        all.put("_csrf", token);
        return all;
    }

    @Test
    void aStateChangeWithoutTheSessionsCsrfTokenIsRefused() {
        ConsoleClient operator = ConsoleClient.signedIn(url, OPERATOR, PASSWORD);
        String token = ConsoleClient.csrfToken(operator.get("/actions/core.noop").body());
        ConsoleClient other = ConsoleClient.signedIn(url, OPERATOR, PASSWORD);
        String othersToken = ConsoleClient.csrfToken(other.get("/actions/core.noop").body());
        long before = total();

        assertThat(operator.post("/actions/core.noop/run", Map.of(), null).statusCode()).isEqualTo(403);
        assertThat(operator.post("/actions/core.noop/run", Map.of("_csrf", othersToken), null).statusCode()).isEqualTo(403);
        assertThat(operator.post("/actions/core.noop/run", Map.of("_csrf", token), "http://evil.example").statusCode())
                .isEqualTo(403);
        assertThat(total()).isEqualTo(before);

        HttpResponse<String> run = operator.post("/actions/core.noop/run", Map.of("_csrf", token), null);
        assertThat(run.statusCode()).as(run.body()).isEqualTo(303);
        assertThat(run.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).matches("/executions/\\d+"));
        assertThat(total()).isEqualTo(before + 1);
    }

    @Test
    void aViewerSeesNoRunButtonAndItsForcedPostsAreRefused() {
        ConsoleClient viewer = ConsoleClient.signedIn(url, VIEWER, PASSWORD);
        HttpResponse<String> form = viewer.get("/actions/core.local");
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).doesNotContain("id=\"run\"").contains("may look at this action but not run it");
        String token = ConsoleClient.csrfToken(form.body());
        long before = total();

        HttpResponse<String> withToken = viewer.post("/actions/core.local/run", Map.of("_csrf", token, "p.cmd", "id"), null);
        HttpResponse<String> withoutToken = viewer.post("/actions/core.local/run", Map.of("p.cmd", "id"), null);

        assertThat(withToken.statusCode()).isEqualTo(403);
        assertThat(withToken.body()).contains("Your role (viewer) does not allow this.");
        assertThat(withoutToken.statusCode()).isEqualTo(403);
        assertThat(total()).isEqualTo(before);
    }

    @Test
    void pagesCarryTheSecurityHeaders() {
        ConsoleClient client = ConsoleClient.signedIn(url, VIEWER, PASSWORD);
        for (String path : new String[] {"/login", "/", "/executions", "/actions"}) {
            HttpResponse<String> page = (path.equals("/login") ? new ConsoleClient(url) : client).get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
            assertThat(csp).as(path).contains("script-src 'self'").contains("frame-ancestors 'none'")
                    .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
            assertThat(page.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
            assertThat(page.headers().firstValue("Cache-Control")).as(path).hasValue("no-store");
            assertThat(page.body()).as(path).doesNotContainPattern("(?i)<script(?![^>]*\\bsrc=)")
                    .doesNotContainPattern("(?i)\\son[a-z]+=");
        }
    }

    @Test
    void logoutEndsTheSessionAndItsRefreshToken() {
        ConsoleClient client = ConsoleClient.signedIn(url, OPERATOR, PASSWORD);
        String token = ConsoleClient.csrfToken(client.get("/").body());
        Map<String, String> kept = Map.copyOf(client.cookies);

        HttpResponse<String> logout = client.post("/logout", Map.of("_csrf", token), null);

        assertThat(logout.statusCode()).isEqualTo(303);
        assertThat(client.cookies).doesNotContainKeys("attune_access", "attune_refresh", "attune_session");
        ConsoleClient replay = new ConsoleClient(url);
        replay.cookies.put("attune_refresh", kept.get("attune_refresh"));
        replay.cookies.put("attune_session", kept.get("attune_session"));
        assertThat(replay.get("/").statusCode()).isEqualTo(303);
    }

    @Test
    void aSignOutEndsTheSessionsOpenStreamAtOnce() throws Exception {
        ConsoleClient client = ConsoleClient.signedIn(url, OPERATOR, PASSWORD);
        String token = ConsoleClient.csrfToken(client.get("/executions").body());
        CompletableFuture<HttpResponse<String>> stream = client.openStream("/executions/stream");
        CompletableFuture<HttpResponse<String>> other = ConsoleClient.signedIn(url, OPERATOR, PASSWORD)
                .openStream("/executions/stream");
        Thread.sleep(1_000);
        assertThat(stream).as("open while signed in").isNotDone();

        long start = System.nanoTime();
        assertThat(client.post("/logout", Map.of("_csrf", token), null).statusCode()).isEqualTo(303);

        HttpResponse<String> ended = stream.get(5, TimeUnit.SECONDS);
        assertThat(ended.statusCode()).isEqualTo(200);
        assertThat(ended.body()).contains("connected");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(other).as("another session of the same user streams on").isNotDone();
        other.cancel(true);
    }

    @Test
    void aDeletedUsersOpenStreamEndsWithinSecondsThoughNoOneSignedOutHere() throws Exception {
        String user = "stream-h" + SUFFIX;
        Api.Response created = admin.post("/api/v1/users",
                Api.json(Map.of("username", user, "password", PASSWORD, "role", "viewer")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        ConsoleClient client = ConsoleClient.signedIn(url, user, PASSWORD);
        CompletableFuture<HttpResponse<String>> stream = client.openStream("/executions/stream");
        Thread.sleep(1_000);
        assertThat(stream).isNotDone();

        // not a sign-out of this instance's console: the store alone says the session ended (as for another instance)
        Api.Response deleted = admin.delete("/api/v1/users/" + user);
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);

        assertThat(stream.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(client.get("/").statusCode()).as("its pages too, though the access token is good").isEqualTo(303);
    }

    @Test
    void aSignOutAfterTheAccessCookieExpiredEndsTheRefreshedSessionToo() {
        ConsoleClient client = ConsoleClient.signedIn(url, OPERATOR, PASSWORD);
        String token = ConsoleClient.csrfToken(client.get("/").body());
        client.cookies.remove("attune_access");   // this request refreshes the session, then signs it out

        HttpResponse<String> logout = client.post("/logout", Map.of("_csrf", token), null);

        assertThat(logout.statusCode()).isEqualTo(303);
        assertThat(logout.headers().allValues("Set-Cookie")).hasSize(3)
                .allSatisfy(c -> assertThat(c).containsIgnoringCase("Max-Age=0"));
        assertThat(client.cookies).doesNotContainKeys("attune_access", "attune_refresh", "attune_session");
        assertThat(client.get("/").statusCode()).isEqualTo(303);
    }

    @Test
    void anExpiredAccessCookieIsReplacedThroughTheRefreshToken() {
        ConsoleClient client = ConsoleClient.signedIn(url, OPERATOR, PASSWORD);
        String refresh = client.cookies.get("attune_refresh");
        client.cookies.remove("attune_access");   // what the browser does when the cookie's max-age has passed

        HttpResponse<String> page = client.get("/executions");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(client.cookies).containsKey("attune_access");
        assertThat(client.cookies.get("attune_refresh")).as("refresh tokens are used once").isNotEqualTo(refresh);
        assertThat(client.get("/").statusCode()).isEqualTo(200);
    }

    @Test
    void changesMadeAndRefusedInTheConsoleAreInTheAuditTrail() throws InterruptedException {
        ConsoleClient operator = ConsoleClient.signedIn(url, OPERATOR, PASSWORD);
        String token = ConsoleClient.csrfToken(operator.get("/actions/core.noop").body());
        assertThat(operator.post("/actions/core.noop/run", Map.of("_csrf", token), null).statusCode()).isEqualTo(303);
        ConsoleClient viewer = ConsoleClient.signedIn(url, VIEWER, PASSWORD);
        assertThat(viewer.post("/actions/core.noop/run", Map.of(), null).statusCode()).isEqualTo(403);

        com.fasterxml.jackson.databind.JsonNode ran = auditEntry(OPERATOR, "execution.run");
        com.fasterxml.jackson.databind.JsonNode refused = auditEntry(VIEWER, "execution.run");

        assertThat(ran.path("outcome").asText()).isEqualTo("succeeded");
        assertThat(ran.path("details").path("via").asText()).isEqualTo("console");
        assertThat(ran.path("target").asText()).isEqualTo("/actions/core.noop/run");
        assertThat(refused.path("outcome").asText()).isEqualTo("denied");
        assertThat(auditEntry(OPERATOR, "auth.login").path("outcome").asText()).isEqualTo("succeeded");
    }

    /** The newest audit entry of this actor and action; entries are written in batches, so it may take a moment. */
    private static com.fasterxml.jackson.databind.JsonNode auditEntry(String actor, String action)
            throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            com.fasterxml.jackson.databind.JsonNode items = admin.get("/api/v1/audit?actor=" + actor + "&action="
                    + action).json().path("items");
            if (!items.isEmpty()) {
                return items.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no audit entry " + action + " by " + actor);
    }

    @Test
    void secretsNeverReachAPageAndHtmlInADescriptionIsText() throws Exception {
        String pack = "e2e_console_" + SUFFIX;
        Path root = Files.createTempDirectory("e2e-console").resolve(pack);
        Files.createDirectories(root.resolve("actions"));
        Files.writeString(root.resolve("pack.yaml"), "ref: " + pack + "\nversion: 1.0.0\ndescription: console\n");
        Files.writeString(root.resolve("actions/show.yaml"), """
                name: show
                description: "Shows <script>window.attunePwned=1</script> things"
                runner: shell
                entry_point: show.sh
                timeout: 20
                parameters:
                  who: {type: string, default: nobody}
                  token: {type: string, secret: true}
                """);
        Files.writeString(root.resolve("actions/show.sh"), "#!/bin/sh\necho \"hello $ATTUNE_PARAM_WHO\"\n");
        Api.Response installed = admin.post("/api/v1/packs/install", Api.json(Map.of("path", root.toString())));
        assertThat(installed.status()).as(installed.body()).isEqualTo(201);
        String secret = "console-secret-" + SUFFIX;
        ConsoleClient operator = ConsoleClient.signedIn(url, OPERATOR, PASSWORD);
        HttpResponse<String> form = operator.get("/actions/" + pack + ".show");
        assertThat(form.body()).contains("type=\"password\" id=\"param-token\"")
                .contains("Shows &lt;script&gt;window.attunePwned=1&lt;/script&gt; things").doesNotContain("<script>window");

        HttpResponse<String> run = operator.post("/actions/" + pack + ".show/run", Map.of("_csrf",
                ConsoleClient.csrfToken(form.body()), "p.who", "ada", "p.token", secret), null);
        assertThat(run.statusCode()).as(run.body()).isEqualTo(303);
        String execution = run.headers().firstValue("Location").orElseThrow();
        long id = Long.parseLong(execution.substring(execution.lastIndexOf('/') + 1));

        for (String page : new String[] {execution, execution + "/panel", "/actions/" + pack + ".show?from=" + id,
                "/executions", "/"}) {
            HttpResponse<String> shown = operator.get(page);
            assertThat(shown.statusCode()).as(page).isEqualTo(200);
            assertThat(shown.body()).as(page).doesNotContain(secret);
        }
        assertThat(operator.get(execution).body()).contains("\"token\" : \"********\"").contains("\"who\" : \"ada\"");
    }

    @Test
    void anOperatorCancelsAndRerunsFromTheExecutionPage() {
        long id = admin.post("/api/v1/executions", Api.json(Map.of("action", "core.local",
                "parameters", Map.of("cmd", "sleep 30")))).json().path("id").asLong();
        ConsoleClient operator = ConsoleClient.signedIn(url, OPERATOR, PASSWORD);
        String page = operator.get("/executions/" + id).body();
        assertThat(page).contains("id=\"cancel\"").doesNotContain("id=\"rerun\"");

        HttpResponse<String> cancel = operator.post("/executions/" + id + "/cancel",
                Map.of("_csrf", ConsoleClient.csrfToken(page)), null);
        assertThat(cancel.statusCode()).isEqualTo(303);
        assertThat(admin.get("/api/v1/executions/" + id).json().path("status").asText()).isIn("canceling", "canceled");

        HttpResponse<String> again = operator.post("/executions/" + id + "/cancel",
                Map.of("_csrf", ConsoleClient.csrfToken(page)), null);
        HttpResponse<String> rerun = operator.post("/executions/" + id + "/rerun",
                Map.of("_csrf", ConsoleClient.csrfToken(page)), null);
        assertThat(rerun.statusCode()).isEqualTo(303);
        long rerunId = Long.parseLong(rerun.headers().firstValue("Location").orElseThrow().replace("/executions/", ""));
        assertThat(rerunId).isGreaterThan(id);
        admin.post("/api/v1/executions/" + rerunId + "/cancel", "");
        if (again.statusCode() != 303) {
            // canceled at once: a second cancel is the API's 409, shown as the console's error page with its detail
            assertThat(again.statusCode()).isEqualTo(409);
            assertThat(again.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        }
    }

    @Test
    void theExecutionPageFollowsTheOutputWhileItRunsAsEscapedTextAndStopsPollingAtTheEnd() {
        long id = admin.post("/api/v1/executions", Api.json(Map.of("action", "core.local",
                "parameters", Map.of("cmd", "echo '<b>first</b> & co'; echo 'err <i>1</i>' >&2; sleep 2; echo second"))))
                .json().path("id").asLong();
        ConsoleClient viewer = ConsoleClient.signedIn(url, VIEWER, PASSWORD);
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(20);
        while (!admin.get("/api/v1/executions/" + id + "/output").body().contains("first")
                && java.time.Instant.now().isBefore(deadline)) {
            sleep(100);
        }

        String page = viewer.get("/executions/" + id).body();
        String follow = page.replaceAll("(?s).*id=\"stdout-live-([0-9a-z]+)\".*", "$1");
        assertThat(page).contains("hx-get=\"/executions/" + id + "/output?after=0&amp;follow=" + follow + "\"")
                .contains("hx-trigger=\"load, every 1s\"").contains("id=\"stderr-live-" + follow + "\"");
        HttpResponse<String> running = viewer.get("/executions/" + id + "/output?after=0&follow=" + follow);
        assertThat(running.statusCode()).isEqualTo(200);
        assertThat(running.body())
                .contains("<span hx-swap-oob=\"beforeend:#stdout-live-" + follow
                        + "\">&lt;b&gt;first&lt;/b&gt; &amp; co\n</span>")
                .contains("<span hx-swap-oob=\"beforeend:#stderr-live-" + follow + "\">err &lt;i&gt;1&lt;/i&gt;\n</span>")
                .doesNotContain("<b>").doesNotContain("second").contains("hx-trigger=\"every 1s\"")
                .contains("&amp;follow=" + follow + "\"");
        assertThat(viewer.get("/executions/" + id).body()).as("each rendering follows under its own name")
                .doesNotContain("id=\"stdout-live-" + follow + "\"");
        long next = Long.parseLong(running.body().replaceAll("(?s).*output\\?after=(\\d+).*", "$1"));
        assertThat(next).isPositive();

        HttpResponse<String> last = viewer.get("/executions/" + id + "/output?after=" + next + "&follow=" + follow);
        while (last.statusCode() != 286 && java.time.Instant.now().isBefore(deadline)) {
            sleep(200);
            last = viewer.get("/executions/" + id + "/output?after=" + next + "&follow=" + follow);
        }
        assertThat(last.statusCode()).as("htmx stops polling on 286").isEqualTo(286);
        assertThat(last.body()).contains(">second\n</span>").doesNotContain("first").doesNotContain("hx-trigger");
        assertThat(viewer.get("/executions/" + id).body()).doesNotContain("/output?after=")
                .contains("&lt;b&gt;first&lt;/b&gt; &amp; co\nsecond\n");
        assertThat(viewer.get("/executions/" + id + "/output?after=0").statusCode()).isEqualTo(286);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long total() {
        return admin.get("/api/v1/executions?limit=1").json().path("total").asLong();
    }
}
