package io.attune.bootstrap.api;

import static io.attune.bootstrap.api.ApiTesting.assertProblem;
import static io.attune.bootstrap.api.ApiTesting.packFiles;
import static io.attune.bootstrap.api.ApiTesting.tarGz;
import static io.attune.bootstrap.api.ApiTesting.upload;
import static io.attune.bootstrap.api.ApiTesting.zip;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.attune.bootstrap.support.Api;
import io.attune.bootstrap.support.TestApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Pack archives uploaded through the API of a started Attune: extracted, read, stored, and served back. */
class PackUploadEndToEndTest {

    private static TestApplication app;
    private static Api api;

    @BeforeAll
    static void start() {
        app = TestApplication.shared();
        api = new Api(app.url());
    }

    @Test
    void anUploadedTarGzPackIsInstalledAndItsActionsAreServed() {
        Api.Response response = upload(api, app.url(), "archive", "e2e_upload_tgz.tar.gz",
                tarGz("e2e_upload_tgz-1.0.0/", packFiles("e2e_upload_tgz")));

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        JsonNode report = response.json();
        assertThat(report.path("pack").path("ref").asText()).isEqualTo("e2e_upload_tgz");
        assertThat(report.path("actions").asInt()).isEqualTo(1);
        String shown = report.path("pack").path("path").asText();
        assertThat(shown).startsWith("uploads/");
        Path installedAt = uploads().getParent().resolve(shown);
        assertThat(installedAt).startsWith(uploads());
        assertThat(installedAt.resolve("actions/hello.sh")).exists();

        JsonNode action = api.get("/api/v1/actions/e2e_upload_tgz.hello").json();
        assertThat(action.path("runner").asText()).isEqualTo("shell");
        assertThat(action.path("entry_point").asText()).isEqualTo("hello.sh");
        assertThat(action.path("timeout").asInt()).isEqualTo(20);
        assertThat(action.path("parameters").path("token").path("secret").asBoolean()).isTrue();
        assertThat(api.get("/api/v1/packs/e2e_upload_tgz").json().path("path").asText()).isEqualTo(shown);
    }

    @Test
    void anUploadedZipWithThePackAtItsRootIsInstalled() {
        Api.Response response = upload(api, app.url(), "archive", "pack.zip", zip("", packFiles("e2e_upload_zip")));

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(api.get("/api/v1/actions?pack=e2e_upload_zip").json().path("total").asLong()).isEqualTo(1);
    }

    @Test
    void anArchiveEntryEscapingTheTargetIsRefusedAndNothingIsInstalled() throws IOException {
        Map<String, String> files = new HashMap<>(packFiles("e2e_upload_evil"));
        files.put("../../escaped.sh", "#!/bin/sh\nrm -rf /\n");
        List<Path> before = uploadDirectories();

        JsonNode problem = assertProblem(upload(api, app.url(), "archive", "evil.tar.gz", tarGz("", files)), 400,
                "invalid-archive");

        assertThat(problem.path("errors").get(0).path("file").asText()).isEqualTo("../../escaped.sh");
        assertProblem(api.get("/api/v1/packs/e2e_upload_evil"), 404, "not-found");
        assertThat(uploadDirectories()).isEqualTo(before);
        assertThat(app.dataDir().getParent().resolve("escaped.sh")).doesNotExist();
    }

    @Test
    void aPackTheReaderRefusesIsA422NamingFileAndFieldAndItsUploadIsRemoved() throws IOException {
        Map<String, String> files = new HashMap<>(packFiles("e2e_upload_bad"));
        files.put("actions/hello.yaml", "name: hello\nrunner: cobol\nentry_point: hello.sh\n");
        List<Path> before = uploadDirectories();

        JsonNode problem = assertProblem(upload(api, app.url(), "archive", "bad.zip", zip("", files)), 422,
                "invalid-pack");

        assertThat(problem.path("errors").get(0).path("file").asText()).isEqualTo("actions/hello.yaml");
        assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("runner");
        assertProblem(api.get("/api/v1/packs/e2e_upload_bad"), 404, "not-found");
        assertThat(uploadDirectories()).isEqualTo(before);
    }

    @Test
    void anArchiveLargerThanMicronautsDefaultMultipartLimitIsAccepted() {
        Map<String, String> files = new HashMap<>(packFiles("e2e_upload_big"));
        Random random = new Random(42);
        StringBuilder data = new StringBuilder();
        while (data.length() < 3 * 1024 * 1024) {
            data.append(Long.toString(random.nextLong(), 36));
        }
        files.put("data/blob.txt", data.toString());
        byte[] archive = zip("", files);
        assertThat(archive.length).isGreaterThan(1024 * 1024);

        Api.Response response = upload(api, app.url(), "archive", "big.zip", archive);

        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    @Test
    void somethingThatIsNotAnArchiveIsA400() {
        assertProblem(upload(api, app.url(), "archive", "notes.txt", "just text".getBytes()), 400, "invalid-archive");
    }

    @Test
    void anUploadedPackCanBeUninstalled() {
        assertThat(upload(api, app.url(), "archive", "p.zip", zip("", packFiles("e2e_upload_gone"))).status())
                .isEqualTo(201);

        assertThat(api.delete("/api/v1/packs/e2e_upload_gone").status()).isEqualTo(204);

        assertProblem(api.get("/api/v1/packs/e2e_upload_gone"), 404, "not-found");
        assertProblem(api.get("/api/v1/actions/e2e_upload_gone.hello"), 404, "not-found");
        assertProblem(api.delete("/api/v1/packs/e2e_upload_gone"), 404, "not-found");
    }

    private static Path uploads() {
        try {
            return app.dataDir().toRealPath().resolve("uploads");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<Path> uploadDirectories() throws IOException {
        if (!Files.isDirectory(uploads())) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(uploads())) {
            return entries.sorted().toList();
        }
    }
}
