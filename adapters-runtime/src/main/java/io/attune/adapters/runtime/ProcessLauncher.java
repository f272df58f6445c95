package io.attune.adapters.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts action and sensor processes so that none outlives the server, however the server dies. Each command runs
 * under a small {@code sh} supervisor in a session and process group of its own ({@code setsid}), as the action user
 * when there is one ({@code setpriv --reuid --regid --init-groups}), with a parent-death signal set after that switch
 * (a second {@code setpriv --pdeathsig HUP}: the kernel clears the signal when credentials change). On SIGHUP the
 * supervisor kills its whole group with SIGKILL; SIGTERM it leaves to the action, so a timeout or cancel still gives
 * the action its grace period. Processes are started from one long-lived platform thread, because Linux sends the
 * parent-death signal when the thread that spawned the process ends, not the process.
 */
final class ProcessLauncher {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessLauncher.class);

    /** The supervisor's {@code $0}: what {@code ps} shows for it. */
    static final String SUPERVISOR_NAME = "attune-supervisor";

    static final String SUPERVISOR = SupervisorScript.SCRIPT;

    private static final LaunchThread SHARED = new LaunchThread("attune-process-launcher");
    private static volatile boolean warnedUnsupervised;

    /** The util-linux programs and the shell the wrapping needs. */
    record Tools(String setsid, String setpriv, String sh) {
    }

    private final Optional<Tools> tools;
    private final ProcessUser user;
    private final LaunchThread thread;

    ProcessLauncher(Optional<Tools> tools, ProcessUser user, LaunchThread thread) {
        this.tools = tools;
        this.user = user;
        this.thread = thread;
        if (tools.isEmpty() && user instanceof ProcessUser.Account account) {
            throw new IllegalStateException("running actions as '" + account.name() + "' needs util-linux setpriv"
                    + " and setsid (and /bin/sh), which this system lacks");
        }
    }

    /** A launcher for {@code user} on the JVM's one launching thread. */
    static ProcessLauncher forUser(ProcessUser user) {
        return new ProcessLauncher(detect(), user, SHARED);
    }

    ProcessUser user() {
        return user;
    }

    /** Starts {@code builder}'s command, wrapped, from the launching thread; its directory and environment as set. */
    Process start(ProcessBuilder builder) throws IOException {
        if (user instanceof ProcessUser.Unavailable unavailable) {
            throw new IOException(unavailable.reason());
        }
        builder.command(wrap(builder.command()));
        return thread.launch(builder);
    }

    List<String> wrap(List<String> command) {
        if (tools.isEmpty()) {
            if (!warnedUnsupervised) {
                warnedUnsupervised = true;
                LOG.warn("util-linux setsid/setpriv not found: action and sensor processes are started without a"
                        + " parent-death signal and may outlive this server if it dies");
            }
            return command;
        }
        Tools t = tools.get();
        List<String> wrapped = new ArrayList<>();
        wrapped.add(t.setsid());
        if (user instanceof ProcessUser.Account account) {
            wrapped.addAll(List.of(t.setpriv(), "--reuid=" + account.uid(), "--regid=" + account.gid(),
                    "--init-groups", "--"));
        }
        wrapped.addAll(List.of(t.setpriv(), "--pdeathsig=HUP", "--", t.sh(), "-c", SUPERVISOR, SUPERVISOR_NAME,
                Long.toString(ProcessHandle.current().pid())));
        wrapped.addAll(command);
        return wrapped;
    }

    /** setsid, setpriv and sh where util-linux and the system put them; empty when not on Linux or one is missing. */
    static Optional<Tools> detect() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return Optional.empty();
        }
        Optional<String> setsid = firstExecutable("/usr/bin/setsid", "/bin/setsid");
        Optional<String> setpriv = firstExecutable("/usr/bin/setpriv", "/bin/setpriv");
        Optional<String> sh = firstExecutable("/bin/sh", "/usr/bin/sh");
        if (setsid.isEmpty() || setpriv.isEmpty() || sh.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Tools(setsid.get(), setpriv.get(), sh.get()));
    }

    private static Optional<String> firstExecutable(String... candidates) {
        for (String candidate : candidates) {
            Path path = Path.of(candidate);
            if (Files.isRegularFile(path) && Files.isExecutable(path)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * One platform thread that only starts processes, for as long as it lives: when it ends, the kernel sends every
     * process it started their parent-death signal. A task's failure is the task's (FutureTask), never the thread's.
     */
    static final class LaunchThread implements AutoCloseable {

        private final BlockingQueue<FutureTask<Process>> queue = new LinkedBlockingQueue<>();
        private final Thread thread;
        private volatile boolean closed;

        LaunchThread(String name) {
            this.thread = Thread.ofPlatform().daemon().name(name).start(this::loop);
        }

        private void loop() {
            while (!closed) {
                try {
                    queue.take().run();
                } catch (InterruptedException e) {
                    // only close() may end this thread: its end kills every process it started
                }
            }
            queue.forEach(task -> task.cancel(false));
        }

        Process launch(ProcessBuilder builder) throws IOException {
            FutureTask<Process> task = new FutureTask<>(builder::start);
            if (closed) {
                throw new IOException("the process launcher has stopped");
            }
            queue.add(task);
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        // a process started for a caller who gave up would be nobody's: wait for it in any case
                        return task.get();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    } catch (java.util.concurrent.CancellationException e) {
                        throw new IOException("the process launcher has stopped", e);
                    } catch (ExecutionException e) {
                        if (e.getCause() instanceof IOException io) {
                            throw io;
                        }
                        if (e.getCause() instanceof RuntimeException runtime) {
                            throw runtime;
                        }
                        throw new IOException(e.getCause());
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        /** Ends the thread, and with it (parent-death signal) every process it started that still runs. */
        @Override
        public void close() throws InterruptedException {
            closed = true;
            thread.interrupt();
            thread.join();
        }
    }
}
