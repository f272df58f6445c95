package io.attune.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The pack the workflow scenarios install ({@code benchwf}): {@code benchwf.items}, one with-items task of core.noop
 * over the list it is given at the concurrency it is given, and {@code benchwf.seq<N>}, N core.noop tasks one after
 * another.
 */
final class WorkflowPack {
    static final String PACK = "benchwf";
    static final String ITEMS_ACTION = PACK + ".items";

    private WorkflowPack() {
    }

    /** The sequential workflow of {@code tasks} tasks. */
    static String seqAction(int tasks) {
        return PACK + ".seq" + tasks;
    }

    /** Task {@code n} (from 1) of a sequential workflow: names sort in task order. */
    static String taskName(int n) {
        return String.format(Locale.ROOT, "t%05d", n);
    }

    /** Writes the pack, with the sequential workflow of {@code tasks} tasks, to a new temporary directory. */
    static Path write(int tasks) {
        try {
            Path pack = Files.createTempDirectory("attune-benchwf-pack");
            Files.createDirectories(pack.resolve("actions/workflows"));
            Files.writeString(pack.resolve("pack.yaml"), """
                    ref: benchwf
                    version: 1.0.0
                    description: Load driver workflow scenarios, with-items and sequential tasks of core.noop.
                    """);
            Files.writeString(pack.resolve("actions/items.yaml"), """
                    ref: benchwf.items
                    description: One with-items task running core.noop once per item, at most concurrency at once.
                    runner: workflow
                    entry_point: workflows/items.yaml
                    parameters:
                      items: {type: array, required: true}
                      concurrency: {type: integer, required: true}
                    """);
            Files.writeString(pack.resolve("actions/workflows/items.yaml"), """
                    version: 1.0
                    input:
                      - items
                      - concurrency
                    tasks:
                      each:
                        with:
                          items: <% ctx(items) %>
                          concurrency: <% ctx(concurrency) %>
                        action: core.noop
                    """);
            String ref = seqAction(tasks);
            Files.writeString(pack.resolve("actions/seq" + tasks + ".yaml"), "ref: " + ref + "\n"
                    + "description: " + tasks + " core.noop tasks, each started when the one before succeeded.\n"
                    + "runner: workflow\n"
                    + "entry_point: workflows/seq" + tasks + ".yaml\n");
            StringBuilder seq = new StringBuilder("version: 1.0\ntasks:\n");
            for (int n = 1; n <= tasks; n++) {
                seq.append("  ").append(taskName(n)).append(":\n    action: core.noop\n");
                if (n < tasks) {
                    seq.append("    next:\n      - when: <% succeeded() %>\n        do: ")
                            .append(taskName(n + 1)).append('\n');
                }
            }
            Files.writeString(pack.resolve("actions/workflows/seq" + tasks + ".yaml"), seq.toString());
            return pack;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the benchwf pack", e);
        }
    }
}
