package io.attune.bootstrap.infra;

import io.attune.adapters.runtime.ActionAccounts;
import io.attune.adapters.runtime.ProcessUser;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who actions and sensors run as, decided once at startup and said in the log: as root, the dedicated unprivileged
 * {@code ATTUNE_ACTION_USER} (created when missing; nothing runs when it cannot be had, rather than run as root);
 * otherwise the server's own user, with a warning of what that means. Either way the data directory is closed to
 * other users: {@code rwx--x--x} (entered, never listed), its files {@code rw-------} (jwt.secret, encryption.key,
 * the database log), its directories {@code rwx------} (the embedded PostgreSQL and broker), except {@code packs}
 * and {@code uploads}, which actions must read.
 */
public final class ActionIsolation {

    private static final Logger LOG = LoggerFactory.getLogger(ActionIsolation.class);
    /** Folders of the data directory that hold pack files, which actions run from. */
    static final List<String> READABLE = List.of("packs", "uploads");

    private final ProcessUser user;

    private ActionIsolation(ProcessUser user) {
        this.user = user;
    }

    public static ActionIsolation start(String configuredUser, Path dataDir) {
        ProcessUser user = ActionAccounts.serverIsRoot()
                ? ActionAccounts.forRootServer(configuredUser)
                : new ProcessUser.Server();
        switch (user) {
            case ProcessUser.Account account -> LOG.info("Actions and sensors run as the OS user '{}' (uid {}),"
                    + " with an allow-listed environment", account.name(), account.uid());
            case ProcessUser.Server server when ActionAccounts.serverIsRoot() -> LOG.warn("ATTUNE_ACTION_USER=root:"
                    + " actions and sensors run as root, and can read and change everything this server can, its"
                    + " secrets included");
            case ProcessUser.Server server -> LOG.warn("Attune does not run as root, so actions and sensors run as"
                    + " its own OS user ({}): they can read whatever it can, the data directory's jwt.secret and"
                    + " encryption.key included (with which an operator could make an admin token). Run Attune as"
                    + " root to have them run as the unprivileged ATTUNE_ACTION_USER (default {}), or keep the"
                    + " secrets out of reach (ATTUNE_JWT_SECRET and ATTUNE_ENCRYPTION_KEY are never passed to actions)",
                    System.getProperty("user.name"), ActionAccounts.DEFAULT_USER);
            case ProcessUser.Unavailable unavailable -> LOG.error("Actions and sensors will not run: {}",
                    unavailable.reason());
        }
        restrict(dataDir);
        if (user instanceof ProcessUser.Account account && !ActionAccounts.reaches(account, dataDir.resolve("packs"))) {
            LOG.error("The OS user '{}' that actions and sensors run as cannot reach {}: a directory above it is"
                    + " closed to other users, so pack actions and sensors will fail. Give Attune a data directory"
                    + " other users can enter (ATTUNE_DATA_DIR, e.g. {})", account.name(), dataDir.resolve("packs"),
                    InfrastructureSettings.ROOT_DATA_DIR);
        }
        return new ActionIsolation(user);
    }

    public ProcessUser user() {
        return user;
    }

    /** Closes the data directory to other users, leaving its pack folders readable; a no-op without POSIX files. */
    static void restrict(Path dataDir) {
        try {
            if (!Files.isDirectory(dataDir) || !Files.getFileStore(dataDir).supportsFileAttributeView("posix")) {
                return;
            }
            Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx--x--x"));
            for (String name : READABLE) {
                Path folder = Files.createDirectories(dataDir.resolve(name));
                Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            try (DirectoryStream<Path> children = Files.newDirectoryStream(dataDir)) {
                for (Path child : children) {
                    if (READABLE.contains(child.getFileName().toString())) {
                        continue;
                    }
                    if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                        Files.setPosixFilePermissions(child, PosixFilePermissions.fromString("rwx------"));
                    } else if (Files.isRegularFile(child, LinkOption.NOFOLLOW_LINKS)) {
                        Files.setPosixFilePermissions(child, PosixFilePermissions.fromString("rw-------"));
                    }
                }
            }
            READABLE.forEach(name -> openToOthers(dataDir.resolve(name)));
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warn("Could not restrict the permissions of the data directory {}: {}", dataDir, e.toString());
        }
    }

    /** Lets other users read every file below {@code folder} and enter every directory (links are not followed). */
    private static void openToOthers(Path folder) {
        try (Stream<Path> tree = Files.walk(folder)) {
            for (Path path : tree.toList()) {
                boolean directory = Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
                if (!directory && !Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                Set<PosixFilePermission> permissions = EnumSet.copyOf(Files.getPosixFilePermissions(path,
                        LinkOption.NOFOLLOW_LINKS));
                permissions.add(PosixFilePermission.GROUP_READ);
                permissions.add(PosixFilePermission.OTHERS_READ);
                if (directory || permissions.contains(PosixFilePermission.OWNER_EXECUTE)) {
                    permissions.add(PosixFilePermission.GROUP_EXECUTE);
                    permissions.add(PosixFilePermission.OTHERS_EXECUTE);
                }
                Files.setPosixFilePermissions(path, permissions);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not make the packs under {} readable to actions: {}", folder, e.toString());
        }
    }
}
