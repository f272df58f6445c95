package io.attune.application.port.out;

import io.attune.application.port.in.CatalogQueries.ComponentFilter;
import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.domain.common.Ref;
import io.attune.domain.trigger.Trigger;
import java.util.Optional;

/** Stored triggers (written through PackRepository). */
public interface TriggerRepository {

    Optional<Trigger> find(Ref ref);

    /** Triggers ordered by ref; the runner filter does not apply. */
    Page<Trigger> list(ComponentFilter filter, PageRequest page);
}
