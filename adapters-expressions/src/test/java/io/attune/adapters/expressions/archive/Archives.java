package io.attune.adapters.expressions.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Builds tar.gz and zip archives in memory for the upload tests, hostile ones included. */
public final class Archives {

    private final List<Entry> entries = new ArrayList<>();

    private enum Kind { FILE, DIRECTORY, SYMLINK, HARDLINK, FIFO }

    private record Entry(Kind kind, String name, byte[] content, String target, int mode) {
    }

    public static Archives of() {
        return new Archives();
    }

    /** A minimal valid pack at the archive's root, or under {@code folder/} when folder is not empty. */
    public static Archives pack(String folder, String ref) {
        String prefix = folder.isEmpty() ? "" : folder + "/";
        Archives archive = new Archives();
        if (!folder.isEmpty()) {
            archive.directory(prefix);
        }
        return archive.file(prefix + "pack.yaml", "ref: " + ref + "\nname: " + ref + "\nversion: 1.2.3\n")
                .file(prefix + "actions/greet.yaml", "ref: " + ref + ".greet\nrunner: shell\nentry_point: greet.sh\n")
                .executable(prefix + "actions/greet.sh", "#!/bin/sh\necho hello\n");
    }

    public Archives file(String name, String content) {
        return file(name, content.getBytes(StandardCharsets.UTF_8));
    }

    public Archives file(String name, byte[] content) {
        entries.add(new Entry(Kind.FILE, name, content, null, 0644));
        return this;
    }

    public Archives executable(String name, String content) {
        entries.add(new Entry(Kind.FILE, name, content.getBytes(StandardCharsets.UTF_8), null, 0755));
        return this;
    }

    public Archives directory(String name) {
        entries.add(new Entry(Kind.DIRECTORY, name.endsWith("/") ? name : name + "/", new byte[0], null, 0755));
        return this;
    }

    public Archives symlink(String name, String target) {
        entries.add(new Entry(Kind.SYMLINK, name, new byte[0], target, 0777));
        return this;
    }

    public Archives hardlink(String name, String target) {
        entries.add(new Entry(Kind.HARDLINK, name, new byte[0], target, 0644));
        return this;
    }

    /** A named pipe: a tar entry of type FIFO, a zip entry whose Unix mode says FIFO. */
    public Archives fifo(String name) {
        entries.add(new Entry(Kind.FIFO, name, new byte[0], null, 0644));
        return this;
    }

    public byte[] tarGz() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Entry entry : entries) {
                TarArchiveEntry tarEntry = switch (entry.kind()) {
                    case FILE, DIRECTORY -> new TarArchiveEntry(entry.name(), true);
                    case SYMLINK -> new TarArchiveEntry(entry.name(), TarArchiveEntry.LF_SYMLINK, true);
                    case HARDLINK -> new TarArchiveEntry(entry.name(), TarArchiveEntry.LF_LINK, true);
                    case FIFO -> new TarArchiveEntry(entry.name(), TarArchiveEntry.LF_FIFO, true);
                };
                tarEntry.setMode((entry.kind() == Kind.DIRECTORY ? 040000 : entry.kind() == Kind.FIFO ? 010000 : 0100000)
                        | entry.mode());
                if (entry.target() != null) {
                    tarEntry.setLinkName(entry.target());
                }
                tarEntry.setSize(entry.kind() == Kind.FILE ? entry.content().length : 0);
                tar.putArchiveEntry(tarEntry);
                if (entry.kind() == Kind.FILE) {
                    tar.write(entry.content());
                }
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public byte[] zip() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            for (Entry entry : entries) {
                ZipArchiveEntry zipEntry = new ZipArchiveEntry(entry.name());
                byte[] content = switch (entry.kind()) {
                    case FILE -> entry.content();
                    case DIRECTORY, FIFO -> new byte[0];
                    case SYMLINK -> entry.target().getBytes(StandardCharsets.UTF_8);
                    case HARDLINK -> throw new IllegalArgumentException("zip has no hard links");
                };
                zipEntry.setUnixMode((entry.kind() == Kind.SYMLINK ? 0120000 : entry.kind() == Kind.DIRECTORY ? 040000
                        : entry.kind() == Kind.FIFO ? 010000 : 0100000) | entry.mode());
                zip.putArchiveEntry(zipEntry);
                zip.write(content);
                zip.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
