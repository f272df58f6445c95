/** RabbitMQ adapter: topology, publisher with confirms, listeners that call inbound ports. */
module io.attune.adapters.amqp {
    requires io.attune.application;
    requires io.micronaut.micronaut_core;
    requires io.micronaut.micronaut_inject;
    requires io.micronaut.rabbitmq.micronaut_rabbitmq;
    requires com.rabbitmq.client;
    requires jakarta.inject;

    exports io.attune.adapters.amqp;
}
