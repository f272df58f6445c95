package io.attune.adapters.http.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.attune.adapters.http.support.Times;
import io.attune.domain.audit.AuditEntry;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Locale;
import java.util.Map;

/** An audit entry as the API shows it. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "AuditEntry")
public record AuditEntryJson(long id, String at, String actor, @Schema(example = "execution.run") String action,
                             String target, @Schema(example = "succeeded", description = "succeeded, failed or denied") String outcome,
                             Map<String, Object> details) {

    static AuditEntryJson of(AuditEntry e) {
        return new AuditEntryJson(e.id(), Times.iso(e.at()), e.actor(), e.action(), e.target(),
                e.outcome().name().toLowerCase(Locale.ROOT), e.details());
    }
}
