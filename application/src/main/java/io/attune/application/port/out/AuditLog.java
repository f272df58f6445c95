package io.attune.application.port.out;

import io.attune.application.port.in.AuditTrail.AuditFilter;
import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.domain.audit.AuditEntry;
import java.util.List;

/** Where audit entries are kept: appended, never changed. */
public interface AuditLog {

    /** Stores entries in the order given (their ids are ignored). */
    void append(List<AuditEntry> entries);

    /** Newest first. */
    Page<AuditEntry> list(AuditFilter filter, PageRequest page);
}
