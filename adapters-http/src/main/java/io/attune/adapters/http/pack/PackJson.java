package io.attune.adapters.http.pack;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.attune.domain.pack.Pack;
import io.swagger.v3.oas.annotations.media.Schema;

/** A pack as the API shows it; {@code name} is the label from pack.yaml, {@code path} where its files are. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "Pack")
public record PackJson(String ref, String name, String version, String description, String path) {

    static PackJson of(Pack pack) {
        return new PackJson(pack.ref(), pack.label(), pack.version(), pack.description(), pack.path());
    }
}
