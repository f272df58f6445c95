package io.attune.adapters.amqp;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the broker is reachable, as everything that talks to it sees it (publishes, the outbox relay, reconnects,
 * health checks): an outage is logged once when it starts (WARN, with the first failure) and once when it ends (INFO,
 * with its length), however many requests, relays and health checks fail meanwhile; those log at DEBUG only.
 */
@Singleton
public final class BrokerOutage {

    /** Where the two lines an outage writes go; SLF4J outside tests. */
    interface Log {
        void warn(String message);

        void info(String message);

        void debug(String message);
    }

    private static final Logger LOG = LoggerFactory.getLogger(BrokerOutage.class);

    /** When the current outage began; null while the broker is reachable. */
    private final AtomicReference<Instant> since = new AtomicReference<>();
    private final Clock clock;
    private final Log log;

    @Inject
    public BrokerOutage() {
        this(Clock.systemUTC(), new Log() {
            @Override
            public void warn(String message) {
                LOG.warn(message);
            }

            @Override
            public void info(String message) {
                LOG.info(message);
            }

            @Override
            public void debug(String message) {
                LOG.debug(message);
            }
        });
    }

    BrokerOutage(Clock clock, Log log) {
        this.clock = clock;
        this.log = log;
    }

    /** Something could not reach the broker; true when this begins an outage (then, and only then, it is logged). */
    public boolean failed(String what, String cause) {
        Instant now = clock.instant();
        if (since.compareAndSet(null, now)) {
            log.warn("The message broker is unreachable (" + what + ": " + cause + "); messages stay in the outbox"
                    + " and are sent when it is back. Logged once per outage.");
            return true;
        }
        log.debug("still no broker (" + what + ": " + cause + ")");
        return false;
    }

    /** Something reached the broker; true when this ends an outage (then it is logged, with the outage's length). */
    public boolean reached() {
        Instant began = since.getAndSet(null);
        if (began == null) {
            return false;
        }
        Duration length = Duration.between(began, clock.instant());
        log.info("The message broker is reachable again after " + length.toMillis() / 1000.0 + " s; the outbox"
                + " relay sends what waited.");
        return true;
    }

    /** Since when the broker has been unreachable; empty while it is reachable (or no failure was seen). */
    public Optional<Instant> downSince() {
        return Optional.ofNullable(since.get());
    }
}
