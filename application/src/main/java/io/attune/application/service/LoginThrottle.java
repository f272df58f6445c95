package io.attune.application.service;

import io.attune.application.port.in.UseCaseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing without handing a stranger a way to lock a user out. Failures are counted per
 * (username, address), per address and per username; past a count's free failures each further attempt must wait
 * 1 s, then 2, 4, … up to 15 minutes after the last failure:
 * <ul>
 * <li>(username, address): {@value #PAIR_FREE_FAILURES} free: one address guessing one user's password;</li>
 * <li>address: {@value #ADDRESS_FREE_FAILURES} free: one address guessing many users (several people behind one
 * NAT may mistype without holding each other back);</li>
 * <li>username: {@value #USER_FREE_FAILURES} free, from any addresses together: a distributed guess of one password.
 * This ceiling is far above the others so that failing on purpose from one or a few addresses never holds the real
 * user back; what remains is that failing from many addresses (about {@value #USER_FREE_FAILURES}) can.</li>
 * </ul>
 * A success clears its (username, address) and address counts, not the username's (or a guesser who knows one
 * password could reset it); a count with no failure for 15 minutes starts again. Held in memory, per instance.
 */
public final class LoginThrottle {

    static final int PAIR_FREE_FAILURES = 5;
    static final int ADDRESS_FREE_FAILURES = 20;
    static final int USER_FREE_FAILURES = 100;
    static final Duration MAX_WAIT = Duration.ofMinutes(15);
    private static final int MAX_ENTRIES = 100_000;

    private record Failures(int count, Instant last) {
    }

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** TooManyAttempts when the (username, address) pair, the address or the username must still wait. */
    public void check(String username, String address) {
        Instant now = clock.instant();
        Duration wait = max(waitFor(pair(username, address), PAIR_FREE_FAILURES, now),
                max(waitFor(address(address), ADDRESS_FREE_FAILURES, now), waitFor(user(username), USER_FREE_FAILURES, now)));
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
        for (String key : new String[] {pair(username, address), address(address), user(username)}) {
            // a count whose last failure is older than the longest wait starts again: old typos add up to nothing
            failures.merge(key, new Failures(1, now), (a, b) -> a.last().plus(MAX_WAIT).isBefore(now)
                    ? b : new Failures(a.count() + 1, now));
        }
    }

    public void succeeded(String username, String address) {
        failures.remove(pair(username, address));
        failures.remove(address(address));
    }

    private static String pair(String username, String address) {
        // the address holds no '\n' (a socket address), so the key cannot be confused with another pair's
        return "pair:" + address + "\n" + username;
    }

    private static String address(String address) {
        return "address:" + address;
    }

    private static String user(String username) {
        return "user:" + username;
    }

    private Duration waitFor(String key, int free, Instant now) {
        Failures f = failures.get(key);
        if (f == null || f.count() < free) {
            return Duration.ZERO;
        }
        int exponent = Math.min(f.count() - free, 20);
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
