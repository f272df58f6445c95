package io.attune.bootstrap.wiring;

import io.attune.application.port.in.PackInstallation;
import io.attune.application.port.in.UseCaseException;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs the packs that ship inside the jar ({@code core}, {@code examples}) at start: each is copied out of the
 * jar into the data directory (workers run its scripts from there) and installed like any other pack.
 */
@Singleton
@Requires(property = "attune.packs.install-bundled", notEquals = "false")
public class BundledPacks {

    private static final Logger LOG = LoggerFactory.getLogger(BundledPacks.class);

    /** The packs in the jar, in install order (examples use core's triggers). */
    static final List<String> BUNDLED = List.of("core", "examples");

    private final PackInstallation installation;
    private final Path dataDir;

    public BundledPacks(PackInstallation installation, @Property(name = "attune.data-dir") String dataDir) {
        this.installation = installation;
        this.dataDir = Path.of(dataDir);
    }

    @EventListener
    void onStartup(StartupEvent event) {
        for (String pack : BUNDLED) {
            Path target = dataDir.resolve("packs").resolve(pack);
            try {
                if (!copyOut(pack, target)) {
                    LOG.warn("bundled pack '{}' is not in the jar; skipped", pack);
                    continue;
                }
                var report = installation.install(new PackInstallation.InstallPack(target));
                LOG.info("installed pack {} {} ({} actions, {} triggers, {} rules)", pack, report.pack().version(),
                        report.actions(), report.triggers(), report.rules());
            } catch (UseCaseException.PackRejected e) {
                throw new IllegalStateException("bundled pack '" + pack + "' is invalid: " + e.errors(), e);
            }
        }
    }

    /** Copies {@code packs/<name>} from the classpath to {@code target}, replacing what was there. */
    private static boolean copyOut(String pack, Path target) {
        URL marker = BundledPacks.class.getClassLoader().getResource("packs/" + pack + "/pack.yaml");
        if (marker == null) {
            return false;
        }
        try {
            URI uri = marker.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem fs;
                try {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    fs = FileSystems.getFileSystem(uri);
                }
                copyTree(fs.getPath("/packs/" + pack), target);
            } else {
                copyTree(Path.of(uri).getParent(), target);
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy bundled pack '" + pack + "' to " + target, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copyTree(Path source, Path target) throws IOException {
        if (Files.exists(target)) {
            try (Stream<Path> old = Files.walk(target)) {
                for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : files.toList()) {
                Path dest = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                    dest.toFile().setReadable(true, false);
                    dest.toFile().setExecutable(true, false);
                } else {
                    Files.createDirectories(dest.getParent());
                    Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
                    // read by actions, which may run as another user (ATTUNE_ACTION_USER)
                    dest.toFile().setReadable(true, false);
                    String name = dest.getFileName().toString();
                    if (name.endsWith(".sh") || name.endsWith(".py") || name.endsWith(".js")) {
                        dest.toFile().setExecutable(true, false);
                    }
                }
            }
        }
    }
}
