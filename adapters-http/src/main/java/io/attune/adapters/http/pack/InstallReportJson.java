package io.attune.adapters.http.pack;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.attune.application.port.in.PackInstallation.InstallReport;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** What an install wrote (counts per component kind) and which refs it retired. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "InstallReport")
public record InstallReportJson(PackJson pack, int actions, int triggers, int sensors, int rules, int policies,
                                @Schema(description = "refs of components of an earlier install no longer in the pack")
                                List<String> retired,
                                @Schema(description = "keys of the pack's files the install did not use (as in pack)")
                                List<PackJson.Warning> warnings) {

    /** The report with the pack's path as {@code shownPath} (installing is for admins: they see it). */
    static InstallReportJson of(InstallReport report, String shownPath) {
        PackJson pack = PackJson.of(report.pack(), shownPath);
        return new InstallReportJson(pack, report.actions(), report.triggers(), report.sensors(), report.rules(),
                report.policies(), report.retired(), pack.warnings());
    }
}
