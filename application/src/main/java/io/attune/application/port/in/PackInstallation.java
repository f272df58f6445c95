package io.attune.application.port.in;

import io.attune.domain.pack.Pack;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Installs packs from a directory: validates everything first, then writes it all in one transaction or nothing. */
public interface PackInstallation {

    /**
     * Installs or re-installs the pack in {@code command.directory()}. A re-install updates components by ref and
     * retires those no longer in the pack; the report names the version it replaced (whose files the caller may then
     * remove). Throws {@link UseCaseException.PackRejected} naming file and field when anything is invalid; the
     * database is then unchanged.
     */
    InstallReport install(InstallPack command);

    /**
     * Removes a pack and everything it installed, and returns it as it was (so the caller may remove its files).
     * Throws NotFound for an unknown pack.
     */
    Pack uninstall(String pack);

    /** Install a pack from a directory readable by this process. */
    record InstallPack(Path directory) {
        public InstallPack {
            Objects.requireNonNull(directory, "directory");
        }
    }

    /** What an install wrote, what it retired, and the installed version it replaced, if any. */
    record InstallReport(Pack pack, int actions, int triggers, int sensors, int rules, int policies, List<String> retired,
                         Optional<Pack> replaced) {
        public InstallReport {
            retired = List.copyOf(retired);
            Objects.requireNonNull(replaced, "replaced");
        }
    }
}
