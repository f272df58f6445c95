package io.attune.adapters.expressions.archive;

import io.attune.application.port.in.UseCaseException.InvalidArchive;
import io.attune.application.port.in.UseCaseException.TooLarge;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Extracts a {@code .tar.gz}/{@code .tgz} or {@code .zip} archive into an empty directory, refusing anything that
 * could write or point outside it: absolute names, names with {@code ..} that leave it, hard links to outside
 * entries, symbolic links that resolve outside it (checked on the real file system once every link exists), and
 * entries under a symbolic link; devices, pipes and other special files are refused too (they would become empty
 * files). Bounded in entries and in bytes written, whatever the headers claim. Links are
 * created after every file and directory, so no file is ever written through a link.
 */
final class ArchiveExtractor {

    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:");
    private static final int BUFFER = 64 * 1024;
    private static final int OWNER_EXECUTE = 0100;
    private static final int MAX_LINK_TARGET = 4096;
    /** The file type bits of a Unix mode, and the types a zip entry may have. */
    private static final int S_IFMT = 0170000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFLNK = 0120000;

    private final long maxExtractedBytes;
    private final int maxEntries;

    ArchiveExtractor(long maxExtractedBytes, int maxEntries) {
        this.maxExtractedBytes = maxExtractedBytes;
        this.maxEntries = maxEntries;
    }

    /** The kinds of archive an upload may be, told apart by their first bytes. */
    enum Format { TAR_GZ, ZIP }

    /**
     * Extracts {@code archive} into the existing empty directory {@code target}. Throws InvalidArchive naming the
     * offending entry, or TooLarge naming the exceeded limit; the caller removes {@code target} on failure.
     */
    void extract(Path archive, Path target) throws IOException {
        Extraction extraction = new Extraction(target.toRealPath());
        switch (format(archive)) {
            case TAR_GZ -> extraction.readTar(archive);
            case ZIP -> extraction.readZip(archive);
        }
        extraction.createLinks();
    }

    static Format format(Path archive) throws IOException {
        byte[] head = new byte[4];
        int read;
        try (InputStream in = Files.newInputStream(archive)) {
            read = in.readNBytes(head, 0, head.length);
        }
        if (read >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return Format.TAR_GZ;
        }
        if (read == 4 && head[0] == 'P' && head[1] == 'K' && (head[2] == 3 && head[3] == 4 || head[2] == 5 && head[3] == 6)) {
            return Format.ZIP;
        }
        throw InvalidArchive.of(null, "unknown archive type: upload a .tar.gz, .tgz or .zip file");
    }

    /** The state of one extraction: where it writes, what it has counted, the links it creates at the end. */
    private final class Extraction {
        private final Path root;
        private final List<Link> hardLinks = new ArrayList<>();
        private final List<Link> symbolicLinks = new ArrayList<>();
        private int entries;
        private long bytes;

        Extraction(Path root) {
            this.root = root;
        }

        void readTar(Path archive) throws IOException {
            try (InputStream file = new BufferedInputStream(Files.newInputStream(archive), BUFFER);
                 TarArchiveInputStream tar = new TarArchiveInputStream(gzip(file))) {
                TarArchiveEntry entry;
                while ((entry = nextTarEntry(tar)) != null) {
                    String name = entry.getName();
                    count(name);
                    if (entry.isSymbolicLink()) {
                        symbolicLinks.add(new Link(name, inside(name), entry.getLinkName()));
                    } else if (entry.isLink()) {
                        hardLinks.add(new Link(name, inside(name), entry.getLinkName()));
                    } else if (entry.isDirectory()) {
                        directories(name, inside(name));
                    } else if (entry.isFile() && !entry.isCharacterDevice() && !entry.isBlockDevice()
                            && !entry.isFIFO()) {
                        // isFile() is true of anything that is not a folder: devices and pipes are asked for first
                        writeFile(name, tar, entry.getMode());
                    } else {
                        throw special(name);
                    }
                }
            }
        }

