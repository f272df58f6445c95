package io.attune.adapters.expressions.archive;

import io.attune.application.port.in.FieldError;
import io.attune.application.port.in.UseCaseException;
import io.attune.application.port.out.PackArchives;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploaded pack archives on the local disk, read with Apache Commons Compress: each stored and extracted (safely,
 * within the configured limits) under {@code <attune.data-dir>/uploads/<uuid>/}, where its pack is found at the root or
 * in the single top-level folder.
 */
@Singleton
public final class CommonsCompressPackArchives implements PackArchives {

    private static final Logger LOG = LoggerFactory.getLogger(CommonsCompressPackArchives.class);
    private static final long MIB = 1024L * 1024L;
    private static final String PACK_FILE = "pack.yaml";

    private final Path dataDir;
    private final Path uploads;
    private final long maxUploadBytes;
    private final ArchiveExtractor extractor;

    CommonsCompressPackArchives(@Value("${attune.data-dir:}") String dataDir,
                @Value("${attune.packs.max-upload-bytes:52428800}") long maxUploadBytes,
                @Value("${attune.packs.max-extracted-bytes:209715200}") long maxExtractedBytes,
                @Value("${attune.packs.max-archive-entries:10000}") int maxEntries) {
        Path base = dataDir == null || dataDir.isBlank()
                ? Path.of(System.getProperty("user.home"), ".attune")
                : Path.of(dataDir);
        this.dataDir = base.toAbsolutePath().normalize();
        this.uploads = this.dataDir.resolve("uploads");
        this.maxUploadBytes = maxUploadBytes;
        this.extractor = new ArchiveExtractor(maxExtractedBytes, maxEntries);
    }

    @Override
    public Path unpack(InputStream content, long declaredSize) {
        if (declaredSize > maxUploadBytes) {
            throw tooLarge();
        }
        Path directory = uploads.resolve(UUID.randomUUID().toString());
        Path archive = uploads.resolve(directory.getFileName() + ".archive");
        try {
            Files.createDirectories(directory);
            save(content, archive);
            extractor.extract(archive, directory);
            return packDirectory(directory);
        } catch (IOException e) {
            delete(directory);
            throw new UncheckedIOException("could not store the uploaded archive under " + uploads, e);
        } catch (RuntimeException e) {
            delete(directory);
            throw e;
        } finally {
            deleteQuietly(archive);
        }
    }

    @Override
    public void discard(Path packDirectory) {
        Path path = packDirectory.toAbsolutePath().normalize();
        if (path.startsWith(uploads) && !path.equals(uploads)) {
            delete(uploads.resolve(uploads.relativize(path).getName(0)));
        }
    }

    @Override
    public String shown(Path packDirectory) {
        Path path = packDirectory.toAbsolutePath().normalize();
        return path.startsWith(dataDir) ? dataDir.relativize(path).toString() : packDirectory.toString();
    }

    /** Removes an upload's directory (links are removed, never followed). */
    private static void delete(Path directory) {
        if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(directory, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            LOG.warn("Could not remove the upload directory {}: {}", directory, e.toString());
        }
    }

    private void save(InputStream content, Path archive) throws IOException {
        try (InputStream in = content;
             OutputStream out = Files.newOutputStream(archive, StandardOpenOption.CREATE_NEW)) {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
                if (total > maxUploadBytes) {
                    throw tooLarge();
                }
                out.write(buffer, 0, n);
            }
        }
    }

    private static Path packDirectory(Path directory) throws IOException {
        if (Files.isRegularFile(directory.resolve(PACK_FILE))) {
            return directory;
        }
        List<Path> top;
        try (Stream<Path> children = Files.list(directory)) {
            top = children.filter(p -> !ignored(p.getFileName().toString())).toList();
        }
        if (top.size() == 1 && Files.isDirectory(top.get(0), LinkOption.NOFOLLOW_LINKS)
                && Files.isRegularFile(top.get(0).resolve(PACK_FILE))) {
            return top.get(0);
        }
        String message = "the archive holds no pack.yaml, neither at its root nor in a single top-level folder";
        throw new UseCaseException.PackRejected(message, List.of(FieldError.inFile(PACK_FILE, "archive", message)));
    }

    /** Entries archivers add beside the content (macOS resource forks, hidden files). */
    private static boolean ignored(String name) {
        return name.equals("__MACOSX") || name.startsWith(".");
    }

    private UseCaseException.TooLarge tooLarge() {
        return new UseCaseException.TooLarge("archive", "the archive is larger than the upload limit of " + size(maxUploadBytes));
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Could not remove the uploaded archive {}: {}", file, e.toString());
        }
    }

    /** A byte count as a person reads it: {@code 50 MiB} when whole, else the bytes. */
    static String size(long bytes) {
        return bytes % MIB == 0 ? bytes / MIB + " MiB" : bytes + " bytes";
    }
}
