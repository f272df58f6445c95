package io.attune.application.port.out;

import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.domain.pack.Pack;
import io.attune.domain.pack.PackContent;
import java.util.List;
import java.util.Optional;

/** Stored packs; a pack's content is written and replaced as one unit. Call inside a transaction. */
public interface PackRepository {

    /**
     * Writes the pack and all its components, updating by ref, with the source of each workflow action (replacing the
     * one stored before); components the pack installed before and no longer has (and rules that came from its files,
     * and the sources of actions that are no longer workflows) are removed. Returns the refs removed, sorted.
     */
    List<String> replace(PackContent content);

    Optional<Pack> find(String ref);

    /** Packs ordered by ref. */
    Page<Pack> list(PageRequest page);

    /** Removes a pack with every component it owns (API-created rules of the pack too); false if absent. */
    boolean delete(String ref);
}
