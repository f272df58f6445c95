package io.attune.application.port.out;

import io.attune.domain.pack.PackContent;
import java.nio.file.Path;

/**
 * Reads a pack directory (pack.yaml, actions/, triggers/, sensors/, rules/, policies/) into its content.
 * Checks what one pack can check alone: syntax, required fields, refs, runners, entry point files, criteria
 * operators, JSON schemas, duplicates. Throws UseCaseException.PackRejected listing every problem with file and field.
 */
public interface PackReader {

    PackContent read(Path directory);
}
