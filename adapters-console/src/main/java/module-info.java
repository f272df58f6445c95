/** Attune's web console: server-side pages over the inbound ports, htmx and server-sent events, cookie sessions. */
module io.attune.adapters.console {
    requires io.attune.application;
    requires io.micronaut.micronaut_core;
    requires io.micronaut.micronaut_inject;
    requires io.micronaut.micronaut_context;
    requires io.micronaut.micronaut_http;
    requires io.micronaut.micronaut_http_server;
    requires io.micronaut.micronaut_router;
    requires io.micronaut.security.micronaut_security;
    requires io.micronaut.security.micronaut_security_jwt;
    requires io.micronaut.views.micronaut_views_core;
    requires gg.jte.runtime;
    requires jakarta.inject;
    requires org.slf4j;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;
    requires reactor.core;
    requires org.reactivestreams;

    exports io.attune.adapters.console.web;
    exports io.attune.adapters.console.login;
    exports io.attune.adapters.console.dashboard;
    exports io.attune.adapters.console.execution;
    exports io.attune.adapters.console.action;
    exports io.attune.adapters.console.workflow;
    exports io.attune.adapters.console.inquiry;
    exports io.attune.adapters.console.rule;
    exports io.attune.adapters.console.sensor;
    exports io.attune.adapters.console.key;
    exports io.attune.adapters.console.audit;
    exports io.attune.adapters.console.user;
    exports io.attune.adapters.console.pack;
    // the precompiled templates (jte-maven-plugin) are looked up by name at run time
    exports gg.jte.generated.precompiled;
}
