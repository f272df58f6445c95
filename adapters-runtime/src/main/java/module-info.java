/** Runs actions for workers: subprocesses for shell, python and node actions, and the built-in internal actions. */
module io.attune.adapters.runtime {
    requires io.attune.application;
    requires io.micronaut.micronaut_core;
    requires io.micronaut.micronaut_inject;
    requires jakarta.inject;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;
    requires java.net.http;

    exports io.attune.adapters.runtime;
}
