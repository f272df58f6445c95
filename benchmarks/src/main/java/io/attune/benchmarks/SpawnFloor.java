package io.attune.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The subprocess floor of {@code core.local}: how many {@code echo hi} subprocesses this machine starts, reads and
 * reaps per second from a JVM's {@link ProcessBuilder}, with no Attune in between. {@code core.local} can run no
 * faster than this on the same cores, so its executions/s divided by this is "how close to the floor".
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.attune.benchmarks.SpawnFloor [--variant bash] [--threads 16] [--seconds 10]
 * </pre>
 *
 * <p>Variants: {@code sh} is {@code /bin/sh -c 'echo hi'}; {@code bash} is {@code bash -c 'echo hi'}, what core.local
 * runs; {@code supervised} is that command under the wrapping Attune's process launcher puts around every action
 * ({@code setsid setpriv --pdeathsig=HUP -- sh -c <supervisor> … bash -c 'echo hi'}, its supervisor script,
 * without the switch to the action user). {@code --threads} processes run at once (default 16, the worker's default
 * capacity). Prints a report and a {@code metrics spawns_per_s=…} line as the load driver does.
 */
public final class SpawnFloor {

    /** The script Attune supervises every action with. */
    private static final String SUPERVISOR = io.attune.adapters.runtime.SupervisorScript.SCRIPT;

    private SpawnFloor() {
    }

    public static void main(String[] args) throws Exception {
        String variant = "bash";
        int threads = 16;
        int seconds = 10;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--variant" -> variant = args[i + 1];
                case "--threads" -> threads = Integer.parseInt(args[i + 1]);
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                default -> {
                    System.err.println("usage: SpawnFloor [--variant sh|bash|supervised] [--threads 16] [--seconds 10]");
                    System.exit(1);
                }
            }
        }
        if (args.length % 2 != 0 || threads < 1 || seconds < 1) {
            System.err.println("usage: SpawnFloor [--variant sh|bash|supervised] [--threads 16] [--seconds 10]");
            System.exit(1);
        }
        List<String> command = command(variant);
        run(command, threads, 2);  // warm-up: the JVM's process code and the kernel's page cache
        String before = LoadDriver.loadAverage();
        long start = System.nanoTime();
        long spawned = run(command, threads, seconds);
        double elapsed = (System.nanoTime() - start) / 1e9;
        double rate = spawned / elapsed;
        Report report = new Report();
        report.row("floor", String.join(" ", command.subList(0, Math.min(3, command.size())))
                + (command.size() > 3 ? " … " + String.join(" ", command.subList(command.size() - 3, command.size())) : ""));
        report.row("load average", before + " (before), " + LoadDriver.loadAverage() + " (after)");
        report.row("spawned", String.format(Locale.ROOT, "%d in %.1f s from %d threads = %.0f/s", spawned, elapsed,
                threads, rate));
        report.row("metrics", String.format(Locale.ROOT, "spawns_per_s=%.1f", rate));
        report.print();
    }

    private static List<String> command(String variant) {
        return switch (variant) {
            case "sh" -> List.of("/bin/sh", "-c", "echo hi");
            case "bash" -> List.of("bash", "-c", "echo hi");
            case "supervised" -> List.of("setsid", "setpriv", "--pdeathsig=HUP", "--", "/bin/sh", "-c", SUPERVISOR,
                    "attune-supervisor", Long.toString(ProcessHandle.current().pid()), "bash", "-c", "echo hi");
            default -> throw new IllegalArgumentException("unknown variant '" + variant + "': sh, bash or supervised");
        };
    }

    /** Spawns the command from {@code threads} threads for {@code seconds}; the number that ended with "hi". */
    private static long run(List<String> command, int threads, int seconds) {
        long until = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong done = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<CompletableFuture<Void>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(CompletableFuture.runAsync(() -> {
                    while (System.nanoTime() < until) {
                        spawn(command);
                        done.incrementAndGet();
                    }
                }, pool));
            }
            CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).join();
        } finally {
            pool.shutdownNow();
        }
        return done.get();
    }

    private static void spawn(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out;
            try (InputStream in = process.getInputStream()) {
                out = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
            int code = process.waitFor();
            if (code != 0 || !out.equals("hi\n")) {
                throw new IllegalStateException(command + " exited " + code + " with '" + out + "'");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
