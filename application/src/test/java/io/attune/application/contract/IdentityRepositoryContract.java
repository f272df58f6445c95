package io.attune.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.attune.application.port.out.IdentityRepository;
import io.attune.application.port.out.IdentityRepository.RefreshToken;
import io.attune.domain.identity.ApiKey;
import io.attune.domain.identity.Role;
import io.attune.domain.identity.User;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What every IdentityRepository must do: users by name, API keys by prefix, refresh tokens used once. */
public abstract class IdentityRepositoryContract extends StorageContract {

    private static final Instant T0 = Instant.parse("2031-02-03T04:05:06.789Z");

    protected abstract IdentityRepository identities();

    private static User user(String name, Role role) {
        return new User(name, "$2a$10$hash-of-" + name, role, T0);
    }

    @Test
    void usersAreKeptByNameListedInOrderAndUniquelyNamed() {
        assertThat(write(() -> identities().insertUser(user("zoe", Role.VIEWER)))).isTrue();
        assertThat(write(() -> identities().insertUser(user("ada", Role.ADMIN)))).isTrue();
        assertThat(write(() -> identities().insertUser(user("ada", Role.VIEWER)))).isFalse();

        assertThat(read(() -> identities().users())).extracting(User::username).containsExactly("ada", "zoe");
        assertThat(read(() -> identities().findUser("ada"))).contains(user("ada", Role.ADMIN));
        assertThat(read(() -> identities().findUser("nobody"))).isEmpty();
        assertThat(read(() -> identities().countUsers(Role.ADMIN))).isEqualTo(1);
    }

    @Test
    void aUserIsUpdatedAndDeletedWithTheirKeysAndTokens() {
        write(() -> identities().insertUser(user("ops", Role.OPERATOR)));
        write(() -> identities().insertApiKey(new ApiKey("0a1b2c", "ci", "h1", Role.VIEWER, "ops", T0, Optional.empty())));
        write(() -> identities().insertRefreshToken(new RefreshToken("t1", "ops", T0.plusSeconds(60), Optional.empty(), "s1")));

        assertThat(write(() -> identities().updateUser(user("ops", Role.VIEWER).withPasswordHash("new")))).isTrue();
        assertThat(read(() -> identities().findUser("ops")).orElseThrow())
                .extracting(User::role, User::passwordHash).containsExactly(Role.VIEWER, "new");
        assertThat(write(() -> identities().updateUser(user("ghost", Role.VIEWER)))).isFalse();

        assertThat(write(() -> identities().deleteUser("ops"))).isTrue();
        assertThat(write(() -> identities().deleteUser("ops"))).isFalse();
        assertThat(read(() -> identities().findApiKey("0a1b2c"))).isEmpty();
        assertThat(read(() -> identities().findRefreshToken("t1"))).isEmpty();
    }

    @Test
    void apiKeysAreFoundByPrefixListedNewestFirstAndRevokedOnce() {
        write(() -> identities().insertUser(user("ops", Role.OPERATOR)));
        ApiKey older = new ApiKey("aaaaaa", "old", "h1", Role.VIEWER, "ops", T0, Optional.empty());
        ApiKey newer = new ApiKey("bbbbbb", "new", "h2", Role.OPERATOR, "ops", T0.plusSeconds(1), Optional.empty());
        write(() -> identities().insertApiKey(older));
        write(() -> identities().insertApiKey(newer));

        assertThat(read(() -> identities().findApiKey("aaaaaa"))).contains(older);
        assertThat(read(() -> identities().apiKeys())).containsExactly(newer, older);

        assertThat(write(() -> identities().revokeApiKey("aaaaaa", T0.plusSeconds(5)))).isTrue();
        assertThat(write(() -> identities().revokeApiKey("aaaaaa", T0.plusSeconds(6)))).isFalse();
        assertThat(write(() -> identities().revokeApiKey("cccccc", T0))).isFalse();
        assertThat(read(() -> identities().findApiKey("aaaaaa")).orElseThrow().revokedAt()).contains(T0.plusSeconds(5));
    }

    @Test
    void aRefreshTokenIsUsedOnceAndAllOfAUsersCanBeEnded() {
        write(() -> identities().insertUser(user("ops", Role.OPERATOR)));
        write(() -> identities().insertRefreshToken(new RefreshToken("t1", "ops", T0.plusSeconds(60), Optional.empty(), "s1")));
        write(() -> identities().insertRefreshToken(new RefreshToken("t2", "ops", T0.plusSeconds(60), Optional.empty(), "s1")));

        assertThat(read(() -> identities().findRefreshToken("t1")))
                .contains(new RefreshToken("t1", "ops", T0.plusSeconds(60), Optional.empty(), "s1"));
        assertThat(write(() -> identities().useRefreshToken("t1", T0.plusSeconds(1)))).isTrue();
        assertThat(write(() -> identities().useRefreshToken("t1", T0.plusSeconds(2)))).isFalse();
        assertThat(read(() -> identities().findRefreshToken("t1")).orElseThrow().usedAt()).contains(T0.plusSeconds(1));

        write(() -> identities().revokeRefreshTokens("ops", T0.plusSeconds(3)));
        assertThat(read(() -> identities().findRefreshToken("t2")).orElseThrow().usedAt()).contains(T0.plusSeconds(3));
        assertThat(read(() -> identities().findRefreshToken("t1")).orElseThrow().usedAt()).contains(T0.plusSeconds(1));
        assertThat(read(() -> identities().findRefreshToken("none"))).isEmpty();
    }

    @Test
    void aSessionIsActiveWhileItHasAnUnusedTokenThatHasNotExpired() {
        write(() -> identities().insertUser(user("ops", Role.OPERATOR)));
        write(() -> identities().insertUser(user("zoe", Role.VIEWER)));
        write(() -> identities().insertRefreshToken(new RefreshToken("a1", "ops", T0.plusSeconds(60), Optional.empty(), "sa")));
        write(() -> identities().insertRefreshToken(new RefreshToken("b1", "ops", T0.plusSeconds(60), Optional.empty(), "sb")));
        write(() -> identities().insertRefreshToken(new RefreshToken("z1", "zoe", T0.plusSeconds(60), Optional.empty(), "sz")));

        assertThat(read(() -> identities().sessionActive("sa", T0))).isTrue();
        assertThat(read(() -> identities().sessionActive("sa", T0.plusSeconds(60)))).as("expired").isFalse();
        assertThat(read(() -> identities().sessionActive("unknown", T0))).isFalse();

        write(() -> identities().useRefreshToken("a1", T0));
        assertThat(read(() -> identities().sessionActive("sa", T0))).as("its only token used").isFalse();
        write(() -> identities().insertRefreshToken(new RefreshToken("a2", "ops", T0.plusSeconds(60), Optional.empty(), "sa")));
        assertThat(read(() -> identities().sessionActive("sa", T0))).as("refreshed").isTrue();

        write(() -> identities().revokeRefreshTokens("ops", T0));
        assertThat(read(() -> identities().sessionActive("sa", T0))).isFalse();
        assertThat(read(() -> identities().sessionActive("sb", T0))).isFalse();
        assertThat(read(() -> identities().sessionActive("sz", T0))).as("another user's").isTrue();

        write(() -> identities().deleteUser("zoe"));
        assertThat(read(() -> identities().sessionActive("sz", T0))).isFalse();
    }
}
