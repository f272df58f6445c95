package io.attune.application.port.out;

import java.io.InputStream;
import java.nio.file.Path;

/** Outgoing port for uploaded pack archives: unpacked safely, each into a directory of its own, removed on request. */
public interface PackArchives {

    /**
     * Stores and unpacks one archive into a new directory and returns the pack's directory in it (its root or its
     * single top-level folder). Throws UseCaseException.InvalidArchive naming an unsafe or unreadable entry, TooLarge over a
     * size limit ({@code declaredSize} is checked first, -1 when unknown), PackRejected when no pack.yaml is found;
     * nothing is left on disk then.
     */
    Path unpack(InputStream content, long declaredSize);

    /**
     * Removes the unpacked archive holding {@code packDirectory}, if it is one; any other directory (a server
     * directory, a bundled pack) is left alone. Never throws: a failure to remove is logged.
     */
    void discard(Path packDirectory);

    /** A pack directory as admins see it: relative to the data directory when inside it, else as it is. */
    String shown(Path packDirectory);
}
