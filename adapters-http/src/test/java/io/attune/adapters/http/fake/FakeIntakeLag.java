package io.attune.adapters.http.fake;

import io.attune.application.port.in.IntakeLag;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/** Intake lag for the HTTP adapter's tests: nothing waits, so intake accepts everything. */
@Singleton
public final class FakeIntakeLag implements IntakeLag {

    @Override
    public Lag current() {
        return new Lag(Optional.empty(), Waiting.NONE, Waiting.NONE, List.of(), 0, 0, 0, 0, 0, Optional.empty(),
                Optional.empty(), Optional.empty(), 0, 0);
    }

    @Override
    public void admitEvent() {
        // no backlog: every event is accepted
    }

    @Override
    public void admitExecution() {
        // no backlog: every execution is accepted
    }
}
