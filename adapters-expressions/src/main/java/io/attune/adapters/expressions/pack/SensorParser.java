package io.attune.adapters.expressions.pack;

import io.attune.domain.action.RunnerType;
import io.attune.domain.common.Ref;
import io.attune.domain.sensor.Sensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads {@code sensors/*.yaml}: the process (runner + entry point in sensors/), the triggers it emits, its config. */
final class SensorParser {

    static final String FOLDER = "sensors";

    private SensorParser() {
    }

    static Optional<Sensor> parse(PackContext pack, PackFile file, Optional<Ref> ref, InPack inPack) {
        Fields fields = file.fields();
        int before = file.problems().count();
        Optional<String> description = fields.text("description");
        Optional<RunnerType> runner = Runners.read(fields);
        runner.filter(r -> !r.canRunSensor()).ifPresent(r -> fields.problem("runner",
                "'" + r.code() + "' cannot run a sensor: use shell, python or node"));
        Optional<String> entryPoint = EntryPoints.read(pack, fields, FOLDER);
        if (!fields.has(EntryPoints.FIELD)) {
            fields.missing(EntryPoints.FIELD, file.stem() + ".py (the sensor's program, in sensors/)");
        }
        Optional<List<Ref>> triggers = triggers(pack, fields, inPack);
        Map<String, Object> config = new LinkedHashMap<>(fields.map("config").orElse(Map.of()));
        fields.integer("poll_interval").ifPresent(seconds -> {
            if (seconds < 1) {
                fields.problem("poll_interval", "must be a positive number of seconds, got " + seconds);
            }
            config.put("poll_interval", seconds);
        });
        boolean enabled = fields.bool("enabled").orElse(true);
        if (ref.isEmpty() || runner.isEmpty() || entryPoint.isEmpty() || triggers.isEmpty()
                || file.problems().count() > before) {
            return Optional.empty();
        }
        return DomainErrors.build(file.problems(), () -> new Sensor(ref.get(), description.orElse(null), runner.get(),
                entryPoint.get(), triggers.get(), config, enabled), "(sensor)", EntryPoints.FIELD, "runner");
    }

    /** {@code triggers} (or StackStorm's {@code trigger_types}): a non-empty list of trigger refs. */
    private static Optional<List<Ref>> triggers(PackContext pack, Fields fields, InPack inPack) {
        String key = fields.aliased("triggers", "trigger_types");
        String example = "[" + pack.pack() + ".alert]";
        if (!fields.has(key)) {
            fields.missing("triggers", example + " (the triggers whose events the sensor emits)");
            return Optional.empty();
        }
        if (!(fields.value(key).orElseThrow() instanceof List<?> items)) {
            fields.problem(key, "must be a list of trigger refs such as " + example + ", got "
                    + Fields.describe(fields.value(key).orElseThrow()));
            return Optional.empty();
        }
        if (items.isEmpty()) {
            fields.problem(key, "must name at least one trigger, e.g. " + example);
            return Optional.empty();
        }
        List<Ref> refs = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < items.size(); i++) {
            String field = fields.field(key) + "[" + i + "]";
            Object item = items.get(i);
            if (item instanceof Map<?, ?>) {
                fields.problems().add(field, "must be a trigger ref such as '" + pack.pack()
                        + ".alert': declare the trigger itself in triggers/");
                ok = false;
            } else if (!(item instanceof String text)) {
                fields.problems().add(field, "must be a trigger ref such as '" + pack.pack() + ".alert', got "
                        + Fields.describe(item));
                ok = false;
            } else {
                Optional<Ref> ref = Refs.reference(fields.problems(), field, text, pack.pack());
                ref.filter(r -> inPack.owns(r) && !inPack.triggers.containsKey(r)).ifPresent(r -> fields.problems().add(
                        field, "trigger '" + r + "' is not declared in this pack (no file in triggers/ has that ref)"));
                ok &= ref.isPresent();
                ref.ifPresent(refs::add);
            }
        }
        return ok ? Optional.of(refs) : Optional.empty();
    }
}
