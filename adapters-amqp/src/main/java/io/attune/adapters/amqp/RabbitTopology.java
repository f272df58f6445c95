package io.attune.adapters.amqp;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import io.micronaut.rabbitmq.connect.ChannelInitializer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Map;

/**
 * Declares Attune's exchanges and its dead-letter queue when the first channel opens: one durable topic exchange
 * {@value #EXCHANGE} for every message, and {@value #DEAD_LETTER_EXCHANGE} whose queue {@value #DEAD_LETTER_QUEUE}
 * parks messages that failed too often, for an operator to inspect. Declarations are idempotent.
 */
@Singleton
public class RabbitTopology extends ChannelInitializer {

    public static final String EXCHANGE = "attune";
    public static final String DEAD_LETTER_EXCHANGE = "attune.dlx";
    public static final String DEAD_LETTER_QUEUE = "attune.dead";

    @Override
    public void initialize(Channel channel, String name) throws IOException {
        channel.exchangeDeclare(EXCHANGE, BuiltinExchangeType.TOPIC, true);
        channel.exchangeDeclare(DEAD_LETTER_EXCHANGE, BuiltinExchangeType.FANOUT, true);
        channel.queueDeclare(DEAD_LETTER_QUEUE, true, false, false, Map.of());
        channel.queueBind(DEAD_LETTER_QUEUE, DEAD_LETTER_EXCHANGE, "#");
    }
}
