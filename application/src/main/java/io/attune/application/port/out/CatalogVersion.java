package io.attune.application.port.out;

import java.util.OptionalLong;

/**
 * The version of the stored catalog (packs, actions, triggers, rules, policies): it changes with every committed
 * change of any of them, made through any instance. What caches the catalog keeps what it read under the version it
 * read it at, and drops it when the version moves.
 */
public interface CatalogVersion {

    /**
     * The committed version as the current transaction sees it, read once per transaction (so every lookup of one
     * transaction uses one version); outside a transaction, read now. Empty when the current transaction has itself
     * written the catalog: its reads must go to the store, which alone sees its uncommitted changes.
     */
    OptionalLong current();
}
