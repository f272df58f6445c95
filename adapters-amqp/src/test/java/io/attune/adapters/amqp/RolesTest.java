package io.attune.adapters.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RolesTest {

    private static TestBroker broker;

    @BeforeAll
    static void start() throws Exception {
        broker = new TestBroker();
    }

    @AfterAll
    static void stop() throws Exception {
        broker.close();
    }

    @Test
    void aWorkerConsumesDispatchesAndCancelsButNoStatus() {
        try (ApplicationContext context = broker.start(Map.of("attune.roles", "worker"))) {
            assertThat(context.containsBean(DispatchListener.class)).isTrue();
            assertThat(context.containsBean(CancelListener.class)).isTrue();
            assertThat(context.containsBean(StatusListener.class)).isFalse();
            assertThat(context.containsBean(RulesListener.class)).isFalse();
        }
    }

    @Test
    void anApiInstanceConsumesOnlyStatusChanges() {
        try (ApplicationContext context = broker.start(Map.of("attune.roles", " API "))) {
            assertThat(context.containsBean(DispatchListener.class)).isFalse();
            assertThat(context.containsBean(CancelListener.class)).isFalse();
            assertThat(context.containsBean(StatusListener.class)).isTrue();
            assertThat(context.containsBean(RulesListener.class)).isFalse();
        }
    }

    @Test
    void anExecutorConsumesOnlyRecordedEventsAndASensorNothing() {
        try (ApplicationContext context = broker.start(Map.of("attune.roles", "executor,sensor"))) {
            assertThat(context.containsBean(DispatchListener.class)).isFalse();
            assertThat(context.containsBean(CancelListener.class)).isFalse();
            assertThat(context.containsBean(StatusListener.class)).isFalse();
            assertThat(context.containsBean(RulesListener.class)).isTrue();
            assertThat(context.containsBean(RabbitMessagePublisher.class)).isTrue();
        }
        try (ApplicationContext context = broker.start(Map.of("attune.roles", "sensor"))) {
            assertThat(context.containsBean(RulesListener.class)).isFalse();
        }
    }

    @Test
    void everyRoleRunsWhenNoneIsConfigured() {
        try (ApplicationContext context = broker.start(Map.of())) {
            assertThat(context.containsBean(DispatchListener.class)).isTrue();
            assertThat(context.containsBean(StatusListener.class)).isTrue();
            assertThat(context.containsBean(RulesListener.class)).isTrue();
        }
    }
}
