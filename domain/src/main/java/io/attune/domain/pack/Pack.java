package io.attune.domain.pack;

import io.attune.domain.common.Ref;
import java.util.regex.Pattern;

/** A pack: a named, versioned bundle of automation content. */
public record Pack(String ref, String label, String version, String description, String path) {

    private static final Pattern SEMVER = Pattern.compile(
            "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?");

    public Pack {
        Ref.requirePackName(ref);
        if (version == null || !SEMVER.matcher(version).matches()) {
            throw new IllegalArgumentException("invalid version '" + version + "': expected semantic versioning such as 1.0.0");
        }
        label = label == null || label.isBlank() ? ref : label;
        description = description == null ? "" : description;
    }
}
