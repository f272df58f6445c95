package io.attune.domain.admission;

import java.util.Map;
import java.util.Objects;

/** The outcome of {@link Admission#request}: the decision and the new state of every key of the snapshot. */
public record Decision(AdmissionDecision decision, Map<PolicyKey, KeyState> states) {

    public Decision {
        Objects.requireNonNull(decision, "decision");
        states = Map.copyOf(states);
    }
}
