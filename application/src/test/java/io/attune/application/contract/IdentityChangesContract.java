package io.attune.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.attune.application.port.out.IdentityChanges;
import io.attune.application.port.out.IdentityRepository;
import io.attune.domain.identity.ApiKey;
import io.attune.domain.identity.Role;
import io.attune.domain.identity.User;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every IdentityChanges must do: it becomes live, and then every committed change of a user or an API key made
 * through the IdentityRepository is heard; reading is not a change.
 */
public abstract class IdentityChangesContract extends StorageContract {

    private static final Instant T0 = Instant.parse("2031-02-03T04:05:06.789Z");
    private static final Duration WAIT = Duration.ofSeconds(10);

    protected abstract IdentityChanges changes();

    protected abstract IdentityRepository identities();

    private final AtomicInteger heard = new AtomicInteger();

    @BeforeEach
    void listen() {
        changes().subscribe(heard::incrementAndGet);
        assertThat(within(WAIT, () -> changes().live())).as("the feed becomes live").isTrue();
    }

    @Test
    void everyCommittedChangeOfAUserIsHeard() {
        int before = heard.get();
        write(() -> identities().insertUser(new User("ops", "$2a$10$h", Role.OPERATOR, T0)));
        assertThat(within(WAIT, () -> heard.get() > before)).as("an insert is heard").isTrue();

        int inserted = heard.get();
        write(() -> identities().updateUser(new User("ops", "$2a$10$h", Role.VIEWER, T0)));
        assertThat(within(WAIT, () -> heard.get() > inserted)).as("a change of role is heard").isTrue();

        int updated = heard.get();
        write(() -> identities().deleteUser("ops"));
        assertThat(within(WAIT, () -> heard.get() > updated)).as("a delete is heard").isTrue();
    }

    @Test
    void aRevokedApiKeyIsHeard() {
        write(() -> identities().insertUser(new User("ops", "$2a$10$h", Role.OPERATOR, T0)));
        write(() -> identities().insertApiKey(new ApiKey("c0ffee", "ci", "h", Role.VIEWER, "ops", T0, Optional.empty())));
        assertThat(within(WAIT, () -> heard.get() > 0)).isTrue();
        settle();

        int before = heard.get();
        write(() -> identities().revokeApiKey("c0ffee", T0.plusSeconds(1)));
        assertThat(within(WAIT, () -> heard.get() > before)).as("a revocation is heard").isTrue();
    }

    @Test
    void readingIsNotAChange() {
        write(() -> identities().insertUser(new User("ops", "$2a$10$h", Role.OPERATOR, T0)));
        assertThat(within(WAIT, () -> heard.get() > 0)).isTrue();
        settle();

        int before = heard.get();
        read(() -> identities().findUser("ops"));
        read(() -> identities().findApiKey("c0ffee"));
        settle();
        assertThat(heard.get()).isEqualTo(before);
    }

    /** Waits long enough for a notification in flight to arrive. */
    protected static void settle() {
        within(Duration.ofMillis(300), () -> false);
    }

    protected static boolean within(Duration wait, BooleanSupplier condition) {
        long end = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }
}
