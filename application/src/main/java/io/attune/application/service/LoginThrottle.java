package io.attune.application.service;

import io.attune.application.port.in.UseCaseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing, per username and per client address: after {@value #FREE_FAILURES} failures in a
 * row, each further attempt must wait 1 s, then 2, 4, … up to 15 minutes after the last failure. A success clears
 * the username's and the address's count. Held in memory, per instance.
 */
public final class LoginThrottle {

    static final int FREE_FAILURES = 5;
    static final Duration MAX_WAIT = Duration.ofMinutes(15);
    private static final int MAX_ENTRIES = 100_000;

    private record Failures(int count, Instant last) {
    }

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** TooManyAttempts when the username or the address must still wait. */
    public void check(String username, String address) {
        Instant now = clock.instant();
        Duration wait = max(waitFor("user:" + username, now), waitFor("address:" + address, now));
        if (!wait.isZero()) {
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            throw new UseCaseException.TooManyAttempts("too many failed logins: try again in " + seconds + " s",
                    Duration.ofSeconds(seconds));
        }
    }

    public void failed(String username, String address) {
        Instant now = clock.instant();
        if (failures.size() > MAX_ENTRIES) {
            failures.values().removeIf(f -> f.last().plus(MAX_WAIT).isBefore(now));
        }
        failures.merge("user:" + username, new Failures(1, now), (a, b) -> new Failures(a.count() + 1, now));
        failures.merge("address:" + address, new Failures(1, now), (a, b) -> new Failures(a.count() + 1, now));
    }

    public void succeeded(String username, String address) {
        failures.remove("user:" + username);
        failures.remove("address:" + address);
    }

    private Duration waitFor(String key, Instant now) {
        Failures f = failures.get(key);
        if (f == null || f.count() < FREE_FAILURES) {
            return Duration.ZERO;
        }
        int exponent = Math.min(f.count() - FREE_FAILURES, 20);
        Duration backoff = Duration.ofSeconds(1L << exponent);
        if (backoff.compareTo(MAX_WAIT) > 0) {
            backoff = MAX_WAIT;
        }
        Duration left = Duration.between(now, f.last().plus(backoff));
        return left.isNegative() ? Duration.ZERO : left;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
