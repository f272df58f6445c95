package io.attune.adapters.http.inquiry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.attune.adapters.http.support.Times;
import io.attune.application.port.in.InquiryCommands.InquiryView;
import io.attune.domain.inquiry.Inquiry;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/** An inquiry as the API shows it: its response's secret fields masked, times ISO-8601 UTC with milliseconds. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "Inquiry")
public record InquiryJson(
        long id,
        @Schema(description = "the execution that asks (core.ask); it waits in pending") long execution,
        @Schema(nullable = true, description = "the workflow the asking execution is a task of") Long parent,
        @Schema(example = "pending", description = "pending, responded, timeout or canceled") String status,
        @Schema(description = "the JSON Schema the response must match") Map<String, Object> schema,
        String route,
        @Schema(description = "who may answer by name (with roles empty too: any operator or admin)") List<String> users,
        @Schema(description = "who may answer by role") List<String> roles,
        @Schema(description = "minutes before it times out; 0: never") Number ttl,
        @JsonProperty("expires_at") @Schema(name = "expires_at", nullable = true) String expiresAt,
        @Schema(nullable = true, description = "the answer, secret fields masked") Map<String, Object> response,
        @JsonProperty("responded_by") @Schema(name = "responded_by", nullable = true) String respondedBy,
        @JsonProperty("responded_at") @Schema(name = "responded_at", nullable = true) String respondedAt,
        @JsonProperty("created_at") @Schema(name = "created_at") String createdAt) {

    public static InquiryJson of(InquiryView view) {
        Inquiry i = view.inquiry();
        return new InquiryJson(i.id(), i.execution(), i.parent().isPresent() ? i.parent().getAsLong() : null,
                i.status().code(), i.schema(), i.route(), i.users(), i.roles(), i.ttl(),
                i.expiresAt().map(Times::iso).orElse(null), i.response().orElse(null), i.respondedBy().orElse(null),
                i.respondedAt().map(Times::iso).orElse(null), Times.iso(i.createdAt()));
    }
}
