package io.attune.application.port.out;

import java.util.List;

/** The broker's view of Attune's shared queues, for the lag figures. */
public interface BrokerQueues {

    /** What a queue is for: the rules stage, a runner's work, or the dead letters. */
    enum Kind { RULES, WORK, DEAD_LETTER }

    /** One queue: the messages ready in it (not yet handed to a consumer) and its consumers. */
    record Depth(String queue, Kind kind, long messages, int consumers) {
    }

    /** The depth of every shared queue, asked of the broker now; empty when the broker cannot be reached. */
    List<Depth> depths();
}
