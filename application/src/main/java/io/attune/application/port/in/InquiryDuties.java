package io.attune.application.port.in;

/** What the executor does for inquiries when the broker or its clock wakes it. Both are idempotent. */
public interface InquiryDuties {

    /**
     * Starts a dispatched inquirer execution (core.ask) if it is still scheduled: it becomes pending, its inquiry is
     * stored, a {@code core.inquiry} event recorded, and whoever waits for it told, in one transaction. Returns false
     * when it was not started (started already, canceled, unknown): a redelivered dispatch does nothing.
     */
    boolean start(long execution);

    /**
     * Times out the pending inquiries whose ttl has run out, one transaction each (the inquiry timeout, its execution
     * ended {@code timeout}); returns how many.
     */
    int timeOutDue();
}
