package io.attune.adapters.amqp;

import io.attune.application.port.in.WorkflowDuties;
import jakarta.inject.Singleton;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** An executor's workflow intake that records the workflows the broker asked it to start. */
@Singleton
public class RecordingWorkflowDuties implements WorkflowDuties {

    final Queue<Long> starts = new ConcurrentLinkedQueue<>();

    @Override
    public boolean start(long execution) {
        starts.add(execution);
        return true;
    }

    @Override
    public int fireDueTimers() {
        return 0;
    }
}
