/** RabbitMQ adapter: topology, publisher with confirms, listeners that call inbound ports. */
module io.attune.adapters.amqp {
    requires io.attune.application;
    requires io.micronaut.micronaut_core;
    requires io.micronaut.micronaut_inject;
    requires io.micronaut.rabbitmq.micronaut_rabbitmq;
    requires com.rabbitmq.client;
    requires java.sql;
    requires com.fasterxml.jackson.databind;
    requires jakarta.inject;
    requires jakarta.annotation;
    requires org.slf4j;

    exports io.attune.adapters.amqp;
}
