package io.attune.application.service;

import io.attune.application.port.in.ExecutionCommands;
import java.util.Map;
import java.util.Optional;

/**
 * Execution requests written by group commit ({@link GroupCommit}): requests that arrive together share one
 * transaction, one commit and one round of broker confirms, in arrival order, which is their admission order.
 * Cancel and rerun go straight to the {@link ExecutionService}.
 */
public final class GroupedExecutionRequests implements ExecutionCommands, AutoCloseable {

    private final ExecutionService executions;
    private final GroupCommit<RequestExecution, ExecutionView> requests;

    public GroupedExecutionRequests(ExecutionService executions, int committers, int maxBatch) {
        this.executions = executions;
        this.requests = new GroupCommit<>("attune-requests", committers, maxBatch, executions::requestAll,
                executions::request);
    }

    @Override
    public ExecutionView request(RequestExecution command) {
        return requests.submit(command);
    }

    @Override
    public ExecutionView cancel(long id) {
        return executions.cancel(id);
    }

    @Override
    public ExecutionView rerun(long id, Optional<Map<String, Object>> parameters) {
        return executions.rerun(id, parameters);
    }

    @Override
    public void close() {
        requests.close();
    }
}
