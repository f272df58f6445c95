package io.attune.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** The pack scenarios c and c-noop install: a shell and a noop action, each under a concurrency limit of 5 (FIFO). */
final class BenchPack {
    static final String ACTION = "bench.step";
    /** The same under the same kind of limit, on the in-process noop runner: admission without a subprocess. */
    static final String NOOP_ACTION = "bench.noop_step";

    private BenchPack() {
    }

    static Path write() {
        try {
            // readable by all: a server running as root runs bench.step as its action user, who must reach step.sh
            Path pack = Files.createTempDirectory("attune-bench-pack",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
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
            Files.writeString(pack.resolve("actions/noop_step.yaml"), """
                    ref: bench.noop_step
                    description: Does nothing, in the worker's process (StackStorm's noop runner).
                    runner: noop
                    """);
            Files.writeString(pack.resolve("policies/noop_limit.yaml"), """
                    ref: bench.noop_limit5
                    description: At most five noop steps at once; more wait in line, first in first out.
                    action: bench.noop_step
                    concurrency:
                      limit: 5
                      behavior: delay
                    """);
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
