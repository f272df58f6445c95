package io.attune.application.service;

import io.attune.application.port.in.FieldError;
import io.attune.application.port.in.PackInstallation;
import io.attune.application.port.in.PackInstallation.InstallPack;
import io.attune.application.port.in.PackInstallation.InstallReport;
import io.attune.application.port.in.PackManagement;
import io.attune.application.port.in.UseCaseException;
import io.attune.application.port.out.PackArchives;
import io.attune.domain.pack.Pack;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/** Installs packs from server directories and uploaded archives, keeping on disk only the installed uploads. */
public final class PackManagementService implements PackManagement {

    private final PackInstallation installation;
    private final PackArchives archives;

    public PackManagementService(PackInstallation installation, PackArchives archives) {
        this.installation = installation;
        this.archives = archives;
    }

    @Override
    public InstallReport install(InstallFromPath command) {
        return installed(installation.install(new InstallPack(directory(command.path()))));
    }

    @Override
    public InstallReport upload(UploadPack command) {
        Path pack = archives.unpack(command.content(), command.declaredSize());
        InstallReport report;
        try {
            report = installation.install(new InstallPack(pack));
        } catch (RuntimeException e) {
            archives.discard(pack);
            throw e;
        }
        return installed(report);
    }

    @Override
    public Pack uninstall(String pack) {
        Pack removed = installation.uninstall(pack);
        archives.discard(Path.of(removed.path()));
        return removed;
    }

    @Override
    public String location(Pack pack) {
        return archives.shown(Path.of(pack.path()));
    }

    /** The report, once the files of the version it replaced are removed (when they were an upload of their own). */
    private InstallReport installed(InstallReport report) {
        report.replaced().map(Pack::path).filter(path -> !path.equals(report.pack().path()))
                .ifPresent(path -> archives.discard(Path.of(path)));
        return report;
    }

    private static Path directory(String path) {
        if (path == null || path.isBlank()) {
            throw invalidPath("the path of a pack directory on the server is required");
        }
        Path directory;
        try {
            directory = Path.of(path);
        } catch (InvalidPathException e) {
            throw invalidPath("'" + path + "' is not a valid path: " + e.getReason());
        }
        if (!directory.isAbsolute()) {
            throw invalidPath("'" + path + "' must be an absolute path");
        }
        if (!Files.isDirectory(directory)) {
            throw invalidPath("'" + path + "' is not a directory on the server");
        }
        return directory.normalize();
    }

    private static UseCaseException.Invalid invalidPath(String message) {
        return new UseCaseException.Invalid("path: " + message, List.of(FieldError.of("path", message)));
    }
}
