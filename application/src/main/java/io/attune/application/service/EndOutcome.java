package io.attune.application.service;

import io.attune.domain.execution.Execution;
import io.attune.domain.execution.ExecutionStatus;
import java.util.Optional;

/** What an attempt to end an execution came to (see {@link ExecutionEnding}). */
public sealed interface EndOutcome permits EndOutcome.Ended, EndOutcome.LostRace, EndOutcome.NotFound {

    /** The end is written: terminal status, slot released, the next ones admitted, listeners told. */
    record Ended(Execution execution) implements EndOutcome {
    }

    /**
     * Another writer changed the execution between its read and the compare-and-set of its end: nothing was written
     * (the slot release rolled back with the rest).
     */
    record LostRace(long id, ExecutionStatus expected) implements EndOutcome {
    }

    /**
     * Nothing to end for this path: no such execution, or the ending does not apply to it as it stands ({@code current}
     * says how it stands, empty when there is no such execution). Nothing was written.
     */
    record NotFound(long id, Optional<Execution> current) implements EndOutcome {
    }
}
