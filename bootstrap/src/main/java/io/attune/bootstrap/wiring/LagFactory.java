package io.attune.bootstrap.wiring;

import io.attune.application.port.out.BrokerQueues;
import io.attune.application.port.out.EventRepository;
import io.attune.application.port.out.Outbox;
import io.attune.application.port.out.PipelineTotals;
import io.attune.application.port.out.TransactionRunner;
import io.attune.application.service.LagService;
import io.attune.domain.event.IntakeLimits;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Builds the lag sampler and intake backpressure from {@code attune.intake.*}: a bound that cannot be read stops
 * startup naming the setting.
 */
@Factory
public class LagFactory {

    @Context
    LagService lag(EventRepository events, Outbox outbox, BrokerQueues broker, PipelineTotals totals,
                   TransactionRunner tx, Clock clock,
                   @Value("${attune.intake.max-backlog:10000}") String maxBacklog,
                   @Value("${attune.intake.max-lag:60s}") String maxLag) {
        return new LagService(events, outbox, broker, totals, tx, clock,
                new IntakeLimits(backlog(maxBacklog), lag(maxLag)));
    }

    static long backlog(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("off") || v.equals("false")) {
            return 0;
        }
        try {
            long n = Long.parseLong(v.replace("_", ""));
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("attune.intake.max-backlog (ATTUNE_INTAKE_MAX_BACKLOG): '" + value
                + "' is not a count of waiting items: expected a whole number, or 0/off for no bound");
    }

    static Optional<Duration> lag(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("0") || v.equals("off") || v.equals("false")) {
            return Optional.empty();
        }
        try {
            Duration d = v.startsWith("p") ? Duration.parse(v.toUpperCase(Locale.ROOT)) : simple(v);
            if (!d.isNegative() && !d.isZero()) {
                return Optional.of(d);
            }
        } catch (RuntimeException e) {
            // reported below
        }
        throw new IllegalArgumentException("attune.intake.max-lag (ATTUNE_INTAKE_MAX_LAG): '" + value + "' is not an"
                + " age: expected e.g. 60s, 5m or an ISO-8601 duration, or 0/off for no bound");
    }

    private static Duration simple(String v) {
        long n = Long.parseLong(v.substring(0, v.length() - 1).trim());
        return switch (v.charAt(v.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            default -> throw new IllegalArgumentException(v);
        };
    }
}
