/** Attune's REST API v1: controllers facing the inbound ports, problem+json errors, OpenAPI. */
module io.attune.adapters.http {
    requires io.attune.application;
    requires io.micronaut.micronaut_core;
    requires io.micronaut.micronaut_inject;
    requires io.micronaut.micronaut_context;
    requires io.micronaut.micronaut_http;
    requires io.micronaut.micronaut_http_server;
    requires io.micronaut.micronaut_router;
    requires jakarta.inject;
    requires org.slf4j;
    requires java.sql; // the pool's connection timeout, answered 503 (problem.UnexpectedExceptionHandler)
    requires com.fasterxml.jackson.annotation;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;
    requires reactor.core;
    requires io.micronaut.security.micronaut_security;
    requires io.micronaut.security.micronaut_security_jwt;
    requires org.reactivestreams;
    requires static io.swagger.v3.oas.annotations;

    exports io.attune.adapters.http;
    exports io.attune.adapters.http.problem;
    exports io.attune.adapters.http.support;
    exports io.attune.adapters.http.execution;
    exports io.attune.adapters.http.catalog;
    exports io.attune.adapters.http.pack;
    exports io.attune.adapters.http.rule;
    exports io.attune.adapters.http.key;
    exports io.attune.adapters.http.webhook;
    exports io.attune.adapters.http.event;
    exports io.attune.adapters.http.audit;
    exports io.attune.adapters.http.security;
    exports io.attune.adapters.http.workflow;
    exports io.attune.adapters.http.inquiry;

    // Jackson reads and writes the request and response records by reflection.
    opens io.attune.adapters.http.problem to com.fasterxml.jackson.databind;
    opens io.attune.adapters.http.support to com.fasterxml.jackson.databind;
    opens io.attune.adapters.http.catalog to com.fasterxml.jackson.databind;
    opens io.attune.adapters.http.pack to com.fasterxml.jackson.databind;
    opens io.attune.adapters.http.rule to com.fasterxml.jackson.databind;
    opens io.attune.adapters.http.key to com.fasterxml.jackson.databind;
    opens io.attune.adapters.http.webhook to com.fasterxml.jackson.databind;
    opens io.attune.adapters.http.event to com.fasterxml.jackson.databind;
    opens io.attune.adapters.http.audit to com.fasterxml.jackson.databind;
    opens io.attune.adapters.http.security to com.fasterxml.jackson.databind;
    opens io.attune.adapters.http.execution to com.fasterxml.jackson.databind;
    opens io.attune.adapters.http.workflow to com.fasterxml.jackson.databind;
    opens io.attune.adapters.http.inquiry to com.fasterxml.jackson.databind;
}
