package io.attune.adapters.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An outage of the broker logs one warning when it begins and one line when it ends, whatever fails in between. */
class BrokerOutageTest {

    private final List<String> warnings = new ArrayList<>();
    private final List<String> infos = new ArrayList<>();
    private Instant now = Instant.parse("2026-12-06T10:00:00Z");
    private final BrokerOutage outage = new BrokerOutage(new Clock() {
        @Override
        public java.time.ZoneId getZone() {
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
    }, new BrokerOutage.Log() {
        @Override
        public void warn(String message) {
            warnings.add(message);
        }

        @Override
        public void info(String message) {
            infos.add(message);
        }

        @Override
        public void debug(String message) {
        }
    });

    @Test
    void aThousandFailuresInOneOutageLogOneWarningAndTheReturnOneLine() {
        assertThat(outage.failed("publishing 1 message(s)", "connection refused")).isTrue();
        for (int i = 0; i < 1000; i++) {
            assertThat(outage.failed("health check", "connection is closed")).isFalse();
        }
        now = now.plus(Duration.ofSeconds(42));

        assertThat(outage.reached()).isTrue();
        assertThat(outage.reached()).isFalse();

        assertThat(warnings).singleElement().asString().contains("unreachable", "connection refused", "once per outage");
        assertThat(infos).singleElement().asString().contains("reachable again after 42.0 s");
    }

    @Test
    void eachOutageIsLoggedOnItsOwnAndNothingIsLoggedWhileTheBrokerIsUp() {
        assertThat(outage.reached()).isFalse();
        outage.failed("relay", "timeout");
        assertThat(outage.downSince()).hasValue(now);
        outage.reached();
        assertThat(outage.downSince()).isEmpty();
        outage.failed("relay", "timeout");
        outage.failed("relay", "timeout");
        outage.reached();

        assertThat(warnings).hasSize(2);
        assertThat(infos).hasSize(2);
    }

    @Test
    void concurrentFailuresBeginOneOutage() throws Exception {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            threads.add(Thread.ofPlatform().start(() -> {
                for (int j = 0; j < 1000; j++) {
                    outage.failed("publishing", "refused");
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        synchronized (warnings) {
            assertThat(warnings).hasSize(1);
        }
    }
}
