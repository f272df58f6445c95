package io.attune.adapters.runtime;

import io.attune.application.port.out.ActionRunner.RunOutcome;
import io.attune.application.port.out.ActionRunner.RunningAction;

/** An action that ended before start() returned: refused, or run in-process. Cancel has nothing left to stop. */
record Finished(RunOutcome outcome) implements RunningAction {

    static Finished failedToStart(String reason) {
        return new Finished(new RunOutcome.FailedToStart(reason));
    }

    @Override
    public RunOutcome await() {
        return outcome;
    }

    @Override
    public void cancel() {
        // already over
    }
}
