package io.attune.adapters.postgres;

import static io.attune.application.contract.CatalogSamples.action;
import static io.attune.application.contract.CatalogSamples.content;
import static io.attune.application.contract.CatalogSamples.ref;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attune.application.port.out.ActionRepository;
import io.attune.application.port.out.KeyRepository;
import io.attune.application.port.out.PackRepository;
import io.attune.application.port.out.TransactionRunner;
import io.attune.domain.key.Key;
import io.attune.domain.key.KeyScope;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What this adapter promises beyond the port contracts: use outside a transaction, enforced read-only, wrapped failures. */
class PostgresAdapterBehaviourTest {

    private static final KeyScope SYSTEM = new KeyScope.System();

    private final TransactionRunner transactions = TestDatabase.bean(TransactionRunner.class);
    private final KeyRepository keys = TestDatabase.bean(KeyRepository.class);
    private final PackRepository packs = TestDatabase.bean(PackRepository.class);
    private final ActionRepository actions = TestDatabase.bean(ActionRepository.class);

    @BeforeEach
    void emptyTheDatabase() {
        TestDatabase.reset();
    }

    @Test
    void repositoriesWorkOutsideATransactionEachCallCommittingOnItsOwn() {
        keys.put(new Key("a", SYSTEM, "1", false, Optional.empty()));
        packs.replace(content("demo").with(action("demo.greet")).build());

        assertThat(keys.find("a", SYSTEM)).map(Key::value).contains("1");
        assertThat(actions.find(ref("demo.greet"))).isPresent();
        assertThat(transactions.readOnly(() -> packs.find("demo"))).isPresent();
    }

    @Test
    void aReadOnlyTransactionRefusesWritesWithAPersistenceException() {
        assertThatThrownBy(() -> transactions.readOnly(() -> {
            keys.put(new Key("a", SYSTEM, "1", false, Optional.empty()));
            return null;
        })).isInstanceOf(PersistenceException.class).hasMessageContaining("read-only");

        assertThat(keys.find("a", SYSTEM)).isEmpty();
    }

    @Test
    void timesAreKeptToTheMicrosecondTruncated() {
        Instant precise = Instant.parse("2031-02-03T04:05:06.123456789Z");
        keys.put(new Key("a", SYSTEM, "1", false, Optional.of(precise)));

        assertThat(keys.find("a", SYSTEM).orElseThrow().expiresAt()).contains(Instant.parse("2031-02-03T04:05:06.123456Z"));
    }
}
