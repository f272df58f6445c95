package io.attune.application.port.out;

import io.attune.application.port.in.CatalogQueries.ComponentFilter;
import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.domain.action.Action;
import io.attune.domain.common.Ref;
import java.util.Optional;

/** Stored actions (written through PackRepository). */
public interface ActionRepository {

    Optional<Action> find(Ref ref);

    /** Actions ordered by ref. */
    Page<Action> list(ComponentFilter filter, PageRequest page);
}
