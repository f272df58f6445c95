package io.attune.application.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attune.application.port.out.KeyRepository;
import io.attune.domain.key.Key;
import io.attune.domain.key.KeyScope;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What every TransactionRunner must do, observed through a repository of the same backend: commit all or nothing,
 * rethrow the failure unchanged, and let nested calls join the transaction around them.
 */
public abstract class TransactionRunnerContract extends StorageContract {

    private static final KeyScope SYSTEM = new KeyScope.System();

    /** Any repository of the backend, used to see what a transaction wrote. */
    protected abstract KeyRepository keys();

    private static Key key(String name, String value) {
        return new Key(name, SYSTEM, value, false, Optional.empty());
    }

    private Optional<String> valueOf(String name) {
        return transactions().readOnly(() -> keys().find(name, SYSTEM)).map(Key::value);
    }

    @Test
    void inTransactionCommitsWhatTheWorkWroteAndReturnsItsResult() {
        String result = transactions().inTransaction(() -> {
            keys().put(key("a", "1"));
            keys().put(key("b", "2"));
            return "done";
        });

        assertThat(result).isEqualTo("done");
        assertThat(valueOf("a")).contains("1");
        assertThat(valueOf("b")).contains("2");
    }

    @Test
    void runCommitsWhatTheWorkWrote() {
        transactions().run(() -> keys().put(key("a", "1")));

        assertThat(valueOf("a")).contains("1");
    }

    @Test
    void aFailureRollsBackEverythingTheWorkWroteAndIsRethrownUnchanged() {
        transactions().run(() -> keys().put(key("existing", "before")));
        IllegalStateException failure = new IllegalStateException("boom");

        assertThatThrownBy(() -> transactions().inTransaction(() -> {
            keys().put(key("existing", "after"));
            keys().put(key("new", "value"));
            throw failure;
        })).isSameAs(failure);

        assertThat(valueOf("existing")).contains("before");
        assertThat(valueOf("new")).isEmpty();
    }

    @Test
    void workSeesItsOwnWritesBeforeTheCommit() {
        Optional<String> seen = transactions().inTransaction(() -> {
            keys().put(key("a", "1"));
            return keys().find("a", SYSTEM).map(Key::value);
        });

        assertThat(seen).contains("1");
    }

    @Test
    void nestedCallsJoinTheOuterTransactionSoTheOuterFailureRollsThemBack() {
        RuntimeException failure = new RuntimeException("outer fails after the inner work");

        assertThatThrownBy(() -> transactions().inTransaction(() -> {
            keys().put(key("outer", "1"));
            transactions().run(() -> keys().put(key("inner", "2")));
            assertThat(transactions().readOnly(() -> keys().find("inner", SYSTEM))).isPresent();
            throw failure;
        })).isSameAs(failure);

        assertThat(valueOf("outer")).isEmpty();
        assertThat(valueOf("inner")).isEmpty();
    }

    @Test
    void aFailureInANestedCallRollsBackTheWholeTransaction() {
        RuntimeException failure = new RuntimeException("inner fails");

        assertThatThrownBy(() -> transactions().inTransaction(() -> {
            keys().put(key("outer", "1"));
            return transactions().inTransaction(() -> {
                keys().put(key("inner", "2"));
                throw failure;
            });
        })).isSameAs(failure);

        assertThat(valueOf("outer")).isEmpty();
        assertThat(valueOf("inner")).isEmpty();
    }

    @Test
    void nestedCallsCommitWithTheOuterTransaction() {
        transactions().run(() -> {
            keys().put(key("outer", "1"));
            transactions().run(() -> keys().put(key("inner", "2")));
        });

        assertThat(valueOf("outer")).contains("1");
        assertThat(valueOf("inner")).contains("2");
    }

    @Test
    void readOnlyReturnsWhatTheWorkReadAndRethrowsItsFailureUnchanged() {
        transactions().run(() -> keys().put(key("a", "1")));
        IllegalArgumentException failure = new IllegalArgumentException("bad read");

        assertThat(transactions().readOnly(() -> keys().find("a", SYSTEM))).map(Key::value).contains("1");
        assertThatThrownBy(() -> transactions().readOnly(() -> {
            throw failure;
        })).isSameAs(failure);
    }
}
