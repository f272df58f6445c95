package io.attune.adapters.expressions.pack;

import io.attune.domain.pack.PackWarning;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the keys of a pack file that no parser read into warnings: a key StackStorm defines for that kind of file and
 * Attune deliberately does without is said to be ignored as StackStorm-only, any other is unknown (a misspelling, or
 * a feature Attune does not have). Nothing a pack author wrote is dropped without a word.
 */
final class UnusedKeys {

    static final String UNKNOWN = "unknown key: Attune does not use it (check its spelling and nesting)";
    static final String STACKSTORM_ONLY = "ignored: StackStorm-only (Attune does not use it)";

    /** Top-level keys of StackStorm's metadata that Attune has no use for, per folder (and pack.yaml). */
    private static final Set<String> ANY_FILE = Set.of("uid", "id", "tags", "metadata_file");
    private static final Map<String, Set<String>> STACKSTORM = Map.of(
            YamlPackReader.PACK_FILE, Set.of("keywords", "author", "email", "contributors", "python_versions",
                    "stackstorm_version", "dependencies", "system", "attribution"),
            ActionParser.FOLDER, Set.of("notify", "output_schema", "output_key"),
            RuleParser.FOLDER, Set.of("type", "context"),
            SensorParser.FOLDER, Set.of("class_name"),
            TriggerParser.FOLDER, Set.of("parameters_schema"),
            PolicyParser.FOLDER, Set.of());

    private UnusedKeys() {
    }

    /** The warnings of one file of {@code folder} (or pack.yaml), one per key no parser read, in file order. */
    static List<PackWarning> of(String folder, String file, Fields fields) {
        Set<String> stackstorm = STACKSTORM.getOrDefault(folder, Set.of());
        return fields.unread().stream().map(key -> new PackWarning(file, key,
                ANY_FILE.contains(key) || stackstorm.contains(key) ? STACKSTORM_ONLY : UNKNOWN)).toList();
    }
}
