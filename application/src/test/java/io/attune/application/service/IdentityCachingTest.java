package io.attune.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.attune.application.fake.InMemoryIdentities;
import io.attune.application.fake.InMemoryStore;
import io.attune.application.fake.InMemoryTransactionRunner;
import io.attune.application.fake.MutableClock;
import io.attune.application.port.in.Identities.NewApiKey;
import io.attune.application.port.in.Identities.Principal;
import io.attune.application.port.out.IdentityChanges;
import io.attune.application.port.out.IdentityRepository;
import io.attune.application.port.out.PasswordHasher;
import io.attune.domain.identity.Role;
import io.attune.domain.identity.User;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The callers of requests kept in memory: read once while the feed of changes is live, dropped by every change heard
 * or made here, never kept from a read that raced a change, never kept while the feed is not live, and expired after
 * {@link IdentityCache#MAX_AGE}. The changes below made straight in the repository are what another instance does:
 * this service hears them only when the feed says so.
 */
class IdentityCachingTest {

    private static final PasswordHasher HASHER = new PasswordHasher() {
        @Override
        public String hash(String password) {
            return "h:" + password;
        }

        @Override
        public boolean verify(String password, String hash) {
            return hash(password).equals(hash);
        }
    };

    /** A feed this test drives. */
    private static final class Feed implements IdentityChanges {
        private final List<Runnable> subscribers = new CopyOnWriteArrayList<>();
        private volatile boolean live = true;

        @Override
        public void subscribe(Runnable changed) {
            subscribers.add(changed);
        }

        @Override
        public boolean live() {
            return live;
        }

        void hear() {
            subscribers.forEach(Runnable::run);
        }
    }

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T10:00:00Z"));
    private final InMemoryIdentities stored = new InMemoryIdentities();
    private final AtomicInteger reads = new AtomicInteger();
    private final Feed feed = new Feed();
    private Runnable duringRead = () -> { };
    private final IdentityService service = new IdentityService(counted(stored), HASHER, new LoginThrottle(clock),
            new InMemoryTransactionRunner(new InMemoryStore()), clock, Duration.ofDays(7), feed);

    /** The repository, counting the lookups of callers and running {@link #duringRead} inside each. */
    private IdentityRepository counted(IdentityRepository repository) {
        return (IdentityRepository) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {IdentityRepository.class}, (proxy, method, args) -> {
                    try {
                        if (method.getName().equals("findUser") || method.getName().equals("findApiKey")) {
                            reads.incrementAndGet();
                            Object found = method.invoke(repository, args);
                            duringRead.run();
                            return found;
                        }
                        return method.invoke(repository, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private void elsewhere(Role role) {
        stored.updateUser(stored.findUser("ops").orElseThrow().withRole(role));
    }

    @Test
    void aCallerIsReadOnceAndKeptUntilAChangeIsHeard() {
        service.createUser("ops", "operator-pw", Role.OPERATOR);
        reads.set(0);

        assertThat(service.currentUser("ops")).contains(new Principal("ops", Role.OPERATOR));
        assertThat(service.currentUser("ops")).contains(new Principal("ops", Role.OPERATOR));
        assertThat(reads).hasValue(1);

        elsewhere(Role.VIEWER);
        assertThat(service.currentUser("ops")).as("not heard yet").contains(new Principal("ops", Role.OPERATOR));
        feed.hear();
        assertThat(service.currentUser("ops")).contains(new Principal("ops", Role.VIEWER));
        assertThat(reads).hasValue(2);
    }

    @Test
    void nothingIsKeptWhileTheFeedIsNotLive() {
        service.createUser("ops", "operator-pw", Role.OPERATOR);
        feed.live = false;

        assertThat(service.currentUser("ops")).contains(new Principal("ops", Role.OPERATOR));
        elsewhere(Role.VIEWER);
        assertThat(service.currentUser("ops")).contains(new Principal("ops", Role.VIEWER));

        feed.live = true;
        service.currentUser("ops");
        elsewhere(Role.ADMIN);
        feed.live = false; // lost without a word: what was kept is not used
        assertThat(service.currentUser("ops")).contains(new Principal("ops", Role.ADMIN));
    }

    @Test
    void aChangeMadeThroughThisInstanceIsSeenByItsNextRequestWithoutTheFeed() {
        service.createUser("ops", "operator-pw", Role.OPERATOR);
        service.createUser("admin", "admin-pass", Role.ADMIN);
        NewApiKey key = service.createApiKey("ci", Optional.empty(), new Principal("ops", Role.OPERATOR));
        assertThat(service.currentUser("ops")).contains(new Principal("ops", Role.OPERATOR));
        assertThat(service.apiKey(key.secret())).isPresent();

        service.updateUser("ops", Optional.of(Role.VIEWER), Optional.empty());
        assertThat(service.currentUser("ops")).contains(new Principal("ops", Role.VIEWER));

        service.revokeApiKey(key.key().prefix());
        assertThat(service.apiKey(key.secret())).isEmpty();

        service.deleteUser("ops");
        assertThat(service.currentUser("ops")).isEmpty();
    }

    @Test
    void aReadThatRacedAChangeIsNotKept() {
        service.createUser("ops", "operator-pw", Role.OPERATOR);
        duringRead = feed::hear; // the change is heard while the old row is in hand
        service.currentUser("ops");
        duringRead = () -> { };
        reads.set(0);

        service.currentUser("ops");
        assertThat(reads).as("read again").hasValue(1);
        service.currentUser("ops");
        assertThat(reads).as("then kept").hasValue(1);
    }

    @Test
    void aKeptCallerExpiresAfterTheLongestAge() {
        service.createUser("ops", "operator-pw", Role.OPERATOR);
        service.currentUser("ops");
        elsewhere(Role.VIEWER);

        clock.advance(IdentityCache.MAX_AGE.minusSeconds(1));
        assertThat(service.currentUser("ops")).contains(new Principal("ops", Role.OPERATOR));
        clock.advance(Duration.ofSeconds(1));
        assertThat(service.currentUser("ops")).contains(new Principal("ops", Role.VIEWER));
    }

    @Test
    void anUnknownCallerIsNotKeptSoANewUserIsSeenAtOnce() {
        assertThat(service.currentUser("new")).isEmpty();
        stored.insertUser(new User("new", "h:x", Role.VIEWER, clock.instant()));
        assertThat(service.currentUser("new")).contains(new Principal("new", Role.VIEWER));
    }
}
