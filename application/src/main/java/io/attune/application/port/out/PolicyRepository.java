package io.attune.application.port.out;

import io.attune.application.port.in.CatalogQueries.PolicyFilter;
import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.domain.common.Ref;
import io.attune.domain.policy.Policy;
import java.util.List;
import java.util.Optional;

/** Stored policies (written through PackRepository). */
public interface PolicyRepository {

    Optional<Policy> find(Ref ref);

    /** Policies ordered by ref; the action filter matches policies targeting that action, its pack, or everything. */
    Page<Policy> list(PolicyFilter filter, PageRequest page);

    /** Enabled policies that apply to an action (its own, its pack's and global ones), ordered by ref. */
    List<Policy> applicableTo(Ref action);
}
