package io.attune.adapters.expressions.pack;

import io.attune.application.port.out.SchemaValidator;
import io.attune.application.port.out.TemplateRenderer;
import io.attune.domain.rule.criteria.RegexEngine;
import java.nio.file.Path;

/**
 * What every component parser needs: the pack directory, the pack's name, the schema validator, and the engines a
 * rule's criteria regexes and templates will run on (to refuse what they cannot take). When pack.yaml
 * is broken the name is a stand-in ({@code known} false) so that the components can still be checked.
 */
record PackContext(Path directory, String pack, boolean known, SchemaValidator schemas, RegexEngine regexes,
                   TemplateRenderer templates) {
}
