package io.attune.bootstrap.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The fault suite's own pack, {@code faults}: one shell script for every action, which appends
 * {@code start <execution> <epoch ns>} to the run log, sleeps {@code seconds}, and appends {@code end ...}
 * (appends of one short line are atomic). {@code faults.work} runs at most 2 at once, {@code faults.keyed} at most 1
 * per value of {@code key}; {@code faults.free} has no limit (the throughput bursts); {@code faults.tick} runs on an
 * interval timer of one second. Every webhook at {@code faults} matches two rules, so it makes one execution of each.
 */
final class FaultPack {

    static final String WEBHOOK = "faults";
    static final String TIMER_RULE = "faults.every_second";
    /** The rules each event must have one enforcement of, by its trigger (or timer source). */
    static final Map<String, List<String>> RULES = Map.of(
            "core.webhook", List.of("faults.on_hook_work", "faults.on_hook_keyed"),
            "timer:" + TIMER_RULE, List.of(TIMER_RULE));
    static final List<Ledger.Limit> LIMITS = List.of(new Ledger.Limit("faults.work", null, 2),
            new Ledger.Limit("faults.keyed", "key", 1));

    private FaultPack() {
    }

    static Path write(Path dir, Path runLog) throws IOException {
        Path root = dir.resolve("faults");
        for (String sub : List.of("actions", "policies", "rules")) {
            Files.createDirectories(root.resolve(sub));
        }
        Files.writeString(root.resolve("pack.yaml"), "ref: faults\nversion: 1.0.0\ndescription: the fault suite's pack\n");
        Files.writeString(root.resolve("actions/run.sh"), """
                #!/bin/sh
                echo "start $ATTUNE_EXECUTION_ID $(date +%%s%%N)" >> %1$s
                sleep "${ATTUNE_PARAM_SECONDS:-0}"
                echo "end $ATTUNE_EXECUTION_ID $(date +%%s%%N)" >> %1$s
                """.formatted(runLog.toAbsolutePath()));
        for (String action : List.of("work", "keyed", "free", "tick")) {
            Files.writeString(root.resolve("actions/" + action + ".yaml"), """
                    ref: faults.%s
                    runner: shell
                    entry_point: run.sh
                    timeout: 60
                    parameters:
                      seconds: {type: string, default: "0"}
                      key: {type: string, default: none}
                      at: {type: string, default: ""}
                    """.formatted(action));
        }
        Files.writeString(root.resolve("policies/work.yaml"),
                "ref: faults.work_limit\naction: faults.work\nconcurrency: {limit: 2, behavior: delay}\n");
        Files.writeString(root.resolve("policies/keyed.yaml"), "ref: faults.keyed_limit\naction: faults.keyed\n"
                + "concurrency: {limit: 1, behavior: delay, attributes: [key]}\n");
        Files.writeString(root.resolve("rules/on_hook_work.yaml"), """
                ref: faults.on_hook_work
                trigger: {type: core.webhook, parameters: {url: %s}}
                action: {ref: faults.work, parameters: {seconds: "{{ trigger.body.seconds }}"}}
                """.formatted(WEBHOOK));
        Files.writeString(root.resolve("rules/on_hook_keyed.yaml"), """
                ref: faults.on_hook_keyed
                trigger: {type: core.webhook, parameters: {url: %s}}
                action: {ref: faults.keyed, parameters: {seconds: "{{ trigger.body.seconds }}", key: "{{ trigger.body.key }}"}}
                """.formatted(WEBHOOK));
        Files.writeString(root.resolve("rules/every_second.yaml"), """
                ref: %s
                trigger: {type: core.intervaltimer, parameters: {unit: seconds, delta: 1}}
                action: {ref: faults.tick, parameters: {at: "{{ trigger.executed_at }}"}}
                """.formatted(TIMER_RULE));
        return root;
    }
}
