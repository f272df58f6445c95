/** The Micronaut application: wiring of services, configuration, embedded infrastructure, the one runnable jar. */
module io.attune.bootstrap {
    requires io.attune.application;
    requires io.attune.adapters.postgres;
    requires io.attune.adapters.amqp;
    requires io.attune.adapters.http;
    requires io.attune.adapters.expressions;
    requires io.attune.adapters.runtime;
    requires io.micronaut.micronaut_core;
    requires io.micronaut.micronaut_inject;
    requires io.micronaut.micronaut_context;
    requires io.micronaut.micronaut_runtime;
    requires io.micronaut.micronaut_http;
    requires io.micronaut.security.micronaut_security;
    requires io.micronaut.data.micronaut_data_tx;
    requires jakarta.inject;
    requires jakarta.annotation;
    requires micrometer.core;
    requires org.slf4j;
    requires java.management;
    requires java.sql;
    requires java.net.http;
    requires qpid.broker.core;
    requires embedded.postgres;
    requires bcrypt;

    exports io.attune.bootstrap;
    exports io.attune.bootstrap.infra;
    exports io.attune.bootstrap.wiring;
    exports io.attune.bootstrap.health;
    exports io.attune.bootstrap.lag;
}
