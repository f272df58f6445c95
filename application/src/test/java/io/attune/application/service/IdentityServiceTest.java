package io.attune.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attune.application.fake.InMemoryIdentities;
import io.attune.application.fake.InMemoryStore;
import io.attune.application.fake.InMemoryTransactionRunner;
import io.attune.application.fake.MutableClock;
import io.attune.application.port.in.Identities.NewApiKey;
import io.attune.application.port.in.Identities.Principal;
import io.attune.application.port.in.Identities.Session;
import io.attune.application.port.in.UseCaseException;
import io.attune.application.port.out.PasswordHasher;
import io.attune.domain.identity.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IdentityServiceTest {

    /** Not a real hash: enough to tell passwords apart in tests. */
    private static final PasswordHasher HASHER = new PasswordHasher() {
        @Override
        public String hash(String password) {
            return "h:" + new StringBuilder(password).reverse();
        }

        @Override
        public boolean verify(String password, String hash) {
            return hash(password).equals(hash);
        }
    };

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T10:00:00Z"));
    private final InMemoryIdentities repository = new InMemoryIdentities();
    private final IdentityService service = new IdentityService(repository, HASHER, new LoginThrottle(clock),
            new InMemoryTransactionRunner(new InMemoryStore()), clock, Duration.ofDays(7));

    @Test
    void theFirstStartCreatesAnAdminWithARandomPasswordShownOnceOrTheGivenOne() {
        Optional<String> generated = service.ensureAdmin(Optional.empty());

        assertThat(generated).hasValueSatisfying(p -> assertThat(p).hasSizeGreaterThanOrEqualTo(20));
        assertThat(service.login("admin", generated.get(), "10.0.0.1").role()).isEqualTo(Role.ADMIN);
        assertThat(service.ensureAdmin(Optional.empty())).isEmpty();
        assertThat(repository.findUser("admin").orElseThrow().passwordHash()).doesNotContain(generated.get());

        InMemoryIdentities other = new InMemoryIdentities();
        IdentityService given = new IdentityService(other, HASHER, new LoginThrottle(clock),
                new InMemoryTransactionRunner(new InMemoryStore()), clock, Duration.ofDays(7));
        assertThat(given.ensureAdmin(Optional.of("chosen-password"))).isEmpty();
        assertThat(given.login("admin", "chosen-password", "a").username()).isEqualTo("admin");
    }

    @Test
    void aLogoutUsesTheRefreshTokenUpAndLeavesTheUsersOtherSessionsUntilItIsPresentedAgain() {
        service.createUser("ops", "operator-pw", Role.OPERATOR);
        Session console = service.login("ops", "operator-pw", "a");
        Session other = service.login("ops", "operator-pw", "b");

        service.logout(console.refreshToken());
        service.logout("not-a-token");
        service.logout(null);

        Session renewed = service.refresh(other.refreshToken());
        assertThat(renewed.username()).isEqualTo("ops");
        // a logged-out token presented again is a reuse: it was stolen, so every session of the user ends
        assertThatThrownBy(() -> service.refresh(console.refreshToken())).isInstanceOf(UseCaseException.Unauthenticated.class);
        assertThatThrownBy(() -> service.refresh(renewed.refreshToken())).isInstanceOf(UseCaseException.Unauthenticated.class);
    }

    @Test
    void aSessionStaysActiveAcrossRefreshesUntilItIsLoggedOutItsTokensRevokedOrItsUserDeleted() {
        service.createUser("ops", "operator-pw", Role.OPERATOR);
        Session first = service.login("ops", "operator-pw", "a");
        Session other = service.login("ops", "operator-pw", "b");
        assertThat(first.id()).isNotEqualTo(other.id());
        assertThat(service.sessionActive(first.id())).isTrue();

        Session refreshed = service.refresh(first.refreshToken());
        assertThat(refreshed.id()).isEqualTo(first.id());
        assertThat(service.sessionActive(first.id())).isTrue();

        service.logout(refreshed.refreshToken());
        assertThat(service.sessionActive(first.id())).isFalse();
        assertThat(service.sessionActive(other.id())).as("another session of the user").isTrue();

        service.updateUser("ops", Optional.empty(), Optional.of("changed-password"));
        assertThat(service.sessionActive(other.id())).as("a new password ends every session").isFalse();

        Session third = service.login("ops", "changed-password", "a");
        service.deleteUser("ops");
        assertThat(service.sessionActive(third.id())).isFalse();
        assertThat(service.sessionActive("")).isFalse();
        assertThat(service.sessionActive(null)).isFalse();
    }

    @Test
    void aWrongPasswordAndAnUnknownUserGetTheSameAnswer() {
        service.createUser("ops", "operator-pw", Role.OPERATOR);

        assertThatThrownBy(() -> service.login("ops", "nope-nope", "a")).isInstanceOf(UseCaseException.Unauthenticated.class)
                .hasMessage("wrong username or password");
        assertThatThrownBy(() -> service.login("ghost", "nope-nope", "b")).isInstanceOf(UseCaseException.Unauthenticated.class)
                .hasMessage("wrong username or password");
    }

    @Test
    void repeatedFailuresFromOneAddressHoldThatAddressBackForThatUserThenTheWaitPasses() {
        service.createUser("ops", "operator-pw", Role.OPERATOR);
        for (int i = 0; i < LoginThrottle.PAIR_FREE_FAILURES; i++) {
            assertThatThrownBy(() -> service.login("ops", "guess", "6.6.6.6")).isInstanceOf(UseCaseException.Unauthenticated.class);
        }

        assertThatThrownBy(() -> service.login("ops", "operator-pw", "6.6.6.6"))
                .isInstanceOfSatisfying(UseCaseException.TooManyAttempts.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(1)));

        clock.advance(Duration.ofSeconds(1));
        assertThat(service.login("ops", "operator-pw", "6.6.6.6").username()).isEqualTo("ops");
    }

    @Test
    void aStrangerFailingOnPurposeDoesNotKeepTheRealUserOutFromAnotherAddress() {
        service.createUser("admin2", "the-real-pw", Role.ADMIN);
        for (int i = 0; i < LoginThrottle.PAIR_FREE_FAILURES + 3; i++) {
            clock.advance(Duration.ofSeconds(10)); // the stranger waits as told, and fails again
            String guess = "guess-" + i;
            assertThatThrownBy(() -> service.login("admin2", guess, "6.6.6.6"))
                    .isInstanceOf(UseCaseException.Unauthenticated.class);
        }
        assertThatThrownBy(() -> service.login("admin2", "the-real-pw", "6.6.6.6"))
                .isInstanceOf(UseCaseException.TooManyAttempts.class);

        assertThat(service.login("admin2", "the-real-pw", "10.1.1.1").username()).isEqualTo("admin2");
    }

    @Test
    void oneAddressGuessingManyUsersIsHeldBackAndTheWaitDoubles() {
        for (int i = 0; i < LoginThrottle.ADDRESS_FREE_FAILURES + 1; i++) {
            String user = "user" + i;
            if (i == LoginThrottle.ADDRESS_FREE_FAILURES) {
                assertThatThrownBy(() -> service.login(user, "x", "6.6.6.6")).isInstanceOf(UseCaseException.TooManyAttempts.class);
                clock.advance(Duration.ofSeconds(1));
            }
            assertThatThrownBy(() -> service.login(user, "x", "6.6.6.6")).isInstanceOf(UseCaseException.Unauthenticated.class);
        }
        assertThatThrownBy(() -> service.login("someone", "x", "6.6.6.6"))
                .isInstanceOfSatisfying(UseCaseException.TooManyAttempts.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(2)));
        assertThatThrownBy(() -> service.login("someone", "x", "7.7.7.7")).isInstanceOf(UseCaseException.Unauthenticated.class);
    }

    @Test
    void aGuessOfOnePasswordFromManyAddressesMeetsTheMuchHigherUsernameCeiling() {
        service.createUser("ops", "operator-pw", Role.OPERATOR);
        for (int i = 0; i < LoginThrottle.USER_FREE_FAILURES; i++) {
            String address = "10.0." + (i / 250) + "." + (i % 250); // one guess per address
            assertThatThrownBy(() -> service.login("ops", "guess", address)).isInstanceOf(UseCaseException.Unauthenticated.class);
        }

        assertThatThrownBy(() -> service.login("ops", "operator-pw", "10.9.9.9"))
                .isInstanceOf(UseCaseException.TooManyAttempts.class);
        clock.advance(Duration.ofSeconds(1));
        assertThat(service.login("ops", "operator-pw", "10.9.9.9").username()).isEqualTo("ops");
    }

    @Test
    void failuresLongAgoAddUpToNothing() {
        service.createUser("ops", "operator-pw", Role.OPERATOR);
        for (int i = 0; i < LoginThrottle.PAIR_FREE_FAILURES * 3; i++) {
            assertThatThrownBy(() -> service.login("ops", "typo", "6.6.6.6")).isInstanceOf(UseCaseException.Unauthenticated.class);
            clock.advance(LoginThrottle.MAX_WAIT.plusSeconds(1));
        }
        assertThat(service.login("ops", "operator-pw", "6.6.6.6").username()).isEqualTo("ops");
    }

    @Test
    void aRefreshTokenIsRotatedAndAReusedOneEndsEverySession() {
        service.createUser("ops", "operator-pw", Role.OPERATOR);
        Session first = service.login("ops", "operator-pw", "a");
        Session other = service.login("ops", "operator-pw", "b");

        Session second = service.refresh(first.refreshToken());
        assertThat(second.refreshToken()).isNotEqualTo(first.refreshToken());
        assertThat(second.role()).isEqualTo(Role.OPERATOR);

        assertThatThrownBy(() -> service.refresh(first.refreshToken())).isInstanceOf(UseCaseException.Unauthenticated.class)
                .hasMessageContaining("used already");
        assertThatThrownBy(() -> service.refresh(second.refreshToken())).isInstanceOf(UseCaseException.Unauthenticated.class);
        assertThatThrownBy(() -> service.refresh(other.refreshToken())).isInstanceOf(UseCaseException.Unauthenticated.class);
        assertThatThrownBy(() -> service.refresh("made-up")).isInstanceOf(UseCaseException.Unauthenticated.class);
        assertThat(repository.findRefreshToken(IdentityService.sha256(first.refreshToken()))).isPresent();
    }

    @Test
    void anExpiredRefreshTokenIsRefused() {
        service.createUser("ops", "operator-pw", Role.OPERATOR);
        Session session = service.login("ops", "operator-pw", "a");

        clock.advance(Duration.ofDays(7));

        assertThatThrownBy(() -> service.refresh(session.refreshToken())).isInstanceOf(UseCaseException.Unauthenticated.class)
                .hasMessageContaining("expired");
    }

    @Test
    void anApiKeyIsShownOnceStoredAsAHashAndStopsWorkingWhenRevoked() {
        NewApiKey created = service.createApiKey("ci", Optional.of(Role.VIEWER), new Principal("ops", Role.OPERATOR));

        assertThat(created.secret()).startsWith("attk_" + created.key().prefix() + "_");
        assertThat(repository.findApiKey(created.key().prefix()).orElseThrow().hash())
                .isEqualTo(IdentityService.sha256(created.secret())).doesNotContain(created.secret());
        assertThat(service.apiKey(created.secret())).contains(new Principal("apikey:ci", Role.VIEWER));
        assertThat(service.apiKey(created.secret() + "x")).isEmpty();
        assertThat(service.apiKey("attk_" + created.key().prefix())).isEmpty();
        assertThat(service.apiKeys()).extracting(k -> k.prefix()).containsExactly(created.key().prefix());

        service.revokeApiKey(created.key().prefix());

        assertThat(service.apiKey(created.secret())).isEmpty();
        assertThatThrownBy(() -> service.revokeApiKey(created.key().prefix())).isInstanceOf(UseCaseException.NotFound.class);
    }

    @Test
    void aKeyCannotOutrankItsOwner() {
        assertThatThrownBy(() -> service.createApiKey("x", Optional.of(Role.ADMIN), new Principal("ops", Role.OPERATOR)))
                .isInstanceOf(UseCaseException.Forbidden.class);
        assertThat(service.createApiKey("x", Optional.empty(), new Principal("ops", Role.OPERATOR)).key().role())
                .isEqualTo(Role.OPERATOR);
    }

    @Test
    void usersAreValidatedAndTheLastAdminIsKept() {
        service.ensureAdmin(Optional.of("admin-password"));

        assertThatThrownBy(() -> service.createUser("bad name", "long-enough", Role.VIEWER))
                .isInstanceOfSatisfying(UseCaseException.Invalid.class,
                        e -> assertThat(e.errors().get(0).field()).isEqualTo("username"));
        assertThatThrownBy(() -> service.createUser("ok", "short", Role.VIEWER))
                .isInstanceOfSatisfying(UseCaseException.Invalid.class,
                        e -> assertThat(e.errors().get(0).field()).isEqualTo("password"));
        assertThatThrownBy(() -> service.createUser("ok", "密".repeat(25), Role.VIEWER))   // 25 characters, 75 bytes
                .isInstanceOfSatisfying(UseCaseException.Invalid.class,
                        e -> assertThat(e.errors().get(0).field()).isEqualTo("password"));
        service.createUser("ascii72", "a".repeat(72), Role.VIEWER);
        service.createUser("cjk24", "密".repeat(24), Role.VIEWER);
        service.deleteUser("ascii72");
        service.deleteUser("cjk24");
        service.createUser("ok", "long-enough", Role.VIEWER);
        assertThatThrownBy(() -> service.createUser("ok", "long-enough", Role.VIEWER))
                .isInstanceOf(UseCaseException.Conflict.class);
        assertThatThrownBy(() -> service.deleteUser("admin")).isInstanceOf(UseCaseException.Conflict.class);
        assertThatThrownBy(() -> service.updateUser("admin", Optional.of(Role.VIEWER), Optional.empty()))
                .isInstanceOf(UseCaseException.Conflict.class);

        service.updateUser("ok", Optional.of(Role.ADMIN), Optional.empty());
        service.deleteUser("admin");
        assertThat(service.users()).extracting(u -> u.username()).containsExactly("ok");
    }

    @Test
    void changingTheOwnPasswordNeedsTheCurrentOneAndEndsRefreshTokens() {
        service.createUser("ops", "operator-pw", Role.OPERATOR);
        Session session = service.login("ops", "operator-pw", "a");

        assertThatThrownBy(() -> service.changeOwnPassword("ops", "wrong-one", "new-password"))
                .isInstanceOfSatisfying(UseCaseException.Invalid.class,
                        e -> assertThat(e.errors().get(0).field()).isEqualTo("current_password"));
        service.changeOwnPassword("ops", "operator-pw", "new-password");

        assertThat(service.login("ops", "new-password", "a").username()).isEqualTo("ops");
        assertThatThrownBy(() -> service.refresh(session.refreshToken())).isInstanceOf(UseCaseException.Unauthenticated.class);
    }
}
