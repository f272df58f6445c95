package io.attune.bootstrap.console;

import static io.attune.bootstrap.api.ApiTesting.packFiles;
import static io.attune.bootstrap.api.ApiTesting.writeFiles;
import static io.attune.bootstrap.api.ApiTesting.zip;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.attune.bootstrap.support.Api;
import io.attune.bootstrap.support.TestApplication;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packs pages over plain HTTP: an admin installs from a server directory and from an uploaded archive and sees
 * the report (warnings included) or the refused pack's file and field, and uninstalls after the confirmation; a viewer
 * sees none of these forms and is refused; a post without the session's CSRF token, multipart ones included, is
 * refused and installs nothing.
 */
class ConsolePacksEndToEndTest {

    private static final String PASSWORD = "console-packs-password";
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    private static final String VIEWER = "viewer-k" + SUFFIX;
    private static String url;
    private static Api admin;

    @TempDir
    Path dir;

    @BeforeAll
    static void users() {
        url = TestApplication.shared().url();
        admin = new Api(url);
        ConsoleFixtures.user(admin, VIEWER, "viewer", PASSWORD);
    }

    @Test
    void anAdminInstallsFromADirectoryAndSeesTheReportWithItsWarnings() {
        String pack = "console_path_" + SUFFIX;
        Map<String, String> files = new HashMap<>(packFiles(pack));
        files.put("actions/hello.yaml", files.get("actions/hello.yaml") + "flavour: vanilla\n");
        Path root = writeFiles(dir.resolve(pack), files);
        ConsoleClient console = asAdmin();
        String token = ConsoleClient.csrfToken(console.get("/packs").body());

        HttpResponse<String> relative = console.post("/packs/install", Map.of("_csrf", token, "path", "packs/" + pack), null);
        assertThat(relative.statusCode()).isEqualTo(422);
        assertThat(relative.body()).contains("id=\"install-refused\"").contains("must be an absolute path")
                .contains("value=\"packs/" + pack + "\"");

        HttpResponse<String> installed = console.post("/packs/install", Map.of("_csrf", token, "path", root.toString()), null);
        assertThat(installed.statusCode()).as(installed.body()).isEqualTo(200);
        assertThat(installed.body()).contains("id=\"install-report\"").contains("href=\"/packs/" + pack + "\"")
                .contains("<dd id=\"report-actions\">1</dd>").contains("id=\"report-warnings\"")
                .contains("<code>actions/hello.yaml</code>: <code>flavour</code>")
                .contains("id=\"pack-" + pack + "\"");
        assertThat(admin.get("/api/v1/packs/" + pack).status()).isEqualTo(200);
        assertThat(ConsoleFixtures.auditEntry(admin, "admin", "pack.install", "/packs/install").path("outcome").asText())
                .isEqualTo("succeeded");
    }

    @Test
    void anAdminUploadsAnArchiveSeesAMalformedPacksFileAndFieldAndUninstalls() {
        String pack = "console_upload_" + SUFFIX;
        ConsoleClient console = asAdmin();
        String token = ConsoleClient.csrfToken(console.get("/packs").body());

        Map<String, String> bad = new HashMap<>(packFiles(pack));
        bad.put("actions/hello.yaml", "name: hello\nrunner: cobol\nentry_point: hello.sh\n");
        HttpResponse<String> refused = console.upload("/packs/upload?_csrf=" + token, "archive", "bad.zip", zip("", bad));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("id=\"install-refused\"")
                .contains("<code>actions/hello.yaml</code>: <code>runner</code>");
        assertThat(admin.get("/api/v1/packs/" + pack).status()).isEqualTo(404);

        HttpResponse<String> notAnArchive = console.upload("/packs/upload?_csrf=" + token, "archive", "notes.txt",
                "just text".getBytes());
        assertThat(notAnArchive.statusCode()).isEqualTo(400);
        assertThat(notAnArchive.body()).contains("id=\"install-refused\"").contains("unknown archive type");

        HttpResponse<String> uploaded = console.upload("/packs/upload?_csrf=" + token, "archive", "good.zip",
                zip(pack + "-1.0.0/", packFiles(pack)));
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
        assertThat(uploaded.body()).contains("id=\"install-report\"").contains("<dd id=\"report-actions\">1</dd>")
                .contains("<code>uploads/");
        assertThat(admin.get("/api/v1/packs/" + pack).status()).isEqualTo(200);

        HttpResponse<String> page = console.get("/packs/" + pack);
        assertThat(page.body()).contains("id=\"uninstall\"").contains("id=\"uninstall-" + pack + "\"");
        HttpResponse<String> uninstalled = console.post("/packs/" + pack + "/uninstall", Map.of("_csrf", token), null);
        assertThat(uninstalled.statusCode()).isEqualTo(303);
        assertThat(uninstalled.headers().firstValue("Location")).hasValue("/packs?uninstalled=" + pack);
        assertThat(admin.get("/api/v1/packs/" + pack).status()).isEqualTo(404);
        assertThat(console.get("/packs?uninstalled=" + pack).body()).contains("id=\"pack-uninstalled\"")
                .doesNotContain("id=\"pack-" + pack + "\"");
        assertThat(ConsoleFixtures.auditEntry(admin, "admin", "pack.uninstall", "/packs/" + pack + "/uninstall")
                .path("outcome").asText()).isEqualTo("succeeded");
    }

