package io.attune.adapters.http.pack;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.attune.domain.pack.Pack;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * A pack as the API shows it; {@code name} is the label from pack.yaml, {@code path} where its files are: for admins
 * only, and relative to the data directory when inside it (a server's paths tell an attacker where its secrets are).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "Pack")
public record PackJson(String ref, String name, String version, String description,
                       @Schema(nullable = true, description = "where its files are, relative to the data directory"
                               + " when inside it; null unless the caller is an admin", example = "uploads/1b9d…/mypack")
                       String path,
                       @Schema(description = "keys of the pack's files that the install did not use: unknown ones, and"
                               + " StackStorm-only ones Attune deliberately ignores") List<Warning> warnings) {

    /** A key of a pack file the install read past, and why. */
    @Schema(name = "PackWarning")
    public record Warning(String file, String key, String message) {
    }

    /** The pack with its path as {@code shownPath} (null: hidden). */
    static PackJson of(Pack pack, String shownPath) {
        return new PackJson(pack.ref(), pack.label(), pack.version(), pack.description(), shownPath,
                pack.warnings().stream().map(w -> new Warning(w.file(), w.key(), w.message())).toList());
    }
}
