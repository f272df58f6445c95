package io.attune.application.port.in.archviolation;

import io.attune.application.port.out.archviolation.ArchiveStore;

/** One half of an application package cycle: an inbound port that hands out an outbound port. */
public interface ArchiveCommands {

    ArchiveStore store();
}
