package io.attune.adapters.expressions.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attune.application.port.in.UseCaseException.InvalidArchive;
import io.attune.application.port.in.UseCaseException.TooLarge;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveExtractorTest {

    @TempDir
    Path temp;

    Path target;

    final ArchiveExtractor extractor = new ArchiveExtractor(1024 * 1024, 100);

    @BeforeEach
    void setUp() throws IOException {
        target = Files.createDirectory(temp.resolve("target"));
    }

    @Test
    void extractsFilesFoldersAndInsideLinks() throws IOException {
        extract(Archives.pack("p", "p").directory("p/empty").symlink("p/lib", "actions")
                .hardlink("p/actions/copy.sh", "p/actions/greet.sh").tarGz());

        assertThat(target.resolve("p/pack.yaml")).hasContent("ref: p\nname: p\nversion: 1.2.3");
        assertThat(target.resolve("p/empty")).isDirectory();
        assertThat(Files.isSymbolicLink(target.resolve("p/lib"))).isTrue();
        assertThat(target.resolve("p/lib/greet.sh")).hasContent("#!/bin/sh\necho hello");
        assertThat(Files.isSymbolicLink(target.resolve("p/actions/copy.sh"))).isFalse();
        assertThat(target.resolve("p/actions/copy.sh")).hasContent("#!/bin/sh\necho hello");
    }

    @Test
    void aPipeInATarIsRefusedInsteadOfBecomingAnEmptyFile() {
        assertRefused(() -> extract(Archives.of().file("pack.yaml", "x").fifo("actions/pipe").tarGz()), "actions/pipe",
                "special file");
    }

    @Test
    void aPipeInAZipIsRefusedInsteadOfBecomingAnEmptyFile() {
        assertRefused(() -> extract(Archives.of().file("pack.yaml", "x").fifo("actions/pipe").zip()), "actions/pipe",
                "special file");
    }

    @Test
    void aTruncatedArchiveSaysWhatIsWrong() {
        byte[] whole = Archives.pack("p", "p").tarGz();
        for (byte[] archive : List.of(new byte[] {0x1f, (byte) 0x8b}, Arrays.copyOf(whole, whole.length / 2))) {
            assertThatThrownBy(() -> extract(archive)).isInstanceOf(InvalidArchive.class)
                    .hasMessageContaining("cannot be read: ").hasMessageNotContaining("null");
        }
    }

    @Test
    void entriesThatClimbOutInsideTheTargetAreAllowedWhenTheyStayInside() throws IOException {
        extract(Archives.of().file("a/../b.txt", "b").tarGz());

        assertThat(target.resolve("b.txt")).hasContent("b");
    }

    @Test
    void aChainOfLinksThatOnlyEscapesOnTheRealFileSystemIsRefused() {
        // "y" is the target itself, so "y/.." is lexically inside but really the target's parent.
        byte[] archive = Archives.of().file("pack.yaml", "x").symlink("y", ".").symlink("x", "y/..").tarGz();

        assertRefused(() -> extract(archive), "x", "outside");
    }

    @Test
    void anEntryUnderASymbolicLinkIsRefused() {
        byte[] archive = Archives.of().symlink("up", "sub").symlink("up/evil", "whatever").directory("sub").tarGz();

        assertRefused(() -> extract(archive), "up/evil", "inside the symbolic link");
    }

    @Test
    void aFileWrittenWhereALinkWillBeIsADuplicate() {
        byte[] archive = Archives.of().file("same", "file").symlink("same", "other").tarGz();

        assertRefused(() -> extract(archive), "same", "more than once");
    }

    @Test
    void aLinkLoopIsRefused() {
        byte[] archive = Archives.of().symlink("a", "b").symlink("b", "a").tarGz();

        assertRefused(() -> extract(archive), "a", "cannot be resolved");
    }

    @Test
    void aDanglingLinkIsRefused() {
        assertRefused(() -> extract(Archives.of().symlink("a", "missing").zip()), "a", "not in the archive");
    }

    @Test
    void aHardLinkToAMissingFileIsRefused() {
        assertRefused(() -> extract(Archives.of().hardlink("a", "missing").tarGz()), "a", "not a file");
    }

    @Test
    void anEntryUnderAFileIsRefused() {
        assertRefused(() -> extract(Archives.of().file("a", "1").file("a/b", "2").tarGz()), "a/b", "already has a file");
        assertRefused(() -> extract(Archives.of().file("c", "1").directory("c").zip()), "c/", "already has a file");
    }

    @Test
    void aDuplicateFileIsRefused() {
        assertRefused(() -> extract(Archives.of().file("a", "1").file("a", "2").tarGz()), "a", "more than once");
    }

    @Test
    void aWindowsStyleOrDriveLetterNameIsRefused() {
        assertRefused(() -> extract(Archives.of().file("..\\evil", "x").tarGz()), "..\\evil", "'\\'");
        assertRefused(() -> extract(Archives.of().file("C:/evil", "x").zip()), "C:/evil", "absolute");
    }

    @Test
    void theExtractedSizeCountsBytesWrittenNotWhatHeadersClaim() {
        ArchiveExtractor small = new ArchiveExtractor(1000, 100);
        byte[] archive = Archives.of().file("a", new byte[600]).file("b", new byte[600]).zip();

        assertThatThrownBy(() -> small.extract(write(archive), target))
                .isInstanceOf(TooLarge.class);
    }

    @Test
    void theFormatIsToldByContentNotByName() throws IOException {
        assertThat(ArchiveExtractor.format(write(Archives.of().file("a", "1").zip()))).isEqualTo(ArchiveExtractor.Format.ZIP);
        assertThat(ArchiveExtractor.format(write(Archives.of().file("a", "1").tarGz())))
                .isEqualTo(ArchiveExtractor.Format.TAR_GZ);
        assertRefused(() -> ArchiveExtractor.format(write("plain text".getBytes())), null, "unknown archive type");
    }

    @Test
    void nothingIsWrittenOutsideTheTargetWhenAnArchiveIsRefused() throws IOException {
        byte[] archive = Archives.of().file("ok.txt", "ok").file("../outside.txt", "evil").tarGz();

        assertRefused(() -> extract(archive), "../outside.txt", "escapes");
        assertThat(temp.resolve("outside.txt")).doesNotExist();
        try (var left = Files.list(temp)) {
            assertThat(left.map(p -> p.getFileName().toString()).toList()).containsExactlyInAnyOrder("target", "archive");
        }
        assertThat(Files.exists(target.resolve("ok.txt"), LinkOption.NOFOLLOW_LINKS)).isTrue();
    }

    private void extract(byte[] archive) throws IOException {
        extractor.extract(write(archive), target);
    }

    private Path write(byte[] archive) throws IOException {
        return Files.write(temp.resolve("archive"), archive);
    }

    private static void assertRefused(ThrowingCallable call, String entry, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidArchive.class, e -> {
            assertThat(e.getMessage()).contains(message);
            assertThat(e.errors().get(0).file().orElse(null)).isEqualTo(entry);
        });
    }
}
