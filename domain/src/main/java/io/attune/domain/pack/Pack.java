package io.attune.domain.pack;

import io.attune.domain.common.Ref;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A pack: a named, versioned bundle of automation content; {@code warnings} lists the keys of its files that the install
 * read past without using (never dropped without a word).
 */
public record Pack(String ref, String label, String version, String description, String path,
                   List<PackWarning> warnings) {

    private static final Pattern SEMVER = Pattern.compile(
            "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?");

    public Pack {
        Ref.requirePackName(ref);
        if (version == null || !SEMVER.matcher(version).matches()) {
            throw new IllegalArgumentException("invalid version '" + version + "': expected semantic versioning such as 1.0.0");
        }
        label = label == null || label.isBlank() ? ref : label;
        description = description == null ? "" : description;
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** A pack whose files had no key Attune did not use. */
    public Pack(String ref, String label, String version, String description, String path) {
        this(ref, label, version, description, path, List.of());
    }

    /** The same pack with these warnings. */
    public Pack withWarnings(List<PackWarning> found) {
        return new Pack(ref, label, version, description, path, found);
    }
}
