package io.attune.adapters.runtime;

import java.nio.file.Path;
import java.util.Objects;

/** The OS account that action and sensor processes run as: the server's own, or a dedicated unprivileged one. */
public sealed interface ProcessUser {

    /** Actions share the server's OS user: they can read whatever the server can. */
    record Server() implements ProcessUser {
    }

    /** Actions run as this account (uid, primary gid, home), switched to with {@code setpriv} before they start. */
    record Account(String name, long uid, long gid, Path home) implements ProcessUser {
        public Account {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(home, "home");
            if (uid < 0 || gid < 0) {
                throw new IllegalArgumentException("uid and gid must not be negative, got " + uid + "/" + gid);
            }
        }
    }

    /**
     * The server runs as root and its action user cannot be had: nothing is started (rather than run as root);
     * {@code reason} is each refused run's failure.
     */
    record Unavailable(String reason) implements ProcessUser {
        public Unavailable {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
