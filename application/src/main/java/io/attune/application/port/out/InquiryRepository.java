package io.attune.application.port.out;

import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.application.port.in.InquiryQueries.InquiryFilter;
import io.attune.domain.inquiry.Inquiry;
import io.attune.domain.inquiry.InquiryStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Outgoing persistence port for inquiries (one per asking execution). Joins the caller's transaction. */
public interface InquiryRepository {

    /** Stores a new inquiry and returns it with its id; IllegalStateException when its execution has one already. */
    Inquiry insert(Inquiry inquiry);

    /** The inquiry, without a lock. */
    Optional<Inquiry> find(long id);

    /**
     * The inquiry, locked until the transaction ends ({@code FOR UPDATE}): its answer, timeout and cancel queue up.
     * Writers lock the inquiry's execution first (they end it through the ledger), then the inquiry.
     */
    Optional<Inquiry> findForUpdate(long id);

    /** The inquiry of an execution, locked until the transaction ends; empty when the execution asked none. */
    Optional<Inquiry> findByExecutionForUpdate(long execution);

    /** Inquiries matching {@code filter}, newest first, one page of them with the total. */
    Page<Inquiry> list(InquiryFilter filter, PageRequest page);

    /**
     * Writes {@code changed} (its status, response, responder and response time) if the stored status is still
     * {@code expected}; false, writing nothing, otherwise.
     */
    boolean update(Inquiry changed, InquiryStatus expected);

    /**
     * Pending inquiries whose expiry is at or before {@code now}, earliest first, at most {@code limit}, locked and
     * skipping those another transaction holds ({@code FOR UPDATE SKIP LOCKED}): executors sweeping at once take
     * different ones, and one being answered or canceled is left to that writer.
     */
    List<Inquiry> dueTimeouts(Instant now, int limit);
}
