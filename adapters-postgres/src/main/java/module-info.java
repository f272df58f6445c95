/** The PostgreSQL adapter: the out-port repositories and TransactionRunner on Micronaut Data JDBC, and the Flyway migrations. */
module io.attune.adapters.postgres {
    requires io.attune.application;
    requires io.micronaut.micronaut_core;
    requires io.micronaut.micronaut_inject;
    requires io.micronaut.data.micronaut_data_model;
    requires io.micronaut.data.micronaut_data_connection;
    requires io.micronaut.data.micronaut_data_tx;
    requires jakarta.inject;
    requires java.sql;
    requires org.postgresql.jdbc;
    requires io.micronaut.sql.micronaut_jdbc;
    requires com.fasterxml.jackson.databind;

    exports io.attune.adapters.postgres;
}
