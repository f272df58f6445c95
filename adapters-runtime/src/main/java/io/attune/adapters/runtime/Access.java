package io.attune.adapters.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * What another OS account may reach, judged from POSIX permission bits (owner, primary group, others) of the file
 * and every directory above it. Supplementary groups and ACLs are not consulted, so the answer errs towards "no".
 */
final class Access {

    private Access() {
    }

    /** Whether {@code account} can search (enter) the directory {@code directory} and every one above it. */
    static boolean searchable(String directory, ProcessUser.Account account) {
        try {
            Path path = Path.of(directory).toAbsolutePath().normalize();
            for (Path p = path; p != null; p = p.getParent()) {
                if (!allows(p, account, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
                        PosixFilePermission.OTHERS_EXECUTE)) {
                    return false;
                }
            }
            return true;
        } catch (InvalidPathException e) {
            return false;
        }
    }

    private static boolean allows(Path path, ProcessUser.Account account, PosixFilePermission owner,
                                  PosixFilePermission group, PosixFilePermission others) {
        try {
            PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class);
            Set<PosixFilePermission> permissions = attributes.permissions();
            long uid = ((Number) Files.getAttribute(path, "unix:uid")).longValue();
            long gid = ((Number) Files.getAttribute(path, "unix:gid")).longValue();
            if (uid == account.uid()) {
                return permissions.contains(owner);
            }
            if (gid == account.gid()) {
                return permissions.contains(group);
            }
            return permissions.contains(others);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException e) {
            return false;
        }
    }
}
