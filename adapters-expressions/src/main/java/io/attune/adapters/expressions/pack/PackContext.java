package io.attune.adapters.expressions.pack;

import io.attune.application.port.out.SchemaValidator;
import java.nio.file.Path;

/**
 * What every component parser needs: the pack directory, the pack's name, and the schema validator. When pack.yaml
 * is broken the name is a stand-in ({@code known} false) so that the components can still be checked.
 */
record PackContext(Path directory, String pack, boolean known, SchemaValidator schemas) {
}
