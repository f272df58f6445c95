package io.attune.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attune.application.fake.FakeSecretCipher;
import io.attune.application.fake.InMemoryCatalog;
import io.attune.application.fake.InMemoryStore;
import io.attune.application.fake.InMemoryTransactionRunner;
import io.attune.application.port.in.KeyCommands.PutKey;
import io.attune.application.port.in.PageRequest;
import io.attune.application.port.in.UseCaseException;
import io.attune.domain.key.KeyScope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeyCommandServiceTest {

    private final InMemoryStore store = new InMemoryStore();
    private Instant now = Instant.parse("2026-11-22T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final FakeSecretCipher cipher = new FakeSecretCipher();
    private final InMemoryCatalog catalog = new InMemoryCatalog(store);
    private final KeyCommandService service = new KeyCommandService(catalog, cipher, new InMemoryTransactionRunner(store),
            clock);

    @Test
    void storesASecretValueSealedAndAnOrdinaryOneAsItIs() {
        service.put(new PutKey("db_password", new KeyScope.System(), "hunter2", true, Optional.empty()));
        service.put(new PutKey("region", new KeyScope.System(), "eu-west-1", false, Optional.empty()));

        String stored = catalog.find("db_password", new KeyScope.System()).orElseThrow().value();
        assertThat(stored).startsWith("v1:" + cipher.keyId() + ":").doesNotContain("hunter2");
        assertThat(cipher.open(stored)).isEqualTo("hunter2");
        assertThat(catalog.find("region", new KeyScope.System()).orElseThrow().value()).isEqualTo("eu-west-1");
    }

    @Test
    void revealsASecretValueDecryptedOnlyWhenAsked() {
        service.put(new PutKey("db_password", new KeyScope.System(), "hunter2", true, Optional.empty()));

        assertThat(service.reveal("db_password", new KeyScope.System()).value()).contains("hunter2");
        assertThat(service.get("db_password", new KeyScope.System()).value()).isEmpty();
        assertThatThrownBy(() -> service.reveal("ghost", new KeyScope.System()))
                .isInstanceOf(UseCaseException.NotFound.class);
    }

    @Test
    void aSecretSealedWithAnotherEncryptionKeyIsAConflictNamingTheKeyNotTheValue() {
        catalog.put(new io.attune.domain.key.Key("db_password", new KeyScope.Pack("demo"),
                new FakeSecretCipher("0badc0de").seal("hunter2"), true, Optional.empty()));

        assertThatThrownBy(() -> service.reveal("db_password", new KeyScope.Pack("demo")))
                .isInstanceOf(UseCaseException.Conflict.class)
                .hasMessageContaining("the secret key 'db_password' (pack:demo) cannot be decrypted")
                .hasMessageContaining("another encryption key (id 0badc0de")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void sealsOnceTheSecretValuesAnEarlierVersionStoredInClear() {
        catalog.put(new io.attune.domain.key.Key("legacy", new KeyScope.System(), "hunter2", true, Optional.empty()));
        catalog.put(new io.attune.domain.key.Key("plain", new KeyScope.System(), "visible", false, Optional.empty()));
        service.put(new PutKey("fresh", new KeyScope.System(), "new-secret", true, Optional.empty()));
        String fresh = catalog.find("fresh", new KeyScope.System()).orElseThrow().value();

        assertThat(service.sealSecretsInClear()).isEqualTo(1);
        assertThat(service.sealSecretsInClear()).isZero();

        assertThat(catalog.find("legacy", new KeyScope.System()).orElseThrow().value()).doesNotContain("hunter2");
        assertThat(service.reveal("legacy", new KeyScope.System()).value()).contains("hunter2");
        assertThat(catalog.find("plain", new KeyScope.System()).orElseThrow().value()).isEqualTo("visible");
        assertThat(catalog.find("fresh", new KeyScope.System()).orElseThrow().value()).isEqualTo(fresh);
    }

    @Test
    void neverReturnsTheValueOfASecretKey() {
        var put = service.put(new PutKey("db_password", new KeyScope.System(), "hunter2", true, Optional.empty()));

        assertThat(put.value()).isEmpty();
        assertThat(service.get("db_password", new KeyScope.System()).value()).isEmpty();
        assertThat(service.list(Optional.empty(), Optional.empty(), PageRequest.defaults()).items())
                .allSatisfy(k -> assertThat(k.value()).isEmpty());
    }

    @Test
    void showsThePlainValueOfAnOrdinaryKey() {
        service.put(new PutKey("region", new KeyScope.System(), "eu-west-1", false, Optional.empty()));

        assertThat(service.get("region", new KeyScope.System()).value()).contains("eu-west-1");
    }

    @Test
    void keepsScopesApart() {
        service.put(new PutKey("token", new KeyScope.Pack("github"), "a", false, Optional.empty()));

        assertThatThrownBy(() -> service.get("token", new KeyScope.System())).isInstanceOf(UseCaseException.NotFound.class);
        assertThat(service.get("token", new KeyScope.Pack("github")).value()).contains("a");
    }

    @Test
    void aKeyWithATtlExpires() {
        service.put(new PutKey("session", new KeyScope.System(), "x", false, Optional.of(60L)));
        assertThat(service.get("session", new KeyScope.System()).expiresAt()).contains(now.plusSeconds(60));

        now = now.plus(Duration.ofSeconds(61));

        assertThatThrownBy(() -> service.get("session", new KeyScope.System())).isInstanceOf(UseCaseException.NotFound.class);
    }

    @Test
    void refusesABadNameAMissingValueAndANonPositiveTtl() {
        assertThatThrownBy(() -> service.put(new PutKey("../etc/passwd", new KeyScope.System(), "x", false, Optional.empty())))
                .isInstanceOf(UseCaseException.Invalid.class);
        assertThatThrownBy(() -> service.put(new PutKey("a", new KeyScope.System(), null, false, Optional.empty())))
                .isInstanceOf(UseCaseException.Invalid.class);
        assertThatThrownBy(() -> service.put(new PutKey("a", new KeyScope.System(), "x", false, Optional.of(0L))))
                .isInstanceOf(UseCaseException.Invalid.class);
    }
}
