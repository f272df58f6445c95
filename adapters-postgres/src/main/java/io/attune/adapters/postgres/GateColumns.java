package io.attune.adapters.postgres;

import io.attune.domain.admission.ConcurrencyGate;
import io.attune.domain.admission.Gate;
import io.attune.domain.admission.PolicyKey;
import io.attune.domain.admission.RateGate;
import io.attune.domain.common.Ref;
import io.attune.domain.policy.Policy;
import io.attune.domain.policy.Policy.ConcurrencyBehavior;
import io.attune.domain.policy.Policy.RateBehavior;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Converts an execution's admission gates to and from the JSON array in {@code admission_holds.gates} (see V3). */
final class GateColumns {

    private GateColumns() {
    }

    static String write(List<Gate> gates) {
        List<Map<String, Object>> json = new ArrayList<>();
        for (Gate gate : gates) {
            Map<String, Object> g = new LinkedHashMap<>();
            switch (gate) {
                case ConcurrencyGate c -> {
                    g.put("kind", "concurrency");
                    key(g, c.key());
                    g.put("limit", c.limit());
                    g.put("behavior", c.behavior().name().toLowerCase(Locale.ROOT));
                    g.put("max_queue", c.maxQueue());
                    c.queueTimeout().ifPresent(t -> g.put("queue_timeout", t.toString()));
                    g.put("overflow", c.overflow().name().toLowerCase(Locale.ROOT));
                }
                case RateGate r -> {
                    g.put("kind", "rate");
                    key(g, r.key());
                    g.put("max", r.max());
                    g.put("window", r.window().toString());
                    g.put("behavior", r.behavior().name().toLowerCase(Locale.ROOT));
                }
            }
            json.add(g);
        }
        return JsonColumns.write(json);
    }

    static List<Gate> read(String text) {
        List<Gate> gates = new ArrayList<>();
        for (Object item : JsonColumns.readArray(text)) {
            if (!(item instanceof Map<?, ?> g)) {
                throw new PersistenceException("stored admission gate is not an object: " + item);
            }
            PolicyKey key = new PolicyKey(Ref.parse((String) g.get("policy")), (String) g.get("key"));
            String behavior = (String) g.get("behavior");
            gates.add(switch (String.valueOf(g.get("kind"))) {
                // gates stored before queues were bounded have the defaults
                case "concurrency" -> new ConcurrencyGate(key, JsonColumns.integer(g.get("limit"), "gate limit"),
                        Codes.decode(ConcurrencyBehavior::fromCode, "concurrency behavior", behavior),
                        g.get("max_queue") == null ? Policy.Concurrency.DEFAULT_MAX_QUEUE
                                : JsonColumns.integer(g.get("max_queue"), "gate max_queue"),
                        Optional.ofNullable((String) g.get("queue_timeout")).map(Duration::parse),
                        Codes.decode(Policy.Overflow::fromCode, "gate overflow", (String) g.get("overflow")));
                case "rate" -> new RateGate(key, JsonColumns.integer(g.get("max"), "gate max"),
                        Duration.parse((String) g.get("window")),
                        Codes.decode(RateBehavior::fromCode, "rate behavior", behavior));
                default -> throw new PersistenceException("unknown admission gate kind stored: " + g.get("kind"));
            });
        }
        return List.copyOf(gates);
    }

    private static void key(Map<String, Object> json, PolicyKey key) {
        json.put("policy", key.policy().toString());
        json.put("key", key.key());
    }
}
