package io.attune.adapters.amqp;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.impl.DefaultExceptionHandler;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.rabbitmq.connect.RabbitConnectionFactoryConfig;
import jakarta.inject.Singleton;

/**
 * The client's lost connections and failed reconnects go to {@link BrokerOutage}: without this, the RabbitMQ client
 * logs a warning per lost connection and an ERROR with a stack trace at every reconnect attempt (every few seconds)
 * for as long as the broker is away.
 */
@Singleton
final class BrokerReconnects implements BeanCreatedEventListener<RabbitConnectionFactoryConfig> {

    private final BrokerOutage outage;

    BrokerReconnects(BrokerOutage outage) {
        this.outage = outage;
    }

    @Override
    public RabbitConnectionFactoryConfig onCreated(BeanCreatedEvent<RabbitConnectionFactoryConfig> event) {
        RabbitConnectionFactoryConfig factory = event.getBean();
        factory.setExceptionHandler(new DefaultExceptionHandler() {
            @Override
            public void handleConnectionRecoveryException(Connection connection, Throwable exception) {
                outage.failed("reconnecting", exception.toString());
            }

            @Override
            public void handleUnexpectedConnectionDriverException(Connection connection, Throwable exception) {
                outage.failed("the connection was lost", exception.toString());
            }
        });
        return factory;
    }
}
