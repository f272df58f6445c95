package io.attune.application.port.out.archviolation;

import io.attune.application.port.in.archviolation.ArchiveCommands;

/** The other half of the cycle: an outbound port that reaches back into an inbound one. */
public interface ArchiveStore {

    void archive(ArchiveCommands origin);
}
