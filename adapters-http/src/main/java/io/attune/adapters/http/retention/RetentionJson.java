package io.attune.adapters.http.retention;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.attune.adapters.http.support.Times;
import io.attune.application.port.in.Retention;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Duration;
import java.util.Optional;

/** Retention as the API shows it: the ages in effect (ISO-8601 durations; null keeps that kind for ever) and the last sweep. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "Retention")
public record RetentionJson(
        @Schema(example = "PT720H", nullable = true, description = "events and their settled enforcements") String events,
        @Schema(example = "PT720H", nullable = true, description = "ended executions and outbox leftovers") String executions,
        @Schema(example = "PT2160H", nullable = true, description = "audit entries") String audit,
        @Schema(example = "PT1H") String sweepInterval,
        @Schema(allowableValues = {"configuration", "api"}, description = "where the ages come from: set through"
                + " PUT /api/v1/retention (stored for every instance), else the configuration") String source,
        @JsonProperty("updated_at") @Schema(name = "updated_at", nullable = true) String updatedAt,
        @JsonProperty("updated_by") @Schema(name = "updated_by", nullable = true) String updatedBy,
        @Schema(nullable = true, description = "the last sweep this instance ran; null when it ran none (another"
                + " instance may lead retention)") SweepJson lastSweep) {

    static RetentionJson of(Retention retention, Duration sweepInterval) {
        Retention.Ages ages = retention.ages();
        Optional<Retention.Change> change = retention.lastChange();
        return new RetentionJson(iso(ages.events()), iso(ages.executions()), iso(ages.audit()),
                sweepInterval.toString(), change.isPresent() ? "api" : "configuration",
                change.map(c -> Times.iso(c.at())).orElse(null), change.map(Retention.Change::by).orElse(null),
                retention.lastSweep().map(SweepJson::of).orElse(null));
    }

    private static String iso(Optional<Duration> age) {
        return age.map(Duration::toString).orElse(null);
    }

    /** One sweep: when it ran and the rows it deleted, per kind. */
    @Schema(name = "RetentionSweep")
    public record SweepJson(String at, long events, long enforcements, long executions, long audit, long outbox,
                            @JsonProperty("dead_letters") @Schema(name = "dead_letters") long deadLetters) {
        static SweepJson of(Retention.Sweep s) {
            return new SweepJson(Times.iso(s.at()), s.events(), s.enforcements(), s.executions(), s.audit(), s.outbox(),
                    s.deadLetters());
        }
    }
}
