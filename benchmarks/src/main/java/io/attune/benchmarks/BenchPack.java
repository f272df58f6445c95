package io.attune.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The pack scenario c installs: a shell action under a concurrency limit of 5 with FIFO queueing. */
final class BenchPack {
    static final String ACTION = "bench.step";

    private BenchPack() {
    }

    static Path write() {
        try {
            Path pack = Files.createTempDirectory("attune-bench-pack");
            Files.createDirectories(pack.resolve("actions"));
            Files.createDirectories(pack.resolve("policies"));
            Files.writeString(pack.resolve("pack.yaml"), """
                    ref: bench
                    version: 1.0.0
                    description: Load driver scenario c, a shell step under a concurrency limit of 5.
                    """);
            Files.writeString(pack.resolve("actions/step.yaml"), """
                    ref: bench.step
                    description: Does nothing, in a bash subprocess.
                    runner: shell
                    entry_point: step.sh
                    timeout: 60
                    """);
            Path script = Files.writeString(pack.resolve("actions/step.sh"), "#!/bin/bash\ntrue\n");
            if (!script.toFile().setExecutable(true, false)) {
                throw new IllegalStateException("cannot make " + script + " executable");
            }
            Files.writeString(pack.resolve("policies/limit.yaml"), """
                    ref: bench.limit5
                    description: At most five steps at once; more wait in line, first in first out.
                    action: bench.step
                    concurrency:
                      limit: 5
                      behavior: delay
                    """);
            return pack;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the bench pack", e);
        }
    }
}
