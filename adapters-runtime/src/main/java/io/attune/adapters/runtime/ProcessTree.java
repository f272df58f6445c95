package io.attune.adapters.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Stops a process and everything it started: SIGTERM to the whole tree, SIGKILL to whatever is left after the grace
 * period. The tree is collected before the first signal, because a child whose parent dies is re-parented and can
 * no longer be found from the root.
 */
final class ProcessTree {

    private static final Duration POLL = Duration.ofMillis(10);
    private static final Duration AFTER_KILL = Duration.ofSeconds(2);

    private ProcessTree() {
    }

    /** Returns once every process of the tree is gone, or SIGKILL has been sent and two more seconds have passed. */
    static void terminate(ProcessHandle root, Duration grace) throws InterruptedException {
        List<ProcessHandle> tree = withDescendants(List.of(root));
        tree.forEach(ProcessHandle::destroy);
        if (waitUntilGone(tree, grace)) {
            return;
        }
        // The survivors, and whatever they started while the grace period ran.
        List<ProcessHandle> left = withDescendants(tree.stream().filter(ProcessTree::isRunning).toList());
        left.forEach(ProcessHandle::destroyForcibly);
        waitUntilGone(left, AFTER_KILL);
    }

    /**
     * Kills with SIGKILL every process left in process group {@code pgid} (the supervisor's pid: its group is the
     * action's), and returns once none runs or two seconds have passed. What the action started in the background
     * would otherwise outlive the run, hold its concurrency slot's work past its end, and survive the server (the
     * parent-death signal is not inherited across fork). Safe after the supervisor was reaped: the kernel does not
     * reuse a pid while it is still some live process's group id. Rescanned until empty, as a member may fork
     * while it is being killed.
     */
    static void killGroup(long pgid) throws InterruptedException {
        long deadline = System.nanoTime() + AFTER_KILL.toNanos();
        while (true) {
            List<ProcessHandle> members = groupMembers(pgid);
            if (members.isEmpty() || System.nanoTime() - deadline >= 0) {
                return;
            }
            members.forEach(ProcessHandle::destroyForcibly);
            Thread.sleep(POLL);
        }
    }

    /** The running (not zombie) processes whose process group is {@code pgid}, read from /proc; none without it. */
    static List<ProcessHandle> groupMembers(long pgid) {
        List<ProcessHandle> members = new ArrayList<>();
        try (var entries = Files.newDirectoryStream(Path.of("/proc"), e -> isNumber(e.getFileName().toString()))) {
            for (Path entry : entries) {
                long pid = Long.parseLong(entry.getFileName().toString());
                if (pid != ProcessHandle.current().pid() && inGroup(entry.resolve("stat"), pgid)) {
                    ProcessHandle.of(pid).ifPresent(members::add);
                }
            }
        } catch (IOException | RuntimeException e) {
            // no /proc (not Linux): there is no supervisor's group to clean up either
        }
        return members;
    }

    private static boolean inGroup(Path stat, long pgid) {
        try {
            // after the ")" closing the command name: state, ppid, pgrp, ...
            String text = Files.readString(stat);
            String[] fields = text.substring(text.lastIndexOf(')') + 1).strip().split(" ");
            return fields.length > 2 && !fields[0].equals("Z") && !fields[0].equals("X")
                    && Long.parseLong(fields[2]) == pgid;
        } catch (IOException | RuntimeException e) {
            // the process ended while being looked at
            return false;
        }
    }

    private static boolean isNumber(String name) {
        return !name.isEmpty() && name.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** The given processes first (a parent before its children), then all their descendants. */
    static List<ProcessHandle> withDescendants(List<ProcessHandle> roots) {
        Set<ProcessHandle> all = new LinkedHashSet<>(roots);
        roots.forEach(r -> r.descendants().forEach(all::add));
        return new ArrayList<>(all);
    }

    private static boolean waitUntilGone(List<ProcessHandle> processes, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (anyAlive(processes)) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.sleep(POLL);
        }
        return true;
    }

    private static boolean anyAlive(List<ProcessHandle> processes) {
        return processes.stream().anyMatch(ProcessTree::isRunning);
    }

    /**
     * Alive and not a zombie. ProcessHandle counts a zombie as alive, and a killed grandchild stays one until its new
     * parent reaps it, which may be late or never (a JVM running as PID 1 in a container reaps no orphans).
     */
    static boolean isRunning(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            int afterName = stat.lastIndexOf(')');
            return afterName < 0 || !stat.substring(afterName + 1).strip().startsWith("Z");
        } catch (IOException | RuntimeException e) {
            // no /proc (not Linux) or the process is gone already
            return process.isAlive();
        }
    }
}