        void readZip(Path archive) throws IOException {
            try (ZipFile zip = openZip(archive)) {
                Enumeration<ZipArchiveEntry> all = zip.getEntriesInPhysicalOrder();
                while (all.hasMoreElements()) {
                    ZipArchiveEntry entry = all.nextElement();
                    String name = entry.getName();
                    count(name);
                    if (!zip.canReadEntryData(entry)) {
                        throw InvalidArchive.of(name,
                                "uses encryption or a compression method that cannot be read");
                    }
                    int type = entry.getPlatform() == ZipArchiveEntry.PLATFORM_UNIX ? entry.getUnixMode() & S_IFMT : 0;
                    if (type != 0 && type != S_IFREG && type != S_IFDIR && type != S_IFLNK) {
                        throw special(name);
                    }
                    if (entry.isUnixSymlink()) {
                        symbolicLinks.add(new Link(name, inside(name), zipLinkTarget(zip, entry)));
                    } else if (entry.isDirectory()) {
                        directories(name, inside(name));
                    } else {
                        try (InputStream in = zip.getInputStream(entry)) {
                            writeFile(name, in, entry.getUnixMode());
                        }
                    }
                }
            }
        }

        /** Hard links become copies of the file they name; symbolic links are created, then resolved for real. */
        void createLinks() throws IOException {
            for (Link link : hardLinks) {
                Path source = linkTarget(link.entry(), root, link.target());
                if (!Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
                    throw InvalidArchive.of(link.entry(), "is a hard link to '" + link.target()
                            + "', which is not a file in the archive");
                }
                try (InputStream in = Files.newInputStream(source, LinkOption.NOFOLLOW_LINKS)) {
                    writeFile(link.entry(), in, 0);
                }
            }
            for (Link link : symbolicLinks) {
                for (Link other : symbolicLinks) {
                    if (other != link && link.path().startsWith(other.path()) && !link.path().equals(other.path())) {
                        throw InvalidArchive.of(link.entry(), "lies inside the symbolic link '"
                                + other.entry() + "'");
                    }
                }
                linkTarget(link.entry(), link.path().getParent(), link.target());
                directories(link.entry(), link.path().getParent());
                try {
                    Files.createSymbolicLink(link.path(), Path.of(link.target()));
                } catch (FileAlreadyExistsException e) {
                    throw InvalidArchive.of(link.entry(), "appears more than once in the archive");
                }
            }
            for (Link link : symbolicLinks) {
                Path real;
                try {
                    real = link.path().toRealPath();
                } catch (NoSuchFileException e) {
                    throw InvalidArchive.of(link.entry(), "is a symbolic link to '" + link.target()
                            + "', which is not in the archive");
                } catch (FileSystemException e) {
                    throw InvalidArchive.of(link.entry(), "is a symbolic link that cannot be resolved"
                            + " (a loop?)");
                }
                if (!real.startsWith(root)) {
                    throw InvalidArchive.of(link.entry(), "is a symbolic link to '" + link.target()
                            + "', which points outside the target directory");
                }
            }
        }

        /** Creates a folder and its parents; a file already in the way is the archive's fault. */
        private static void directories(String name, Path directory) throws IOException {
            try {
                Files.createDirectories(directory);
            } catch (FileAlreadyExistsException e) {
                throw InvalidArchive.of(name, "needs a folder where the archive already has a file");
            }
        }

        private void count(String name) {
            entries++;
            if (entries > maxEntries) {
                throw new TooLarge("archive", "the archive holds more than " + maxEntries + " entries");
            }
        }