    @Test
    void aViewerSeesNoPackFormsAndItsForcedPostsAreRefused() {
        String pack = "console_viewer_" + SUFFIX;
        Path root = writeFiles(dir.resolve(pack), packFiles(pack));
        ConsoleClient viewer = ConsoleClient.signedIn(url, VIEWER, PASSWORD);
        HttpResponse<String> list = viewer.get("/packs");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("<h1>Packs</h1>").doesNotContain("id=\"install\"")
                .doesNotContain("action=\"/packs/install\"").doesNotContain("action=\"/packs/upload");
        assertThat(viewer.get("/packs/examples").body()).contains("Pack <code>examples</code>")
                .doesNotContain("id=\"uninstall");
        String token = ConsoleClient.csrfToken(list.body());

        assertThat(viewer.post("/packs/install", Map.of("_csrf", token, "path", root.toString()), null).statusCode())
                .isEqualTo(403);
        assertThat(viewer.upload("/packs/upload?_csrf=" + token, "archive", "p.zip", zip("", packFiles(pack)))
                .statusCode()).isEqualTo(403);
        assertThat(viewer.post("/packs/examples/uninstall", Map.of("_csrf", token), null).statusCode()).isEqualTo(403);
        assertThat(admin.get("/api/v1/packs/" + pack).status()).isEqualTo(404);
        assertThat(admin.get("/api/v1/packs/examples").status()).isEqualTo(200);
        assertThat(ConsoleFixtures.auditEntry(admin, VIEWER, "pack.uninstall", "/packs/examples/uninstall")
                .path("outcome").asText()).isEqualTo("denied");
    }

    @Test
    void aPostWithoutTheSessionsCsrfTokenIsRefusedAndInstallsNothing() {
        String pack = "console_csrf_" + SUFFIX;
        Path root = writeFiles(dir.resolve(pack), packFiles(pack));
        ConsoleClient console = asAdmin();
        String token = ConsoleClient.csrfToken(console.get("/packs").body());
        byte[] archive = zip("", packFiles(pack));

        assertThat(console.post("/packs/install", Map.of("path", root.toString()), null).statusCode()).isEqualTo(403);
        assertThat(console.upload("/packs/upload", "archive", "p.zip", archive).statusCode()).isEqualTo(403);
        assertThat(console.upload("/packs/upload?_csrf=" + token.substring(1), "archive", "p.zip", archive).statusCode())
                .isEqualTo(403);
        assertThat(console.post("/packs/examples/uninstall", Map.of(), null).statusCode()).isEqualTo(403);
        assertThat(admin.get("/api/v1/packs/" + pack).status()).isEqualTo(404);
        assertThat(admin.get("/api/v1/packs/examples").status()).isEqualTo(200);

        // the same upload with the token goes through: the refusals above were the token's
        assertThat(console.upload("/packs/upload?_csrf=" + token, "archive", "p.zip", archive).statusCode()).isEqualTo(200);
        assertThat(admin.get("/api/v1/packs/" + pack).status()).isEqualTo(200);
    }

    private static ConsoleClient asAdmin() {
        return ConsoleClient.signedIn(url, "admin", TestApplication.ADMIN_PASSWORD);
    }
}
