package io.attune.bootstrap.secrets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Supplier;

/** A small secret file of the data directory (a key, a signing secret), made once with permissions 0600. */
public final class OwnerOnlyFile {

    /** The file's text, trimmed, and whether it was made just now. */
    public record Text(String text, boolean created) {
    }

    private OwnerOnlyFile() {
    }

    /**
     * The text of {@code file}; when it does not exist, it is created owner-only (where the file system has POSIX
     * permissions) and written with {@code generate}'s text. A process that loses the race to create it reads the
     * winner's.
     */
    public static Text readOrCreate(Path file, Supplier<String> generate) throws IOException {
        if (Files.exists(file)) {
            return new Text(read(file), false);
        }
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        String text = generate.get();
        try {
            if (Files.getFileStore(directory).supportsFileAttributeView("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException raced) {
            return new Text(read(file), false);
        }
        Files.writeString(file, text + "\n", StandardCharsets.US_ASCII);
        return new Text(text, true);
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.US_ASCII).trim();
    }
}
