package io.attune.adapters.http;

import static io.attune.adapters.http.ProblemAssert.assertProblem;
import static io.attune.adapters.http.ProblemAssert.fields;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.attune.adapters.http.fake.FakeCatalog;
import io.attune.adapters.expressions.archive.Archives;
import io.attune.adapters.http.fake.FakePackInstallation;
import io.attune.adapters.http.fake.FakePackInstallation.Installed;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Comparator;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PackApiTest implements TestPropertyProvider {

    private final Path dataDir = createTempDirectory();

    @Inject
    EmbeddedServer server;

    @Inject
    FakeCatalog catalog;

    @Inject
    FakePackInstallation installation;

    Http http;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("attune.data-dir", dataDir.toString());
    }

    @BeforeEach
    void setUp() throws IOException {
        catalog.reset();
        installation.reset();
        deleteTree(dataDir.resolve("uploads"));
        http = new Http(server.getURL());
    }

    @AfterAll
    void removeDataDir() throws IOException {
        deleteTree(dataDir);
    }

    @Test
    void aTarGzWithThePackAtItsRootIsExtractedAndInstalled() throws IOException {
        Http.Reply reply = upload("mypack.tar.gz", Archives.pack("", "mypack").tarGz());

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        assertThat(reply.location()).endsWith("/api/v1/packs/mypack");
        JsonNode report = reply.json();
        assertThat(report.path("pack").path("ref").asText()).isEqualTo("mypack");
        assertThat(report.path("pack").path("version").asText()).isEqualTo("1.2.3");
        assertThat(report.path("actions").asInt()).isEqualTo(1);
        assertThat(report.path("retired").isArray()).isTrue();

        Installed installed = installation.installs().get(0);
        assertThat(installed.files()).containsKeys("pack.yaml", "actions/greet.yaml", "actions/greet.sh");
        assertThat(installed.directory().getParent()).isEqualTo(uploads());
        assertThat(Files.isRegularFile(installed.directory().resolve("pack.yaml"))).isTrue();
        assertThat(Files.getPosixFilePermissions(installed.directory().resolve("actions/greet.sh")))
                .contains(PosixFilePermission.OWNER_EXECUTE);
        assertThat(report.path("pack").path("path").asText())
                .isEqualTo(uploads().getParent().relativize(installed.directory()).toString());
        assertThat(Files.list(uploads()).toList()).containsExactly(installed.directory());
    }

    @Test
    void aZipWithThePackInASingleTopLevelFolderIsInstalledFromThatFolder() {
        Http.Reply reply = upload("mypack.zip", Archives.pack("mypack-1.2.3", "mypack")
                .file("__MACOSX/._pack.yaml", "resource fork").zip());

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        Installed installed = installation.installs().get(0);
        assertThat(installed.directory().getFileName().toString()).isEqualTo("mypack-1.2.3");
        assertThat(installed.directory().getParent().getParent()).isEqualTo(uploads());
        assertThat(installed.files()).containsKeys("pack.yaml", "actions/greet.sh");
        assertThat(installed.files().get("pack.yaml")).contains("ref: mypack");
    }

    @Test
    void aTgzWithAnInsideSymbolicLinkIsAccepted() {
        Http.Reply reply = upload("mypack.tgz", Archives.pack("mypack", "mypack")
                .symlink("mypack/actions/hello.sh", "greet.sh").tarGz());

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        assertThat(installation.installs().get(0).files()).containsEntry("actions/hello.sh", "#!/bin/sh\necho hello\n");
    }

    @Test
    void aTarEntryClimbingOutWithDotDotIsRefusedNamingTheEntry() {
        Http.Reply reply = upload("evil.tar.gz", Archives.pack("", "mypack").file("../evil.sh", "rm -rf /").tarGz());

        JsonNode problem = assertProblem(reply, 400, "invalid-archive");
        assertThat(problem.path("detail").asText()).contains("../evil.sh", "escapes");
        assertThat(problem.path("errors").get(0).path("file").asText()).isEqualTo("../evil.sh");
        assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("archive");
        assertNothingInstalledNorLeftBehind();
        assertThat(dataDir.resolve("evil.sh")).doesNotExist();
    }

    @Test
    void aZipEntryClimbingOutIsRefused() {
        JsonNode problem = assertProblem(upload("evil.zip",
                Archives.pack("p", "mypack").file("p/../../../evil.sh", "x").zip()), 400, "invalid-archive");

        assertThat(problem.path("errors").get(0).path("file").asText()).isEqualTo("p/../../../evil.sh");
        assertNothingInstalledNorLeftBehind();
    }

    @Test
    void anAbsoluteEntryIsRefused() {
        JsonNode problem = assertProblem(upload("evil.tar.gz",
                Archives.pack("", "mypack").file("/tmp/attune-evil.sh", "x").tarGz()), 400, "invalid-archive");

        assertThat(problem.path("detail").asText()).contains("/tmp/attune-evil.sh", "absolute");
        assertNothingInstalledNorLeftBehind();
    }

    @Test
    void aSymbolicLinkPointingOutsideIsRefusedNamingTheEntry() {
        JsonNode absolute = assertProblem(upload("evil.tar.gz",
                Archives.pack("", "mypack").symlink("actions/passwd", "/etc/passwd").tarGz()), 400, "invalid-archive");
        JsonNode relative = assertProblem(upload("evil.zip",
                Archives.pack("", "mypack").symlink("actions/up", "../../..").zip()), 400, "invalid-archive");

        assertThat(absolute.path("errors").get(0).path("file").asText()).isEqualTo("actions/passwd");
        assertThat(relative.path("errors").get(0).path("file").asText()).isEqualTo("actions/up");
        assertNothingInstalledNorLeftBehind();
    }

    @Test
    void aHardLinkToOutsideIsRefused() {
        JsonNode problem = assertProblem(upload("evil.tar.gz",
                Archives.pack("", "mypack").hardlink("actions/shadow", "../../../etc/shadow").tarGz()),
                400, "invalid-archive");

        assertThat(problem.path("errors").get(0).path("file").asText()).isEqualTo("actions/shadow");
        assertNothingInstalledNorLeftBehind();
    }

    @Test
    void anArchiveOverTheUploadLimitIsA413() {
        byte[] noise = new byte[100 * 1024];
        new Random(7).nextBytes(noise);

        JsonNode problem = assertProblem(upload("big.tar.gz", Archives.pack("", "mypack").file("blob", noise).tarGz()),
                413, "payload-too-large");

        assertThat(problem.path("detail").asText()).contains("65536 bytes");
        assertNothingInstalledNorLeftBehind();
    }

    @Test
    void aFileOverTheServersMultipartLimitIsA413Problem() {
        byte[] noise = new byte[400 * 1024];
        new Random(11).nextBytes(noise);

        assertProblem(upload("huge.tar.gz", noise), 413, "payload-too-large");
        assertNothingInstalledNorLeftBehind();
    }

    @Test
    void aRequestOverTheServersRequestSizeLimitIsA413Problem() {
        byte[] noise = new byte[600 * 1024];
        new Random(13).nextBytes(noise);

        Http.Reply reply = uploadRefusedEarly("huge.tar.gz", noise);

        assertProblem(reply, 413, "payload-too-large");
        assertNothingInstalledNorLeftBehind();
        assertThat(http.get("/api/v1/packs").status()).as("the next request on a fresh connection").isEqualTo(200);
    }

    @Test
    void anArchiveThatExpandsBeyondTheLimitIsRefused() {
        byte[] zeros = new byte[2 * 1024 * 1024];

        Http.Reply reply = upload("bomb.zip", Archives.pack("", "mypack").file("zeros", zeros).zip());

        JsonNode problem = assertProblem(reply, 413, "payload-too-large");
        assertThat(problem.path("detail").asText()).contains("expands to more than 1 MiB");
        assertNothingInstalledNorLeftBehind();
    }

    @Test
    void anArchiveWithTooManyEntriesIsRefused() {
        Archives archive = Archives.pack("", "mypack");
        for (int i = 0; i < 250; i++) {
            archive.file("files/f" + i, "");
        }

        JsonNode problem = assertProblem(upload("many.tar.gz", archive.tarGz()), 413, "payload-too-large");

        assertThat(problem.path("detail").asText()).contains("200 entries");
        assertNothingInstalledNorLeftBehind();
    }

    @Test
    void anUnknownArchiveTypeIsA400() {
        JsonNode problem = assertProblem(upload("pack.rar", "Rar!\u001a\u0007 not really".getBytes()), 400,
                "invalid-archive");

        assertThat(problem.path("detail").asText()).contains(".tar.gz", ".zip");
        assertNothingInstalledNorLeftBehind();
    }

    @Test
    void aCorruptGzipIsA400() {
        byte[] archive = Archives.pack("", "mypack").tarGz();
        byte[] truncated = java.util.Arrays.copyOf(archive, archive.length / 2);

        assertProblem(upload("broken.tar.gz", truncated), 400, "invalid-archive");
        assertNothingInstalledNorLeftBehind();
    }

    @Test
    void anArchiveWithoutPackYamlIsA422() {
        JsonNode problem = assertProblem(upload("empty.zip", Archives.of().file("a/readme.md", "hi")
                .file("b/readme.md", "hi").zip()), 422, "invalid-pack");

        assertThat(problem.path("errors").get(0).path("file").asText()).isEqualTo("pack.yaml");
        assertNothingInstalledNorLeftBehind();
    }

    @Test
    void aPackTheInstallationRejectsIsA422WithFileAndFieldAndLeavesNothingBehind() {
        Http.Reply reply = upload("bad.tar.gz", Archives.of().file("pack.yaml", "ref: bad\nreject: true\n").tarGz());

        JsonNode problem = assertProblem(reply, 422, "invalid-pack");
        JsonNode error = problem.path("errors").get(0);
        assertThat(error.path("file").asText()).isEqualTo("actions/greet.yaml");
        assertThat(error.path("field").asText()).isEqualTo("runner");
        assertThat(error.path("message").asText()).contains("cobol");
        assertThat(installation.installs()).hasSize(1);
        assertThat(uploadsLeft()).isEmpty();
    }

    @Test
    void anUploadWithoutTheArchiveFieldIsA400NamingIt() {
        Http.Reply reply = http.upload("/api/v1/packs/upload", "file", "mypack.tar.gz",
                Archives.pack("", "mypack").tarGz());

        JsonNode problem = assertProblem(reply, 400, "bad-request");
        assertThat(fields(problem)).containsExactly("archive");
    }

    @Test
    void anUploadThatIsNotMultipartIsA415() {
        assertProblem(http.post("/api/v1/packs/upload", "{\"archive\": \"x\"}"), 415, "unsupported-media-type");
    }

    @Test
    void installingFromADirectoryAnswers201WithTheReport() throws IOException {
        Path directory = Files.createDirectories(dataDir.resolve("packs/local"));
        Files.writeString(directory.resolve("pack.yaml"), "ref: local\nversion: 2.0.0\n");

        Http.Reply reply = http.post("/api/v1/packs/install", "{\"path\": \"" + directory + "\"}");

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        assertThat(reply.location()).endsWith("/api/v1/packs/local");
        assertThat(reply.json().path("pack").path("version").asText()).isEqualTo("2.0.0");
        assertThat(installation.installs().get(0).directory()).isEqualTo(directory);
    }

    @Test
    void installingFromABadPathIsA422NamingIt() {
        assertThat(fields(assertProblem(http.post("/api/v1/packs/install", "{\"path\": \"relative/dir\"}"), 422,
                "invalid-input"))).containsExactly("path");
        assertThat(fields(assertProblem(http.post("/api/v1/packs/install", "{\"path\": \"/no/such/dir\"}"), 422,
                "invalid-input"))).containsExactly("path");
        assertThat(fields(assertProblem(http.post("/api/v1/packs/install", "{}"), 422, "invalid-input")))
                .containsExactly("path");
        assertThat(fields(assertProblem(http.post("/api/v1/packs/install", "{\"path\": 5, \"dir\": 1}"), 400,
                "malformed-body"))).containsExactly("path");
        assertThat(fields(assertProblem(http.post("/api/v1/packs/install", "{\"path\": \"/\", \"dir\": 1}"), 400,
                "malformed-body"))).containsExactly("dir");
        assertThat(installation.installs()).isEmpty();
    }

    @Test
    void uninstallingAnswers204AndAnUnknownPackIs404() {
        assertThat(http.delete("/api/v1/packs/demo").status()).isEqualTo(204);
        assertProblem(http.delete("/api/v1/packs/demo"), 404, "not-found");
        assertProblem(http.get("/api/v1/packs/demo"), 404, "not-found");
    }

    private Http.Reply upload(String filename, byte[] archive) {
        return http.upload("/api/v1/packs/upload", "archive", filename, archive);
    }

    /**
     * An upload the server answers before it has read the body: it may close the connection while the client still
     * writes, and the client then sees the write fail instead of the answer (HTTP allows both). Tried again up to
     * three times, on a new connection each, until the client gets to read the answer.
     */
    private Http.Reply uploadRefusedEarly(String filename, byte[] archive) {
        java.io.UncheckedIOException lastFailure = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return upload(filename, archive);
            } catch (java.io.UncheckedIOException e) {
                lastFailure = e;
            }
        }
        throw lastFailure;
    }

    private void assertNothingInstalledNorLeftBehind() {
        assertThat(installation.installs()).isEmpty();
        assertThat(uploadsLeft()).isEmpty();
    }

    private java.util.List<Path> uploadsLeft() {
        if (!Files.exists(uploads())) {
            return java.util.List.of();
        }
        try (Stream<Path> left = Files.list(uploads())) {
            return left.toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Path uploads() {
        try {
            return dataDir.toRealPath().resolve("uploads");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Path createTempDirectory() {
        try {
            return Files.createTempDirectory("attune-http-test");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
