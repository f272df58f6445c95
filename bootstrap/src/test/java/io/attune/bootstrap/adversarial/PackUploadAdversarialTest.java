package io.attune.bootstrap.adversarial;

import static io.attune.bootstrap.adversarial.IntakeTesting.children;
import static io.attune.bootstrap.adversarial.IntakeTesting.packEntries;
import static io.attune.bootstrap.adversarial.IntakeTesting.upload;
import static io.attune.bootstrap.api.ApiTesting.assertProblem;
import static io.attune.bootstrap.api.ApiTesting.tarGz;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.attune.bootstrap.api.ApiTesting.TarEntry;
import io.attune.bootstrap.support.Api;
import io.attune.bootstrap.support.TestApplication;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Pack uploads under attack: broken and truncated archives, device and FIFO entries, re-uploads and uninstalls
 * that must not pile up copies on disk, and the server's paths kept from viewers.
 */
@Tag("adversarial")
class PackUploadAdversarialTest {

    private static TestApplication app;
    private static Api admin;

    @BeforeAll
    static void start() {
        app = TestApplication.shared();
        admin = new Api(app.url());
    }

    private static Path uploads() {
        try {
            return app.dataDir().toRealPath().resolve("uploads");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aGzipHeaderAloneOrATruncatedArchiveIsA400SayingWhatIsWrong() {
        List<Path> before = children(uploads());
        byte[] whole = tarGz(packEntries("adv_truncated", "1.0.0"));

        for (byte[] archive : List.of(new byte[] {0x1f, (byte) 0x8b}, Arrays.copyOf(whole, whole.length / 2),
                Arrays.copyOf(whole, 30))) {
            JsonNode problem = assertProblem(upload(admin, app.url(), archive), 400, "invalid-archive");
            assertThat(problem.path("detail").asText()).contains("cannot be read: ").doesNotContain("null");
        }

        assertThat(children(uploads())).isEqualTo(before);
        assertThat(admin.get("/api/v1/packs/adv_truncated").status()).isEqualTo(404);
    }

    @Test
    void deviceAndFifoEntriesAreRefusedNamingTheEntry() {
        List<Path> before = children(uploads());
        for (char type : new char[] {'3', '4', '6'}) {
            List<TarEntry> entries = new ArrayList<>(packEntries("adv_special", "1.0.0"));
            entries.add(new TarEntry("actions/special", type, 0600, ""));

            JsonNode problem = assertProblem(upload(admin, app.url(), tarGz(entries)), 400, "invalid-archive");

            assertThat(problem.path("errors").get(0).path("file").asText()).as("type " + type)
                    .isEqualTo("actions/special");
        }
        assertThat(children(uploads())).isEqualTo(before);
        assertThat(admin.get("/api/v1/packs/adv_special").status()).isEqualTo(404);
    }

    @Test
    void onlyTheInstalledVersionsFilesStayOnDisk() {
        List<Path> before = children(uploads());

        Api.Response first = upload(admin, app.url(), tarGz(packEntries("adv_cleanup", "1.0.0")));
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(children(uploads())).hasSize(before.size() + 1);
        Path firstCopy = app.dataDir().resolve(first.json().path("pack").path("path").asText());

        Api.Response second = upload(admin, app.url(), tarGz(packEntries("adv_cleanup", "1.1.0")));
        assertThat(second.status()).as(second.body()).isEqualTo(201);
        Path secondCopy = app.dataDir().resolve(second.json().path("pack").path("path").asText());
        assertThat(children(uploads())).hasSize(before.size() + 1);
        assertThat(firstCopy).doesNotExist();
        assertThat(secondCopy.resolve("actions/hello.sh")).exists();

        List<TarEntry> broken = new ArrayList<>(packEntries("adv_cleanup", "1.2.0"));
        broken.set(1, new TarEntry("actions/hello.yaml", '0', 0644, "name: hello\nrunner: cobol\n"));
        assertProblem(upload(admin, app.url(), tarGz(broken)), 422, "invalid-pack");
        assertThat(children(uploads())).hasSize(before.size() + 1);
        assertThat(secondCopy.resolve("actions/hello.sh")).exists();
        assertThat(admin.get("/api/v1/packs/adv_cleanup").json().path("version").asText()).isEqualTo("1.1.0");

        assertThat(admin.delete("/api/v1/packs/adv_cleanup").status()).isEqualTo(204);
        assertThat(children(uploads())).isEqualTo(before);
        assertThat(secondCopy).doesNotExist();
    }

    @Test
    void packPathsAreShownOnlyToAdminsAndRelativeToTheDataDirectory() {
        Api.Response uploaded = upload(admin, app.url(), tarGz(packEntries("adv_paths", "1.0.0")));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        Api viewer = IntakeTesting.user(admin, "viewer");
        Api operator = IntakeTesting.user(admin, "operator");
        String dataDir = app.dataDir().toString();

        String path = admin.get("/api/v1/packs/adv_paths").json().path("path").asText();
        assertThat(path).startsWith("uploads/").doesNotStartWith("/");
        assertThat(app.dataDir().resolve(path).resolve("pack.yaml")).exists();
        // the core pack was installed by the first application of this JVM (they share one database): its path is
        // relative only when that was this application's data directory
        assertThat(admin.get("/api/v1/packs/core").json().path("path").asText()).endsWith("packs/core")
                .doesNotStartWith(dataDir);
        for (Api reader : List.of(viewer, operator)) {
            Api.Response one = reader.get("/api/v1/packs/adv_paths");
            Api.Response all = reader.get("/api/v1/packs?limit=1000");
            assertThat(one.status()).isEqualTo(200);
            assertThat(all.status()).isEqualTo(200);
            assertThat(one.json().path("path").isNull()).isTrue();
            assertThat(one.body()).doesNotContain(dataDir, "uploads/");
            assertThat(all.body()).doesNotContain(dataDir, "uploads/", "packs/core");
        }
        assertThat(admin.get("/api/v1/packs?limit=1000").body()).doesNotContain(dataDir);
    }
}
