package io.attune.application.port.in;

import io.attune.application.port.in.PackInstallation.InstallReport;
import io.attune.domain.pack.Pack;
import java.io.InputStream;
import java.util.Objects;

/**
 * Installs and uninstalls packs on behalf of people (the API, the console): from a directory on the server or from
 * an uploaded archive. Only the installed version of an uploaded pack stays on disk: its replaced or uninstalled
 * version's files are removed, as are those of an upload that was refused.
 */
public interface PackManagement {

    /**
     * Installs or re-installs the pack in the directory {@code command.path()} names. Throws {@link
     * UseCaseException.Invalid} on field {@code path} when it is not an absolute path of a directory, {@link
     * UseCaseException.PackRejected} naming file and field when the pack is invalid; nothing is written then.
     */
    InstallReport install(InstallFromPath command);

    /**
     * Unpacks an uploaded archive (tar.gz, tgz or zip, the pack at its root or in a single top-level folder) and
     * installs the pack in it. Throws {@link UseCaseException.InvalidArchive} naming the offending entry, {@link
     * UseCaseException.TooLarge} over a size limit, {@link UseCaseException.PackRejected} when the archive holds no
     * pack or an invalid one; nothing is written or left on disk then. Reads the content to its end, or until refused.
     */
    InstallReport upload(UploadPack command);

    /** Removes a pack and everything it installed, and its files when it was uploaded; throws NotFound for an unknown pack. */
    Pack uninstall(String pack);

    /** Where a pack's files are, as admins see it: relative to the data directory when inside it, else as it is. */
    String location(Pack pack);

    /** Install the pack in a directory on the server, given as the text a person typed. */
    record InstallFromPath(String path) {
    }

    /** Install the pack in an uploaded archive; {@code declaredSize} is what the upload claims, -1 when unknown. */
    record UploadPack(InputStream content, long declaredSize) {
        public UploadPack {
            Objects.requireNonNull(content, "content");
        }
    }
}
