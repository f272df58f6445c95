package io.attune.adapters.expressions.pack;

import io.attune.domain.action.Action;
import io.attune.domain.common.Ref;
import io.attune.domain.trigger.Trigger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The actions and triggers a pack declares, for the checks one pack can make alone (a rule naming an action of its
 * own pack that does not exist). A declared component whose file has problems maps to empty: it exists, unchecked.
 */
final class InPack {

    final String pack;
    final Map<Ref, Optional<Action>> actions = new LinkedHashMap<>();
    final Map<Ref, Optional<Trigger>> triggers = new LinkedHashMap<>();

    InPack(String pack) {
        this.pack = pack;
    }

    boolean owns(Ref ref) {
        return ref.pack().equals(pack);
    }
}
