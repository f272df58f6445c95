/**
 * Admission of executions under concurrency and rate-limit policies: strict FIFO per key, several policies decided
 * together, pure functions over an explicit snapshot of key states (see {@link io.attune.domain.admission.Admission}
 * for the rules and the multi-key contract).
 */
package io.attune.domain.admission;