        private void writeFile(String name, InputStream in, int mode) throws IOException {
            Path path = inside(name);
            if (path.equals(root)) {
                throw InvalidArchive.of(name, "is a file without a name");
            }
            directories(name, path.getParent());
            try (OutputStream out = Files.newOutputStream(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                byte[] buffer = new byte[BUFFER];
                int n;
                while ((n = read(name, in, buffer)) > 0) {
                    bytes += n;
                    if (bytes > maxExtractedBytes) {
                        throw new TooLarge("archive", "the archive expands to more than "
                                + CommonsCompressPackArchives.size(maxExtractedBytes));
                    }
                    out.write(buffer, 0, n);
                }
            } catch (FileAlreadyExistsException e) {
                throw InvalidArchive.of(name, "appears more than once in the archive");
            }
            if ((mode & OWNER_EXECUTE) != 0) {
                makeExecutable(path);
            }
        }

        /** Reads the next bytes of an entry; a failure to decompress is the archive's fault, not the server's. */
        private static int read(String name, InputStream in, byte[] buffer) {
            try {
                return in.read(buffer);
            } catch (IOException | IllegalArgumentException e) {
                throw InvalidArchive.of(name, "cannot be read: " + reason(e));
            }
        }

        /** The path of an entry, provided it stays inside the root; otherwise refused naming the entry. */
        private Path inside(String entry) {
            return inside(entry, root, entry, "");
        }

        /** Where a link entry's target is, resolved against {@code base}, provided it stays inside the root. */
        private Path linkTarget(String entry, Path base, String target) {
            return inside(entry, base, target, "links to '" + target + "', which ");
        }

        /**
         * {@code path} resolved against {@code base}, provided it stays inside the root; otherwise refused naming the
         * entry. Lexical only: entries are written before any link exists, and links are resolved for real later.
         */
        private Path inside(String entry, Path base, String path, String subject) {
            if (path == null || path.isEmpty()) {
                throw InvalidArchive.of(entry, subject.isEmpty() ? "has an empty name"
                        : "is a link without a target");
            }
            if (path.indexOf('\\') >= 0 || path.indexOf('\0') >= 0) {
                throw InvalidArchive.of(entry, subject + "contains '\\' or a NUL character");
            }
            if (path.startsWith("/") || DRIVE.matcher(path).find()) {
                throw InvalidArchive.of(entry, subject + "is an absolute path");
            }
            Path resolved = base.resolve(path).normalize();
            if (!resolved.startsWith(root)) {
                throw InvalidArchive.of(entry, subject + "escapes the target directory");
            }
            return resolved;
        }
    }

    /** The decompressed stream; a gzip header that is cut short or wrong is the archive's fault. */
    private static InputStream gzip(InputStream file) {
        try {
            return new GzipCompressorInputStream(file);
        } catch (IOException | IllegalArgumentException e) {
            throw InvalidArchive.of(null, "the archive cannot be read: " + reason(e));
        }
    }

    private static TarArchiveEntry nextTarEntry(TarArchiveInputStream tar) throws IOException {
        try {
            return tar.getNextEntry();
        } catch (IOException | IllegalArgumentException e) {
            throw InvalidArchive.of(null, "the .tar.gz archive cannot be read: " + reason(e));
        }
    }

    private static ZipFile openZip(Path archive) {
        try {
            return ZipFile.builder().setPath(archive).get();
        } catch (IOException | IllegalArgumentException e) {
            throw InvalidArchive.of(null, "the .zip archive cannot be read: " + reason(e));
        }
    }

    /** What is wrong, in words: the libraries throw an end-of-file without a message for a truncated archive. */
    private static String reason(Exception e) {
        if (e instanceof EOFException || e.getMessage() == null && e.getCause() instanceof EOFException) {
            return "it ends too early (a truncated or incomplete file)";
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? "it is damaged (" + e.getClass().getSimpleName() + ")" : message;
    }

    private static InvalidArchive special(String name) {
        return InvalidArchive.of(name,
                "is a device, pipe or other special file; only files, folders and links are allowed");
    }

    /** A zip symbolic link's target is the entry's content; read a bounded amount of it, never the whole. */
    private static String zipLinkTarget(ZipFile zip, ZipArchiveEntry entry) throws IOException {
        byte[] target;
        try (InputStream in = zip.getInputStream(entry)) {
            target = in.readNBytes(MAX_LINK_TARGET + 1);
        }
        if (target.length > MAX_LINK_TARGET) {
            throw InvalidArchive.of(entry.getName(), "is a symbolic link with a target longer than "
                    + MAX_LINK_TARGET + " bytes");
        }
        return new String(target, StandardCharsets.UTF_8);
    }

    private static void makeExecutable(Path path) throws IOException {
        if (Files.getFileStore(path).supportsFileAttributeView(java.nio.file.attribute.PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
        } else {
            path.toFile().setExecutable(true, true);
        }
    }

    /** A link entry: where it goes and what it names. */
    private record Link(String entry, Path path, String target) {
    }
}
