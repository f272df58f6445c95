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
                                List<String> retired) {

    static InstallReportJson of(InstallReport report) {
        return new InstallReportJson(PackJson.of(report.pack()), report.actions(), report.triggers(), report.sensors(),
                report.rules(), report.policies(), report.retired());
    }
}
