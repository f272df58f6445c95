package io.attune.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.application.port.out.KeyRepository;
import io.attune.domain.key.Key;
import io.attune.domain.key.KeyScope;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What every KeyRepository must do: keep one value per (scope, name), and list keys by scope then name. */
public abstract class KeyRepositoryContract extends StorageContract {

    private static final KeyScope SYSTEM = new KeyScope.System();
    private static final KeyScope DEMO = new KeyScope.Pack("demo");
    private static final KeyScope ALPHA = new KeyScope.Pack("alpha");

    protected abstract KeyRepository keys();

    private static Key key(String name, KeyScope scope, String value) {
        return new Key(name, scope, value, false, Optional.empty());
    }

    @Test
    void putStoresEveryFieldOfTheKey() {
        Key secret = new Key("db.password", DEMO, "ciphertext==", true, Optional.of(Instant.parse("2031-02-03T04:05:06Z")));
        Key plain = key("greeting", SYSTEM, "hello");

        write(() -> keys().put(secret));
        write(() -> keys().put(plain));

        assertThat(read(() -> keys().find("db.password", DEMO))).contains(secret);
        assertThat(read(() -> keys().find("greeting", SYSTEM))).contains(plain);
    }

    @Test
    void putReplacesTheKeyWithTheSameScopeAndName() {
        write(() -> keys().put(new Key("token", SYSTEM, "old", true, Optional.of(Instant.parse("2031-01-01T00:00:00Z")))));
        Key replacement = key("token", SYSTEM, "new");

        write(() -> keys().put(replacement));

        assertThat(read(() -> keys().find("token", SYSTEM))).contains(replacement);
        assertThat(read(() -> keys().list(Optional.empty(), Optional.empty(), PageRequest.defaults())).total()).isEqualTo(1);
    }

    @Test
    void theSameNameInDifferentScopesNamesDifferentKeys() {
        write(() -> keys().put(key("token", SYSTEM, "system value")));
        write(() -> keys().put(key("token", DEMO, "demo value")));

        assertThat(read(() -> keys().find("token", SYSTEM))).map(Key::value).contains("system value");
        assertThat(read(() -> keys().find("token", DEMO))).map(Key::value).contains("demo value");
        assertThat(read(() -> keys().find("token", ALPHA))).isEmpty();
    }

    @Test
    void findReturnsAnExpiredKeyBecauseExpiryIsTheCallersDecision() {
        Key expired = new Key("old", SYSTEM, "v", false, Optional.of(Instant.parse("2001-01-01T00:00:00Z")));
        write(() -> keys().put(expired));

        assertThat(read(() -> keys().find("old", SYSTEM))).contains(expired);
    }

    @Test
    void deleteRemovesOnlyTheKeyOfThatScopeAndReturnsFalseWhenAbsent() {
        write(() -> keys().put(key("token", SYSTEM, "s")));
        write(() -> keys().put(key("token", DEMO, "d")));

        assertThat(write(() -> keys().delete("token", DEMO))).isTrue();
        assertThat(write(() -> keys().delete("token", DEMO))).isFalse();
        assertThat(write(() -> keys().delete("absent", SYSTEM))).isFalse();

        assertThat(read(() -> keys().find("token", DEMO))).isEmpty();
        assertThat(read(() -> keys().find("token", SYSTEM))).isPresent();
    }

    @Test
    void listOrdersByScopeThenNameAndFiltersByScopeAndNamePrefix() {
        for (KeyScope scope : List.of(SYSTEM, DEMO, ALPHA)) {
            for (String name : List.of("db.user", "api_token", "db.host", "dbx")) {
                write(() -> keys().put(key(name, scope, scope.code() + "/" + name)));
            }
        }

        assertThat(names(Optional.empty(), Optional.empty())).containsExactly(
                "pack:alpha/api_token", "pack:alpha/db.host", "pack:alpha/db.user", "pack:alpha/dbx",
                "pack:demo/api_token", "pack:demo/db.host", "pack:demo/db.user", "pack:demo/dbx",
                "system/api_token", "system/db.host", "system/db.user", "system/dbx");
        assertThat(names(Optional.of(DEMO), Optional.empty()))
                .containsExactly("pack:demo/api_token", "pack:demo/db.host", "pack:demo/db.user", "pack:demo/dbx");
        assertThat(names(Optional.empty(), Optional.of("db.")))
                .containsExactly("pack:alpha/db.host", "pack:alpha/db.user", "pack:demo/db.host", "pack:demo/db.user",
                        "system/db.host", "system/db.user");
        assertThat(names(Optional.of(SYSTEM), Optional.of("db"))).containsExactly("system/db.host", "system/db.user", "system/dbx");
        assertThat(names(Optional.of(SYSTEM), Optional.of("nothing"))).isEmpty();
    }

    @Test
    void listReturnsOnePageAtATimeWithTheTotal() {
        for (String name : List.of("e", "d", "c", "b", "a")) {
            write(() -> keys().put(key(name, SYSTEM, name)));
        }

        Page<Key> second = read(() -> keys().list(Optional.of(SYSTEM), Optional.empty(), new PageRequest(2, 2)));
        Page<Key> beyond = read(() -> keys().list(Optional.of(SYSTEM), Optional.empty(), new PageRequest(2, 6)));

        assertThat(second.items()).extracting(Key::name).containsExactly("c", "d");
        assertThat(second.total()).isEqualTo(5);
        assertThat(second.limit()).isEqualTo(2);
        assertThat(second.offset()).isEqualTo(2);
        assertThat(beyond.items()).isEmpty();
        assertThat(beyond.total()).isEqualTo(5);
    }

    private List<String> names(Optional<KeyScope> scope, Optional<String> prefix) {
        return read(() -> keys().list(scope, prefix, PageRequest.defaults())).items().stream()
                .map(k -> k.scope().code() + "/" + k.name()).toList();
    }
}
