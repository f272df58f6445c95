package io.attune.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    private final KeyCommandService service = new KeyCommandService(new InMemoryCatalog(store),
            new InMemoryTransactionRunner(store), clock);

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
