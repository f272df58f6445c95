package io.attune.application.port.in;

import io.attune.domain.pack.Pack;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** Installs packs from a directory: validates everything first, then writes it all in one transaction or nothing. */
public interface PackInstallation {

    /**
     * Installs or re-installs the pack in {@code command.directory()}. A re-install updates components by ref and
     * retires those no longer in the pack. Throws {@link UseCaseException.PackRejected} naming file and field when
     * anything is invalid; the database is then unchanged.
     */
    InstallReport install(InstallPack command);

    /** Removes a pack and everything it installed. Throws NotFound for an unknown pack. */
    void uninstall(String pack);

    /** Install a pack from a directory readable by this process. */
    record InstallPack(Path directory) {
        public InstallPack {
            Objects.requireNonNull(directory, "directory");
        }
    }

    /** What an install wrote and what it retired. */
    record InstallReport(Pack pack, int actions, int triggers, int sensors, int rules, int policies, List<String> retired) {
        public InstallReport {
            retired = List.copyOf(retired);
        }
    }
}
